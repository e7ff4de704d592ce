package io.sparkoperator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.sparkoperator.batch.BatchSettings;
import io.sparkoperator.logging.LogFormat;
import io.sparkoperator.logging.LogLevel;
import io.sparkoperator.logging.LogSettings;
import io.sparkoperator.metrics.MetricsSettings;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.submit.SubmissionMode;
import io.sparkoperator.submit.WorkerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatorFlagsTest {
    private static OperatorConfig parse(String... args) {
        return OperatorFlags.parse(args, Map.of());
    }

    @Test
    void defaultsMatchTheGoOperator() {
        OperatorConfig config = parse();
        assertTrue(config.watchesAllNamespaces());
        assertNull(config.labelSelectorFilter());
        assertEquals(Duration.ofSeconds(10), config.driverPodCreationGracePeriod());
        assertTrue(config.uiService().enabled());
        assertTrue(config.uiService().deleteOnTermination());
        assertFalse(config.uiService().ingress().enabled());
        assertFalse(config.leaderElection().enabled());
        assertEquals("spark-operator-lock", config.leaderElection().lockName());
        assertEquals("spark-operator", config.leaderElection().lockNamespace());
        assertEquals(Duration.ofSeconds(15), config.leaderElection().leaseDuration());
        assertEquals(Duration.ofSeconds(10), config.leaderElection().renewDeadline());
        assertEquals(Duration.ofSeconds(2), config.leaderElection().retryPeriod());
        assertEquals(Optional.of(new BindAddress("", 8080)), config.metricsBindAddress());
        assertEquals(new BindAddress("", 8081), config.healthProbeBindAddress());
        assertEquals(LogSettings.defaults(), config.logging());
        assertEquals(MetricsSettings.defaults(), config.metrics());
        assertEquals("/metrics", config.metricsEndpoint());
        assertEquals(1000, config.maxTrackedExecutorPerApp());
        assertEquals(0, config.defaultTimeToLiveSeconds());
        assertTrue(config.sparkSubmitConcurrency() >= 1);
        assertEquals(Duration.ofMinutes(5), config.sparkSubmitTimeout());
        assertEquals("", config.sparkSubmitMaster());
        assertEquals(10, config.controllerThreads());
    }

    @Test
    void readsEveryFormOfFlag() {
        OperatorConfig config = parse("--namespaces=default, spark", "--label-selector-filter", "team=a,!legacy,env!=dev",
                "--driver-pod-creation-grace-period=1m30s", "--enable-ui-service=false",
                "--ingress-url-format={{$appName}}.example.com", "--ingress-class-name=nginx",
                "--ingress-annotations={\"a\":\"b\"}", "--ingress-tls=[{\"hosts\":[\"x.example.com\"],\"secretName\":\"s\"}]",
                "--leader-election", "--leader-election-lease-duration=30s", "--metrics-bind-address=0",
                "--health-probe-bind-address=127.0.0.1:9000", "--log-level=debug", "--log-encoder=json",
                "--spark-submit-timeout=500ms", "--spark-submit-concurrency=3", "--default-time-to-live-seconds=60",
                "--max-tracked-executor-per-app=5", "--controller-threads=4");
        assertEquals(List.of("default", "spark"), config.namespaces());
        assertEquals(Map.of("team", "a"), config.labelSelectorFilter().getMatchLabels());
        assertEquals(2, config.labelSelectorFilter().getMatchExpressions().size());
        assertEquals("DoesNotExist", config.labelSelectorFilter().getMatchExpressions().get(0).getOperator());
        assertEquals(List.of("dev"), config.labelSelectorFilter().getMatchExpressions().get(1).getValues());
        assertEquals(Duration.ofSeconds(90), config.driverPodCreationGracePeriod());
        assertFalse(config.uiService().enabled());
        assertTrue(config.uiService().ingress().enabled());
        assertEquals("nginx", config.uiService().ingress().className());
        assertEquals(Map.of("a", "b"), config.uiService().ingress().annotations());
        assertEquals("s", config.uiService().ingress().tls().get(0).getSecretName());
        assertTrue(config.leaderElection().enabled());
        assertEquals(Duration.ofSeconds(30), config.leaderElection().leaseDuration());
        assertTrue(config.metricsBindAddress().isEmpty());
        assertEquals("127.0.0.1", config.healthProbeBindAddress().bindHost());
        assertEquals(new LogSettings(LogLevel.DEBUG, LogFormat.JSON), config.logging());
        assertEquals(Duration.ofMillis(500), config.sparkSubmitTimeout());
        assertEquals(3, config.sparkSubmitConcurrency());
        assertEquals(60, config.defaultTimeToLiveSeconds());
        assertEquals(5, config.maxTrackedExecutorPerApp());
        assertEquals(4, config.controllerThreads());
        assertThrows(ConfigException.class, () -> parse("--controller-threads=0"));
    }

    @Test
    void submissionIsWarmByDefaultAndTheWorkerLimitsAreFlags() {
        assertEquals(SubmissionMode.WARM, parse().submissionWorker().mode());
        assertEquals(500, parse().submissionWorker().maxSubmissions());
        assertEquals(120, parse().submissionWorker().maxHeapMiB());
        WorkerSettings cold = parse("--submission-mode=COLD", "--submission-worker-max-submissions=7",
                "--submission-worker-max-heap-mib=64").submissionWorker();
        assertEquals(SubmissionMode.COLD, cold.mode());
        assertEquals(7, cold.maxSubmissions());
        assertEquals(64, cold.maxHeapMiB());
        ConfigException wrong = assertThrows(ConfigException.class, () -> parse("--submission-mode=lukewarm",
                "--submission-worker-max-submissions=0"));
        assertTrue(wrong.getMessage().contains("--submission-mode=lukewarm: expected warm or cold"), wrong::getMessage);
        assertTrue(wrong.getMessage().contains("--submission-worker-max-submissions=0: must be at least 1"),
                wrong::getMessage);
    }

    @Test
    void environmentIsReadAndFlagsWin() {
        Map<String, String> env = Map.of("SPARK_OPERATOR_NAMESPACES", "a,b", "SPARK_OPERATOR_LOG_LEVEL", "error",
                "SPARK_OPERATOR_UI_SERVICE_DELETE_ON_TERMINATION", "false", "SPARK_HOME", "/opt/spark");
        OperatorConfig config = OperatorFlags.parse(new String[] {"--log-level", "warn"}, env);
        assertEquals("/opt/spark", config.sparkHome());
        assertEquals("/srv/spark", OperatorFlags.parse(new String[] {"--spark-home=/srv/spark"}, env).sparkHome());
        assertEquals(List.of("a", "b"), config.namespaces());
        assertEquals(LogLevel.WARN, config.logging().level());
        assertFalse(config.uiService().deleteOnTermination());
    }

    @Test
    void aListHoldingEmptyMeansAllNamespaces() {
        assertTrue(parse("--namespaces=default,").watchesAllNamespaces());
    }

    @Test
    void metricsFlagsOfTheGoOperatorAreRead() {
        OperatorConfig config = parse("--metrics-prefix=my_", "--metrics-labels=app_type, namespace",
                "--metrics-job-start-latency-buckets=10,20", "--metrics-endpoint=/m", "--log-format=json");
        assertEquals(new MetricsSettings("my_", List.of("app_type", "namespace"),
                MetricsSettings.DEFAULT_SUBMIT_LATENCY_BUCKETS, List.of(10.0, 20.0)), config.metrics());
        assertEquals("/m", config.metricsEndpoint());
        assertEquals(LogFormat.JSON, config.logging().format());
        assertTrue(parse("--enable-metrics=false").metricsBindAddress().isEmpty());
        ConfigException error = assertThrows(ConfigException.class,
                () -> parse("--metrics-job-submit-latency-buckets=1,x", "--health-probe-bind-address=0"));
        assertTrue(error.getMessage().contains("latency bucket 'x' is not a number"), error.getMessage());
        assertTrue(error.getMessage().contains("health probes cannot be switched off"), error.getMessage());
    }

    @Test
    void metricsPortReplacesThePortOfTheBindAddress() {
        assertEquals(Optional.of(new BindAddress("", 9090)), parse("--metrics-port=9090").metricsBindAddress());
    }

    @Test
    void badValuesAreAllReportedByFlagName() {
        ConfigException error = assertThrows(ConfigException.class, () -> parse("--driver-pod-creation-grace-period=soon",
                "--spark-submit-concurrency=0", "--log-level=loud", "--ingress-annotations=[1]", "--enable-ui-service=maybe",
                "--label-selector-filter=env in (a,b", "--metrics-bind-address=8080", "--bogus", "stray"));
        String text = error.getMessage();
        assertEquals(9, error.problems().size(), text);
        assertTrue(text.contains("--driver-pod-creation-grace-period=soon: not a duration"), text);
        assertTrue(text.contains("--spark-submit-concurrency=0: must be at least 1"), text);
        assertTrue(text.contains("--log-level=loud: "), text);
        assertTrue(text.contains("--ingress-annotations=[1]: not a JSON object"), text);
        assertTrue(text.contains("--enable-ui-service=maybe: expected true or false"), text);
        assertTrue(text.contains("--label-selector-filter=env in (a,b: cannot read 'env in (a,b'"), text);
        assertTrue(text.contains("--metrics-bind-address=8080: not a bind address"), text);
        assertTrue(text.contains("unknown flag --bogus"), text);
        assertTrue(text.contains("unexpected argument 'stray'"), text);
    }

    @Test
    void leaderElectionDurationsMustBeOrdered() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> parse("--leader-election", "--leader-election-lease-duration=5s"));
        assertTrue(error.getMessage().contains("--leader-election-lease-duration=5s must be longer than "
                + "--leader-election-renew-deadline=10s"), error.getMessage());
        ConfigException tight = assertThrows(ConfigException.class, () -> parse("--leader-election",
                "--leader-election-renew-deadline=2s"));
        assertTrue(tight.getMessage().contains("--leader-election-renew-deadline=2s must be longer than 1.2 x "
                + "--leader-election-retry-period=2s"), tight.getMessage());
        assertFalse(tight.getMessage().contains("PT"), "durations are echoed as typed: " + tight.getMessage());
    }

    @Test
    void shardsDefaultToOneLeaderAndMoreNeedLeasesWithRoomBetweenRenewDeadlineAndExpiry() {
        assertEquals(1, parse().leaderElection().shards(), "one shard: leader election as before");
        assertFalse(parse("--leader-election").leaderElection().sharded());
        LeaderElectionOptions sharded = parse("--leader-election", "--shards=16").leaderElection();
        assertEquals(16, sharded.shards());
        assertTrue(sharded.sharded());
        assertEquals(List.of("--shards=16 needs --leader-election=true: the shards are Leases"),
                assertThrows(ConfigException.class, () -> parse("--shards=16")).problems());
        assertEquals(List.of("--shards=0: must be at least 1"),
                assertThrows(ConfigException.class, () -> parse("--leader-election", "--shards=0")).problems());
        assertEquals(List.of("--shards=sixteen: not a whole number"),
                assertThrows(ConfigException.class, () -> parse("--leader-election", "--shards=sixteen")).problems());
        assertTrue(assertThrows(ConfigException.class, () -> parse("--leader-election", "--shards=2048"))
                .getMessage().contains("--shards=2048 is more than 1024"));
        ConfigException tight = assertThrows(ConfigException.class, () -> parse("--leader-election", "--shards=4",
                "--leader-election-lease-duration=11s"));
        assertEquals(List.of("--leader-election-lease-duration=11s must be longer than "
                + "--leader-election-renew-deadline=10s + --leader-election-retry-period=2s with --shards=4"),
                tight.problems());
        assertEquals(4, parse("--leader-election", "--shards=4", "--leader-election-lease-duration=11s",
                "--leader-election-retry-period=500ms").leaderElection().shards());
    }

    @Test
    void aBadLogFormatIsReportedAgainstTheFlagThatGaveIt() {
        ConfigException format = assertThrows(ConfigException.class, () -> parse("--log-format=xml"));
        assertEquals(List.of("--log-format=xml: log format 'xml' is not one of plain, json"), format.problems());
        ConfigException encoder = assertThrows(ConfigException.class, () -> parse("--log-encoder=xml",
                "--log-level=loud"));
        assertEquals(List.of("--log-level=loud: log level 'loud' is not one of debug, info, warn, error",
                "--log-encoder=xml: log format 'xml' is not one of plain, json"), encoder.problems());
    }

    @Test
    void setBasedLabelSelectorsAreRead() {
        LabelSelector selector = parse("--label-selector-filter=app in (a, b),tier notin (x),env=prod,!legacy")
                .labelSelectorFilter();
        assertEquals(Map.of("env", "prod"), selector.getMatchLabels());
        assertEquals(List.of(new LabelSelectorRequirement("app", "In", List.of("a", "b")),
                new LabelSelectorRequirement("tier", "NotIn", List.of("x")),
                new LabelSelectorRequirement("legacy", "DoesNotExist", List.of())), selector.getMatchExpressions());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> parse("--label-selector-filter=app in (a,b),tier in (x y)"));
        assertTrue(bad.getMessage().contains("--label-selector-filter=app in (a,b),tier in (x y): invalid label value "
                + "'x y' in selector 'app in (a,b),tier in (x y)'"), bad.getMessage());
    }

    @Test
    void aValueFlagWithoutValueIsAnError() {
        assertThrows(ConfigException.class, () -> parse("--namespaces"));
        ConfigException error = assertThrows(ConfigException.class, () -> parse("--namespaces", "--leader-election"));
        assertEquals(List.of("flag --namespaces needs a value"), error.problems());
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        String help = OperatorFlags.help();
        for (String flag : List.of("namespaces", "label-selector-filter", "driver-pod-creation-grace-period",
                "enable-ui-service", "ui-service-delete-on-termination", "ingress-url-format", "ingress-class-name",
                "ingress-annotations", "ingress-tls", "leader-election", "leader-election-lock-name",
                "leader-election-lock-namespace", "leader-election-lease-duration", "leader-election-renew-deadline",
                "leader-election-retry-period", "metrics-bind-address", "metrics-port", "health-probe-bind-address",
                "log-level", "log-encoder", "spark-submit-timeout", "spark-submit-concurrency",
                "default-time-to-live-seconds", "max-tracked-executor-per-app", "spark-home", "spark-submit-master",
                "cache-sync-timeout", "shutdown-timeout", "controller-threads", "shards")) {
            assertTrue(help.contains("--" + flag + " "), flag);
        }
        assertTrue(help.contains("(default spark-operator-lock)"));
        assertTrue(OperatorFlags.wantsHelp(new String[] {"--namespaces=a", "--help"}));
    }

    @Test
    void flagDurations() {
        assertEquals(Duration.ofMinutes(90), FlagDuration.parse("1h30m"));
        assertEquals(Duration.ofMillis(1500), FlagDuration.parse("1.5s"));
        assertEquals(Duration.ofSeconds(7), FlagDuration.parse("7"));
        assertThrows(IllegalArgumentException.class, () -> FlagDuration.parse("10 s"));
        assertThrows(IllegalArgumentException.class, () -> FlagDuration.parse("s"));
        assertThrows(IllegalArgumentException.class, () -> FlagDuration.parse("-5s"));
        assertEquals(Duration.ofNanos(2_000), FlagDuration.parse("2\u00b5s"));
    }

    @Test
    void batchSchedulerFlagsMeanWhatTheGoFlagsMean() {
        assertEquals(BatchSettings.disabled(), parse().batch());
        OperatorConfig config = parse("--enable-batch-scheduler", "--kube-scheduler-names=coscheduler, other",
                "--default-batch-scheduler=coscheduler", "--enable-driver-pdb=true");
        assertEquals(new BatchSettings(true, "coscheduler", List.of("coscheduler", "other"), true), config.batch());
        ConfigException error = assertThrows(ConfigException.class,
                () -> parse("--enable-batch-scheduler", "--default-batch-scheduler=kube"));
        assertEquals(List.of("--default-batch-scheduler=kube is not a registered batch scheduler (registered:"
                + " volcano, yunikorn)"), error.problems());
    }
}
