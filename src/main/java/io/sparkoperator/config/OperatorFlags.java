package io.sparkoperator.config;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.batch.BatchSettings;
import io.sparkoperator.logging.LogFormat;
import io.sparkoperator.logging.LogLevel;
import io.sparkoperator.logging.LogSettings;
import io.sparkoperator.metrics.MetricsSettings;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.submit.SubmissionMode;
import io.sparkoperator.submit.SubmitterConfig;
import io.sparkoperator.submit.WorkerSettings;
import io.sparkoperator.ui.IngressOptions;
import io.sparkoperator.ui.UiServiceOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The command line: flag names follow the Go operator's {@code controller start}. Each flag can also come from the
 * environment as {@code SPARK_OPERATOR_<NAME>} (upper case, dashes as underscores); a flag beats the environment.
 * Accepts {@code --name=value}, {@code --name value}, and a bare {@code --name} for booleans.
 */
public final class OperatorFlags {
    static final String ENV_PREFIX = "SPARK_OPERATOR_";

    private record Flag(String name, String defaultValue, boolean bool, String help) {
    }

    private static final List<Flag> FLAGS = List.of(
            new Flag("namespaces", "", false,
                    "Comma-separated namespaces to watch; empty (or a list holding \"\") means all namespaces."),
            new Flag("label-selector-filter", "", false,
                    "Only handle SparkApplications matching this label selector (key=value, key!=value, key, !key)."),
            new Flag("driver-pod-creation-grace-period", "10s", false,
                    "How long after a submission a missing driver pod is tolerated before the app fails."),
            new Flag("enable-ui-service", "true", true, "Create the <app>-ui-svc Service for each running driver."),
            new Flag("ui-service-delete-on-termination", "true", true,
                    "Delete the UI Service and Ingress once the app is COMPLETED or FAILED."),
            new Flag("ingress-url-format", "", false,
                    "Create a Spark UI Ingress at this URL; {{$appName}}, {{$appNamespace}}, {{$appId}} are replaced."),
            new Flag("ingress-class-name", "", false, "ingressClassName of the Spark UI Ingress."),
            new Flag("ingress-annotations", "", false,
                    "Default Ingress annotations as a JSON object, e.g. {\"a\":\"b\"}."),
            new Flag("ingress-tls", "", false, "Default Ingress TLS as a JSON array of IngressTLS objects."),
            new Flag("leader-election", "false", true, "Run only while holding a Lease (for several replicas)."),
            new Flag("leader-election-lock-name", "spark-operator-lock", false, "Name of the Lease."),
            new Flag("leader-election-lock-namespace", "spark-operator", false, "Namespace of the Lease."),
            new Flag("leader-election-lease-duration", "15s", false, "How long a Lease is valid without renewal."),
            new Flag("leader-election-renew-deadline", "10s", false, "How long the leader retries renewing."),
            new Flag("leader-election-retry-period", "2s", false, "Wait between election attempts."),
            new Flag("shards", "1", false, "Virtual shards the replicas share through Leases (needs --leader-election);"
                    + " 1 elects one leader, more make every replica reconcile its share (at most 1024)."),
            new Flag("enable-metrics", "true", true, "Serve Prometheus metrics."),
            new Flag("metrics-bind-address", ":8080", false, "Prometheus /metrics address; 0 switches it off."),
            new Flag("metrics-port", "", false, "Shorthand: the port of --metrics-bind-address."),
            new Flag("metrics-endpoint", "/metrics", false, "Path of the metrics endpoint."),
            new Flag("metrics-prefix", "", false, "Prefix glued in front of the spark_* metric names."),
            new Flag("metrics-labels", "", false,
                    "Comma-separated app label keys added as metric labels (e.g. app_type,namespace)."),
            new Flag("metrics-job-submit-latency-buckets", "0.5,1,2,4,8,16,32,64,128,256", false,
                    "Buckets (seconds) of the submit latency histogram."),
            new Flag("metrics-job-start-latency-buckets", "30,60,90,120,150,180,210,240,270,300", false,
                    "Buckets (seconds) of the start latency histogram."),
            new Flag("health-probe-bind-address", ":8081", false, "/healthz and /readyz address."),
            new Flag("log-level", "info", false, "debug, info, warn or error."),
            new Flag("log-encoder", "console", false, "console (plain lines) or json."),
            new Flag("log-format", "", false, "Same as --log-encoder (plain or json); wins when both are given."),
            new Flag("spark-submit-timeout", "5m", false,
                    "A spark-submit running longer (waiting for a slot included) is killed and counts as failed."),
            new Flag("spark-submit-concurrency", "", false,
                    "At most this many spark-submit processes at once (default: number of CPUs)."),
            new Flag("spark-home", "", false,
                    "Spark installation with bin/spark-submit (default: the SPARK_HOME environment variable)."),
            new Flag("spark-submit-master", "", false,
                    "--master for spark-submit (default: k8s://https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT)."),
            new Flag("default-time-to-live-seconds", "0", false,
                    "Delete finished apps without spec.timeToLiveSeconds after this many seconds; 0 keeps them."),
            new Flag("max-tracked-executor-per-app", "1000", false,
                    "Executors with a higher spark-exec-id are not tracked in status."),
            new Flag("cache-sync-timeout", "30s", false, "Give up starting if the informer caches do not sync in time."),
            new Flag("shutdown-timeout", "30s", false,
                    "On SIGTERM, how long running spark-submits may finish before they are killed."),
            new Flag("controller-threads", "10", false,
                    "At most this many reconciliations at once per kind; the rest wait, pod events first."),
            new Flag("enable-batch-scheduler", "false", true,
                    "Enable the batch schedulers volcano and yunikorn, and those named by --kube-scheduler-names."),
            new Flag("default-batch-scheduler", "", false,
                    "Batch scheduler for apps without spec.batchScheduler (needs --enable-batch-scheduler)."),
            new Flag("kube-scheduler-names", "", false,
                    "Comma-separated scheduler-plugins (coscheduling) scheduler names apps may name."),
            new Flag("enable-driver-pdb", "false", true,
                    "Create a driver PodDisruptionBudget for apps with spec.driverPodDisruptionBudget: true."),
            new Flag("work-dir", "", false,
                    "Where spark-submit's pod template files and start-up cache (about 80 MB) live "
                    + "(default: <java.io.tmpdir>/spark-operator)."),
            new Flag("api-server-unavailable-timeout", "10m", false,
                    "How long a submission that fails because the API server cannot be reached (refused, timed out, "
                    + "5xx, 429) is retried without spending the app's submission retries."),
            new Flag("submission-mode", "warm", false,
                    "warm: run spark-submit in long-lived submission worker JVMs (at most --spark-submit-concurrency),"
                    + " cold when none can start; cold: a new spark-submit JVM per submission."),
            new Flag("submission-worker-max-submissions", String.valueOf(WorkerSettings.DEFAULT_MAX_SUBMISSIONS),
                    false, "A submission worker is replaced after this many submissions."),
            new Flag("submission-worker-max-heap-mib", String.valueOf(WorkerSettings.DEFAULT_MAX_HEAP_MIB), false,
                    "A submission worker is replaced when its heap in use after collection passes this (MiB)."));

