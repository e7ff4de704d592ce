package io.sparkoperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sparkoperator.config.OperatorConfig;
import io.sparkoperator.config.OperatorFlags;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures a newcomer meets are said once, with the address, flag or server they are about. */
class OperatorStartFailureTest {
    @TempDir
    Path sparkHome;

    @Test
    void anUnreachableApiServerFailsStartWithItsUrlAndCause() throws Exception {
        int closed = freePort();
        OperatorConfig config = config("--cache-sync-timeout=3s", "--health-probe-bind-address=127.0.0.1:0",
                "--metrics-bind-address=127.0.0.1:0");
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("https://127.0.0.1:" + closed).withRequestRetryBackoffLimit(1).build()).build()) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> Operator.start(config, Map.of(), client, UnaryOperator.identity()));
            assertEquals("cannot start watching at the Kubernetes API server https://127.0.0.1:" + closed + "/: "
                    + "could not list Spark pods within 3 s in all namespaces: connection refused", error.getMessage());
        }
    }

    @Test
    void aTakenPortNamesTheAddressAndTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            OperatorConfig config = config("--metrics-bind-address=127.0.0.1:" + taken.getLocalPort());
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                    .withMasterUrl("https://127.0.0.1:1").build()).build()) {
                IOException error = assertThrows(IOException.class,
                        () -> Operator.start(config, Map.of(), client, UnaryOperator.identity()));
                assertTrue(error.getMessage().startsWith("cannot listen for metrics on 127.0.0.1:"
                        + taken.getLocalPort() + " (--metrics-bind-address): "), error.getMessage());
            }
        }
    }

    private OperatorConfig config(String... flags) throws IOException {
        Path submit = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
        Files.writeString(submit, "#!/bin/sh\nexit 0\n");
        submit.toFile().setExecutable(true);
        String[] args = new String[flags.length + 2];
        System.arraycopy(flags, 0, args, 0, flags.length);
        args[flags.length] = "--spark-home=" + sparkHome;
        args[flags.length + 1] = "--spark-submit-master=k8s://https://127.0.0.1:1";
        return OperatorFlags.parse(args, Map.of());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
