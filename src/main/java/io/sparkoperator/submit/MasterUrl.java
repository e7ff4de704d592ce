package io.sparkoperator.submit;

import java.util.Map;

/** The {@code --master} URL of the cluster the operator runs in, as the Go operator derives it. */
public final class MasterUrl {
    private MasterUrl() {
    }

    /** {@code k8s://https://<KUBERNETES_SERVICE_HOST>:<KUBERNETES_SERVICE_PORT>}, an IPv6 host in brackets. */
    public static String inCluster(Map<String, String> env) {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        String port = env.get("KUBERNETES_SERVICE_PORT");
        if (host == null || host.isBlank() || port == null || port.isBlank()) {
            throw new IllegalStateException("cannot derive the spark-submit master URL: KUBERNETES_SERVICE_HOST and"
                    + " KUBERNETES_SERVICE_PORT are not set (not running in a pod?); configure the master URL");
        }
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "k8s://https://" + h + ":" + port;
    }
}