    private OperatorFlags() {
    }

    public static boolean wantsHelp(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h") || a.equals("-help"));
    }

    public static String help() {
        StringBuilder out = new StringBuilder("Usage: spark-operator [flags]\n\n"
                + "Runs SparkApplications and ScheduledSparkApplications (sparkoperator.k8s.io/v1beta2).\n"
                + "Every flag may also be set as environment variable " + ENV_PREFIX + "<FLAG> (e.g. "
                + envName("namespaces") + "=default,spark).\n\nFlags:\n");
        for (Flag flag : FLAGS) {
            out.append(String.format("  --%-36s %s%n", flag.name() + (flag.bool() ? "" : " value"), flag.help()));
            if (!flag.defaultValue().isEmpty()) {
                out.append(String.format("  %-38s (default %s)%n", "", flag.defaultValue()));
            }
        }
        return out.append("  --help                                 Print this text.\n").toString();
    }

    static String envName(String flag) {
        return ENV_PREFIX + flag.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public static OperatorConfig parse(String[] args, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Flag flag : FLAGS) {
            values.put(flag.name(), env.getOrDefault(envName(flag.name()), flag.defaultValue()));
        }
        readArgs(args, values, problems);
        Values v = new Values(values, problems);
        IngressOptions ingress = new IngressOptions(v.text("ingress-url-format"), v.text("ingress-class-name"),
                v.get("ingress-annotations", OperatorFlags::stringMap, Map.of()),
                v.get("ingress-tls", OperatorFlags::tlsList, List.of()));
        LeaderElectionOptions election = new LeaderElectionOptions(v.bool("leader-election"),
                v.text("leader-election-lock-name"), v.text("leader-election-lock-namespace"),
                v.duration("leader-election-lease-duration"), v.duration("leader-election-renew-deadline"),
                v.duration("leader-election-retry-period"), 1);
        int shards = v.intAtLeast("shards", 1);
        if (shards > MAX_SHARDS) {
            problems.add(v.typed("shards") + " is more than " + MAX_SHARDS + " (each shard is a Lease renewed every"
                    + " retry period)");
        } else if (shards > 1 && !election.enabled()) {
            problems.add(v.typed("shards") + " needs --leader-election=true: the shards are Leases");
        } else if (shards > 1) {
            election = election.withShards(shards);
        }
        if (election.enabled() && problems.isEmpty()) {
            checkLeaseTimings(v, election);
        }
        Optional<BindAddress> metrics = v.get("metrics-bind-address", BindAddress::parse, Optional.empty());
        if (!v.text("metrics-port").isEmpty()) {
            int port = v.intAtLeast("metrics-port", 1);
            metrics = Optional.of(new BindAddress(metrics.map(BindAddress::host).orElse(""), Math.min(port, 65535)));
        }
        if (!v.bool("enable-metrics")) {
            metrics = Optional.empty();
        }
        MetricsSettings metricsSettings = v.get("metrics-prefix", prefix -> new MetricsSettings(prefix,
                MetricsSettings.parseLabels(values.get("metrics-labels")),
                MetricsSettings.parseBuckets(values.get("metrics-job-submit-latency-buckets")),
                MetricsSettings.parseBuckets(values.get("metrics-job-start-latency-buckets"))),
                MetricsSettings.defaults());
        String logFormatFlag = v.text("log-format").isEmpty() ? "log-encoder" : "log-format";
        LogSettings logging = new LogSettings(
                v.get("log-level", t -> t.isBlank() ? LogLevel.INFO : LogLevel.parse(t), LogLevel.INFO),
                v.get(logFormatFlag, t -> t.isBlank() ? LogFormat.PLAIN : LogFormat.parse(t), LogFormat.PLAIN));
        BatchSettings batch = new BatchSettings(v.bool("enable-batch-scheduler"), v.text("default-batch-scheduler"),
                List.of(v.text("kube-scheduler-names").split(",")), v.bool("enable-driver-pdb"));
        problems.addAll(batch.problems());
        OperatorConfig config = new OperatorConfig(
                namespaces(v.text("namespaces")),
                v.get("label-selector-filter", LabelSelectors::parse, null),
                v.positiveDuration("driver-pod-creation-grace-period"),
                new UiServiceOptions(v.bool("enable-ui-service"), v.bool("ui-service-delete-on-termination"), ingress),
                election,
                metrics,
                v.get("health-probe-bind-address", OperatorFlags::healthAddress, new BindAddress("", 8081)),
                metricsSettings,
                v.text("metrics-endpoint"),
                logging,
                v.positiveDuration("spark-submit-timeout"),
                v.text("spark-submit-concurrency").isEmpty() ? Runtime.getRuntime().availableProcessors()
                        : v.intAtLeast("spark-submit-concurrency", 1),
                v.text("spark-home").isEmpty() ? env.getOrDefault("SPARK_HOME", "") : v.text("spark-home"),
                v.text("spark-submit-master"),
                v.longAtLeast("default-time-to-live-seconds", 0),
                v.intAtLeast("max-tracked-executor-per-app", 0),
                v.positiveDuration("cache-sync-timeout"),
                v.positiveDuration("shutdown-timeout"),
                v.intAtLeast("controller-threads", 1),
                v.text("work-dir").isEmpty() ? SubmitterConfig.defaultWorkDir() : Path.of(v.text("work-dir")),
                v.positiveDuration("api-server-unavailable-timeout"),
                batch,
                WorkerSettings.defaults()
                        .withMode(v.get("submission-mode", SubmissionMode::parse, SubmissionMode.WARM))
                        // a value below 1 is a problem already recorded: keep the settings valid until it is said
                        .withLimits(Math.max(1, v.intAtLeast("submission-worker-max-submissions", 1)),
                                Math.max(1, v.intAtLeast("submission-worker-max-heap-mib", 1))));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static void readArgs(String[] args, Map<String, String> values, List<String> problems) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                problems.add("unexpected argument '" + arg + "' (flags look like --name=value; see --help)");
                continue;
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            Flag flag = FLAGS.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
            if (flag == null) {
                problems.add("unknown flag --" + name + " (see --help)");
            } else if (eq >= 0) {
                values.put(name, body.substring(eq + 1));
            } else if (flag.bool()) {
                values.put(name, "true");
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(name, args[++i]);
            } else {
                problems.add("flag --" + name + " needs a value");
            }
        }
    }

    /** The ordering fabric8's elector needs (it jitters the retry period by up to 1.2x), said with the typed values. */
    static final int MAX_SHARDS = 1024;

    private static void checkLeaseTimings(Values v, LeaderElectionOptions election) {
        if (election.lockName().isBlank() || election.lockNamespace().isBlank()) {
            v.problems().add("--leader-election-lock-name and --leader-election-lock-namespace must not be empty");
        }
        if (election.leaseDuration().compareTo(election.renewDeadline()) <= 0) {
            v.problems().add(v.typed("leader-election-lease-duration") + " must be longer than "
                    + v.typed("leader-election-renew-deadline"));
        }
        if (election.renewDeadline().toMillis() <= election.retryPeriod().toMillis() * 1.2) {
            v.problems().add(v.typed("leader-election-renew-deadline") + " must be longer than 1.2 x "
                    + v.typed("leader-election-retry-period"));
        }
        // A replica that cannot renew stops a shard at the renew deadline (checked every quarter retry period);
        // the others take it only after the lease duration: that gap is what keeps two owners apart.
        if (election.sharded() && election.leaseDuration().compareTo(election.renewDeadline()
                .plus(election.retryPeriod())) <= 0) {
            v.problems().add(v.typed("leader-election-lease-duration") + " must be longer than "
                    + v.typed("leader-election-renew-deadline") + " + " + v.typed("leader-election-retry-period")
                    + " with " + v.typed("shards"));
        }
    }

    private static List<String> namespaces(String text) {
        List<String> names = Arrays.stream(text.split(",", -1)).map(String::trim).toList();
        // As in the Go operator's Helm chart, a list that contains "" means every namespace.
        return names.contains("") ? List.of() : names.stream().distinct().toList();
    }

    private static Map<String, String> stringMap(String json) {
        if (json.isBlank()) {
            return Map.of();
        }
        try {
            return ApiJson.mapper().readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JSON object of strings: " + json);
        }
    }

    private static List<IngressTLS> tlsList(String json) {
        if (json.isBlank()) {
            return List.of();
        }
        try {
            return List.of(ApiJson.serialization().unmarshal(json, IngressTLS[].class));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JSON array of IngressTLS: " + json);
        }
    }

    private static BindAddress healthAddress(String text) {
        return BindAddress.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "the health probes cannot be switched off (Kubernetes needs them)"));
    }

    /** Typed reads of the merged values; each failure adds one problem naming the flag and returns a fallback. */
    private record Values(Map<String, String> values, List<String> problems) {
        String text(String name) {
            return values.get(name).trim();
        }

        <T> T get(String name, Function<String, T> parser, T fallback) {
            try {
                return parser.apply(values.get(name));
            } catch (RuntimeException e) {
                problems.add(typed(name) + ": " + reason(e));
                return fallback;
            }
        }

        /** {@code --name=value} as the user wrote it (or as the default reads). */
        String typed(String name) {
            return "--" + name + "=" + text(name);
        }

        boolean bool(String name) {
            return get(name, text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw new IllegalArgumentException("expected true or false");
            }, false);
        }

        Duration duration(String name) {
            return get(name, FlagDuration::parse, Duration.ofSeconds(1));
        }

        Duration positiveDuration(String name) {
            Duration value = duration(name);
            if (value.isZero() || value.isNegative()) {
                problems.add(typed(name) + ": must be greater than zero");
            }
            return value;
        }

        long longAtLeast(String name, long min) {
            long value = get(name, text -> Long.parseLong(text.trim()), min);
            if (value < min) {
                problems.add(typed(name) + ": must be at least " + min);
            }
            return value;
        }

        int intAtLeast(String name, int min) {
            return (int) Math.min(Integer.MAX_VALUE, longAtLeast(name, min));
        }

        private static String reason(RuntimeException e) {
            return e instanceof NumberFormatException ? "not a whole number"
                    : e.getMessage() != null && e.getMessage().startsWith("No enum constant")
                    ? "not one of the allowed values (see --help)" : e.getMessage();
        }
    }
}
