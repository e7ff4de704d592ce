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
    void theDeployedApplicationIdIsReadFromPlainAndJsonLinesAndAnAppNameCannotForgeIt() {
        String id = "spark-0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        assertEquals(java.util.Optional.of(id), StderrDigest.deployedApplicationId(List.of(
                "26/12/04 19:30:08 INFO KerberosConfDriverFeatureStep: You have not specified a krb5.conf file",
                "26/12/04 19:30:09 INFO Client: Deployed Spark application spark-pi with application ID " + id
                        + " and submission ID default:spark-pi-driver into Kubernetes",
                "26/12/04 19:30:09 INFO ShutdownHookManager: Shutdown hook called")));
        assertEquals(java.util.Optional.of(id), StderrDigest.deployedApplicationId(List.of("{\"ts\":\"2026-12-04T19:30"
                + ":09.120Z\",\"level\":\"INFO\",\"msg\":\"Deployed Spark application spark-pi with application ID "
                + id + " and submission ID default:spark-pi-driver into Kubernetes\",\"context\":{\"app_id\":\"" + id
                + "\"},\"logger\":\"Client\"}")));
        assertEquals(java.util.Optional.of(id), StderrDigest.deployedApplicationId(List.of("26/12/04 19:30:09 INFO"
                + " Client: Deployed Spark application x with application ID spark-forged and submission ID y with"
                + " application ID " + id + " and submission ID default:x-driver into Kubernetes")),
                "the last ID on the line: the app name comes before Spark's own");
        assertEquals(java.util.Optional.empty(), StderrDigest.deployedApplicationId(REAL_409));
    }

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

    /** spark-submit's stderr on a real cluster while its API server was stopped (JDK 25 child). */
    static final List<String> REFUSED = List.of(
            "java.lang.UnsupportedOperationException: getSubject is not supported",
            "Exception in thread \"main\" io.fabric8.kubernetes.client.KubernetesClientException: An error has occurred.",
            "\tat io.fabric8.kubernetes.client.KubernetesClientException.launderThrowable(KubernetesClientException.java:129)",
            "Caused by: java.io.IOException: Connection refused: /127.0.0.1:6443",
            "\t... 15 more",
            "Caused by: java.net.ConnectException: Connection refused",
            "Picked up JAVA_TOOL_OPTIONS: -Djava.class.path=/opt/spark/jars/a.jar:/opt/spark/jars/b.jar");

    @Test
    void anUnreachableApiServerIsToldApartAndItsCauseLeads() {
        assertEquals(java.util.Optional.of("java.io.IOException: Connection refused: /127.0.0.1:6443"),
                StderrDigest.apiServerUnavailable(REFUSED));
        List<String> lines = StderrDigest.errorLines(REFUSED);
        assertFalse(lines.get(0).contains("getSubject"), lines::toString);
        assertTrue(lines.get(lines.size() - 1).contains("getSubject"), "kept, last: " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("Picked up")), "the JVM's echo of its options: " + lines);
    }

    @Test
    void serverErrorsAndThrottlingAreUnavailableClientErrorsAreNot() {
        assertTrue(StderrDigest.apiServerUnavailable(List.of("Failure executing: POST at: https://10.0.0.1/api/v1/"
                + "namespaces/default/pods. Message: etcdserver: request timed out. Received status: Status("
                + "code=500, reason=InternalError)")).isPresent());
        assertTrue(StderrDigest.apiServerUnavailable(List.of("Received status: Status(code=429, reason=TooManyRequests)"))
                .isPresent());
        assertTrue(StderrDigest.apiServerUnavailable(List.of("java.net.SocketTimeoutException: connect timed out"))
                .isPresent());
        assertFalse(StderrDigest.apiServerUnavailable(List.of("Received status: Status(code=403, reason=Forbidden)"))
                .isPresent());
        assertFalse(StderrDigest.apiServerUnavailable(List.of("Received status: Status(code=422, reason=Invalid) "
                + "spec.containers[0].resources.requests: Invalid value")).isPresent());
        assertFalse(StderrDigest.apiServerUnavailable(REAL_409).isPresent());
        assertFalse(StderrDigest.apiServerUnavailable(List.of(
                "26/01/01 10:00:00 INFO Client: connection refused once, retrying")).isPresent(), "INFO is noise");
    }
}
