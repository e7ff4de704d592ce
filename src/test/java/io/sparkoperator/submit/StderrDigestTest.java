package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StderrDigestTest {
    static final List<String> REAL_409 = List.of(
            "25/11/23 22:18:05 INFO SparkKubernetesClientFactory: Auto-configuring K8S client using current context",
            "26/11/23 22:46:18 WARN NativeCodeLoader: Unable to load native-hadoop library for your platform...",
            "Exception in thread \"main\" io.fabric8.kubernetes.client.KubernetesClientException: Failure executing: POST"
                    + " at: https://10.0.0.1/api/v1/namespaces/default/pods. Message: pods \"spark-pi-driver\" already"
                    + " exists. Received status: Status(apiVersion=v1, code=409, details=StatusDetails(kind=pods),"
                    + " reason=AlreadyExists, status=Failure).",
            "\tat io.fabric8.kubernetes.client.dsl.internal.OperationSupport.requestFailure(OperationSupport.java:642)",
            "\t... 12 more",
            "25/11/23 22:18:06 ERROR Client: Please check \"kubectl auth can-i create pod\" first. It should be yes.");

    @Test
    void alreadyExistsNeedsBoth409AndTheWordsInAnyCase() {
        assertTrue(StderrDigest.driverAlreadyExists(REAL_409));
        assertTrue(StderrDigest.driverAlreadyExists(List.of("Pod 'x-driver' Already Exists", "Status(code=409, reason=Invalid)")));
        assertFalse(StderrDigest.driverAlreadyExists(List.of("Status(code=409, reason=Conflict) the object has been modified")));
        assertFalse(StderrDigest.driverAlreadyExists(List.of("configmaps \"x\" already exists (code=500)".replace("500", "422"))));
    }

    @Test
    void errorLinesDropLogNoiseStackFramesAndTheMisleadingAuthHint() {
        assertEquals(List.of(REAL_409.get(2)), StderrDigest.errorLines(REAL_409));
    }

    @Test
    void withoutAnErrorLineTheLastMeaningfulLinesAreKept() {
        assertEquals(List.of("something odd happened"),
                StderrDigest.errorLines(List.of("25/11/23 22:18:05 INFO X: y", "something odd happened", "")));
    }
}
