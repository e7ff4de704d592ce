package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {
    @Test
    void secretLookingConfValuesAreMaskedEverythingElseKept() {
        List<String> argv = List.of("--master", "k8s://x", "--conf", "spark.hadoop.fs.s3a.secret.key=AKIAsecret",
                "--conf", "spark.kubernetes.driverEnv.DB_PASSWORD=hunter2",
                "--conf", "spark.hadoop.fs.s3a.access.key=AKIA",
                "--conf", "spark.executorEnv.API_TOKEN=t0k3n",
                "--conf", "spark.kubernetes.driverEnv.CREDENTIALS_FILE=/x",
                "--conf", "spark.driver.memory=1g", "local:///token=visible-positional.jar");

        assertEquals(List.of("--master", "k8s://x", "--conf", "spark.hadoop.fs.s3a.secret.key=*****",
                "--conf", "spark.kubernetes.driverEnv.DB_PASSWORD=*****",
                "--conf", "spark.hadoop.fs.s3a.access.key=*****",
                "--conf", "spark.executorEnv.API_TOKEN=*****",
                "--conf", "spark.kubernetes.driverEnv.CREDENTIALS_FILE=*****",
                "--conf", "spark.driver.memory=1g", "local:///token=visible-positional.jar"),
                SecretRedaction.redact(argv));
    }
}
