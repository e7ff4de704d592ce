package io.sparkoperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sparkoperator.config.OperatorFlags;
import io.sparkoperator.submit.SubmitterConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Main's wiring hands the submitter from the flags. */
class OperatorSubmitterConfigTest {
    private static SubmitterConfig submitterConfig(String... flags) {
        return Operator.submitterConfig(OperatorFlags.parse(flags, Map.of("SPARK_HOME", "/opt/spark")),
                Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"));
    }

    @Test
    void theUiIngressUrlFormatReachesSparkSubmitSoItsPathBecomesTheProxyBase() {
        String format = "example.com/{{ $appNamespace }}/{{$appName}}";
        assertEquals(format, submitterConfig("--ingress-url-format=" + format).arguments().uiIngressUrlFormat());
        assertNull(submitterConfig().arguments().uiIngressUrlFormat(), "no Ingress, no proxy base");
        assertNull(submitterConfig("--ingress-url-format=" + format, "--enable-ui-service=false").arguments()
                .uiIngressUrlFormat(), "no UI Service, no Ingress either");
    }

    @Test
    void submitterSettingsFollowTheFlags() {
        SubmitterConfig config = submitterConfig("--spark-submit-timeout=90s", "--spark-submit-concurrency=3");
        assertEquals("k8s://https://10.96.0.1:443", config.masterUrl());
        assertEquals(java.time.Duration.ofSeconds(90), config.timeout());
        assertEquals(3, config.maxConcurrentSubmits());
    }
}
