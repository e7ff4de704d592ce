package io.sparkoperator.hardening;

import static io.sparkoperator.hardening.BadInput.CRD_STORES;
import static io.sparkoperator.hardening.Manifest.SPARK_PI;
import static io.sparkoperator.hardening.Manifest.SPARK_PI_SCHEDULED;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkoperator.hardening.BadInput.Harmless;
import io.sparkoperator.hardening.BadInput.Outcome;
import io.sparkoperator.hardening.BadInput.Rejected;
import io.sparkoperator.hardening.BadInput.Unreadable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The bad manifests every layer is tried with; each is examples/spark-pi(-scheduled).yaml with one thing wrong. */
final class BadInputCatalog {
    static final String ATTACKER_MASTER = "k8s://https://attacker.example:443";
    /** The CRDs' CEL rule on sparkConf, which names the key families (ForbiddenSparkConf's list). */
    static final String CONF_RULE = "sparkConf must not set what the operator sets from the spec";

    private BadInputCatalog() {
    }

    static List<BadInput> sparkApplications() {
        List<BadInput> c = new ArrayList<>();
        // Missing required fields.
        c.add(app("missing-main-file", s -> s.remove("mainApplicationFile"), "mainApplicationFile",
                rejected("spec.mainApplicationFile is required")));
        c.add(app("blank-main-file", s -> s.put("mainApplicationFile", " "), CRD_STORES,
                rejected("spec.mainApplicationFile is required")));
        c.add(app("missing-spark-version", s -> s.remove("sparkVersion"), "sparkVersion",
                rejected("spec.sparkVersion is required")));
        c.add(app("missing-driver", s -> s.remove("driver"), "driver", rejected("spec.driver is required")));
        c.add(app("missing-executor", s -> s.remove("executor"), "executor", rejected("spec.executor is required")));
        c.add(new BadInput("missing-spec", SPARK_PI, m -> m.remove("spec"), "spec", rejected("spec is required")));
        // Wrong types a missing CRD lets through.
        c.add(app("cores-as-word", s -> Manifest.object(s, "/driver").put("cores", "one"), "cores",
                unreadable("cores")));
        c.add(app("instances-as-word", s -> Manifest.object(s, "/executor").put("instances", "many"), "instances",
                unreadable("instances")));
        c.add(app("sparkconf-as-list", s -> Manifest.strings(s, "sparkConf", "spark.a=b"), "sparkConf",
                unreadable("sparkConf")));
        c.add(app("restart-policy-as-string", s -> s.put("restartPolicy", "Never"), "restartPolicy",
                unreadable("restartPolicy")));
        c.add(app("instances-beyond-int32", s -> Manifest.object(s, "/executor").put("instances", 99_999_999_999L),
                "int32", unreadable("instances")));
        // Unknown enum values.
        c.add(app("unknown-restart-policy", s -> Manifest.object(s, "/restartPolicy").put("type", "Sometimes"),
                "Sometimes", unreadable("Sometimes")));
        c.add(app("unknown-deploy-mode", s -> s.put("mode", "in-cluster-client"), "in-cluster-client",
                unreadable("in-cluster-client")));
        // Invalid names.
        c.add(new BadInput("name-uppercase-underscore", SPARK_PI, m -> Manifest.object(m, "/metadata")
                .put("name", "Spark_Pi"), "metadata.name", rejected("metadata.name \"Spark_Pi\"")));
        c.add(new BadInput("name-64-characters", SPARK_PI, m -> Manifest.object(m, "/metadata")
                .put("name", "s".repeat(64)), "metadata.name", rejected("must be a DNS-1035 label")));
        c.add(new BadInput("name-starts-with-digit", SPARK_PI, m -> Manifest.object(m, "/metadata")
                .put("name", "1-spark-pi"), "metadata.name", rejected("metadata.name \"1-spark-pi\"")));
        // Negative or absurd numbers.
        c.add(app("driver-cores-zero", s -> Manifest.object(s, "/driver").put("cores", 0), "must be >=",
                rejected("spec.driver.cores")));
        c.add(app("executor-cores-negative", s -> Manifest.object(s, "/executor").put("cores", -4), "must be >=",
                rejected("spec.executor.cores")));
        c.add(app("executor-instances-negative", s -> Manifest.object(s, "/executor").put("instances", -5),
                "must be >=", rejected("spec.executor.instances")));
        c.add(app("negative-failure-retries", s -> Manifest.object(s, "/restartPolicy").put("type", "OnFailure")
                .put("onFailureRetries", -1), "must be >=", rejected("spec.restartPolicy.onFailureRetries")));
        c.add(app("zero-retry-interval", s -> Manifest.object(s, "/restartPolicy").put("type", "OnFailure")
                .put("onSubmissionFailureRetryInterval", 0), "must be >=",
                rejected("spec.restartPolicy.onSubmissionFailureRetryInterval")));
        c.add(app("prometheus-port-80", s -> monitoring(s)
                .put("jmxExporterJar", "/prometheus/jmx.jar").put("port", 80), "must be >= 1024",
                rejected("spec.monitoring.prometheus.port 80")));
        c.add(app("prometheus-without-jar", s -> monitoring(s).put("port", 8090),
                "jmxExporterJar", rejected("spec.monitoring.prometheus.jmxExporterJar is required")));
        // Local dirs.
        c.add(app("local-dir-configmap-volume", s -> {
            s.putArray("volumes").addObject().put("name", "spark-local-dir-1").putObject("configMap").put("name", "x");
            mount(s, "spark-local-dir-1");
        }, CRD_STORES, rejected("unsupported volume type")));
        c.add(app("local-dir-without-volume", s -> mount(s, "spark-local-dir-9"), CRD_STORES,
                rejected("has no entry in spec.volumes")));
        // sparkConf taking over what the operator decides.
        c.add(conf("conf-namespace-escape", "spark.kubernetes.namespace", "kube-system", CRD_STORES,
                "must be the application's namespace"));
        c.add(conf("conf-master", "spark.master", ATTACKER_MASTER, CONF_RULE, "spark.master"));
        c.add(conf("conf-driver-master", "spark.kubernetes.driver.master", ATTACKER_MASTER,
                CONF_RULE, "spark.kubernetes.driver.master"));
        c.add(conf("conf-image", "spark.kubernetes.container.image", "evil/image:1",
                CONF_RULE, "spark.kubernetes.container.image"));
        c.add(conf("conf-driver-service-account", "spark.kubernetes.authenticate.driver.serviceAccountName",
                "spark-operator", CONF_RULE, "use spec.driver.serviceAccount"));
        c.add(conf("conf-oauth-token", "spark.kubernetes.authenticate.oauthToken", "stolen",
                CONF_RULE, "spark.kubernetes.authenticate.oauthToken"));
        c.add(conf("conf-submission-token", "spark.kubernetes.authenticate.submission.oauthToken", "stolen",
                CONF_RULE, "spark.kubernetes.authenticate.submission.oauthToken"));
        c.add(conf("conf-submission-ca-file", "spark.kubernetes.authenticate.submission.caCertFile", "/tmp/ca.crt",
                CONF_RULE, "spark.kubernetes.authenticate.submission.caCertFile"));
        c.add(conf("conf-driver-pod-template-file", "spark.kubernetes.driver.podTemplateFile", "/etc/passwd",
                CONF_RULE, "use spec.driver.template"));
        c.add(conf("conf-wait-app-completion", "spark.kubernetes.submission.waitAppCompletion", "true",
                CONF_RULE, "waitAppCompletion"));
        // A main file that spark-submit would read as an option (there is no shell: this is the only injection).
        c.add(app("main-file-is-master-flag", s -> {
            s.put("mainApplicationFile", "--master");
            Manifest.strings(s, "arguments", ATTACKER_MASTER, "local:///opt/spark/examples/jars/evil.jar");
        }, CRD_STORES, rejected("spec.mainApplicationFile")));
        c.add(app("main-file-is-conf-flag", s -> {
            s.put("mainApplicationFile", "--conf");
            Manifest.strings(s, "arguments", "spark.kubernetes.namespace=kube-system", "local:///x.jar");
        }, CRD_STORES, rejected("spec.mainApplicationFile")));
        c.add(app("main-file-is-joined-master-flag", s -> s.put("mainApplicationFile", "--master=" + ATTACKER_MASTER),
                CRD_STORES, rejected("spec.mainApplicationFile")));
        c.add(app("main-file-is-switch", s -> s.put("mainApplicationFile", "--verbose"), CRD_STORES,
                rejected("spec.mainApplicationFile")));
        // Flag-like values in places spark-submit never parses as options: they must reach their place unchanged.
        c.add(app("arguments-look-like-flags", s -> Manifest.strings(s, "arguments", "--master", ATTACKER_MASTER,
                "--conf", "spark.kubernetes.namespace=kube-system", "--class", "x"), CRD_STORES, new Harmless()));
        c.add(app("main-class-looks-like-flag", s -> s.put("mainClass", "--conf"), CRD_STORES, new Harmless()));
        c.add(app("proxy-user-looks-like-flag", s -> s.put("proxyUser", "--master"), CRD_STORES, new Harmless()));
        // Control characters.
        c.add(app("nul-in-argument", s -> Manifest.strings(s, "arguments", "50\u000000"), CRD_STORES,
                rejected("spec.arguments[0]")));
        c.add(conf("nul-in-sparkconf-value", "spark.driver.extraJavaOptions", "-Da=1\u0000", CRD_STORES,
                "sparkConf[spark.driver.extraJavaOptions]"));
        c.add(conf("newline-in-sparkconf-key", "spark.app.tag\nspark.kubernetes.namespace", "kube-system",
                CRD_STORES, "control character"));
        c.add(new BadInput("newline-in-name", SPARK_PI, m -> Manifest.object(m, "/metadata")
                .put("name", "spark\npi"), "metadata.name", rejected("must be a DNS-1035 label")));
        // Sizes: a real API server stores objects up to ~1.5 MiB, the CRUD mock any size; exec refuses > 2 MiB.
        c.add(app("huge-sparkconf-map", s -> {
            ObjectNode conf = Manifest.object(s, "/sparkConf");
            for (int i = 0; i < 20_000; i++) {
                conf.put("spark.hardening.key" + i, "v".repeat(200));
            }
        }, "must have at most 1000 properties", rejected("too large")));
        c.add(app("huge-argument", s -> Manifest.strings(s, "arguments", "x".repeat(200_000)), CRD_STORES,
                rejected("too large")));
        // The validating webhook's other rules.
        c.add(app("pod-template-on-spark-2", s -> {
            s.put("sparkVersion", "2.4.8");
            Manifest.object(s, "/driver/template/metadata").putObject("labels").put("a", "b");
        }, CRD_STORES, rejected("needs sparkVersion >= 3.0.0")));
        c.add(app("node-selector-twice", s -> {
            Manifest.object(s, "/nodeSelector").put("disk", "ssd");
            Manifest.object(s, "/driver/nodeSelector").put("zone", "a");
        }, "spec.nodeSelector cannot be used together", rejected("cannot both be set")));
        c.add(app("ingress-port-twice", s -> {
            var list = s.putArray("driverIngressOptions");
            list.addObject().put("servicePort", 4041).put("ingressURLFormat", "a.example/{{$appName}}");
            list.addObject().put("servicePort", 4041).put("ingressURLFormat", "b.example/{{$appName}}");
        }, "driverIngressOptions must have unique servicePort values", rejected("is used twice")));
        c.add(app("driver-pod-name-invalid", s -> Manifest.object(s, "/driver").put("podName", "Driver_Pod"),
                "must match", rejected("spec.driver.podName")));
        return c;
    }

    static List<BadInput> scheduledApplications() {
        List<BadInput> c = new ArrayList<>();
        c.add(scheduled("schedule-not-cron", s -> s.put("schedule", "every now and then"), CRD_STORES,
                rejected("Invalid schedule")));
        c.add(scheduled("schedule-minute-61", s -> s.put("schedule", "61 * * * *"), CRD_STORES,
                rejected("Invalid schedule")));
        c.add(scheduled("schedule-six-fields-of-nonsense", s -> s.put("schedule", "* * * * * * *"), CRD_STORES,
                rejected("Invalid schedule")));
        c.add(scheduled("time-zone-unknown", s -> s.put("timeZone", "Mars/Olympus_Mons"), CRD_STORES,
                rejected("Invalid timezone")));
        c.add(scheduled("missing-schedule", s -> s.remove("schedule"), "schedule",
                rejected("spec.schedule is required")));
        c.add(scheduled("missing-template", s -> s.remove("template"), "template",
                rejected("spec.template is required")));
        c.add(scheduled("negative-history-limit", s -> s.put("failedRunHistoryLimit", -1), "must be >=",
                rejected("run history limits must be 0 or more")));
        c.add(scheduled("template-as-string", s -> s.put("template", "spark-pi"), "template",
                rejected("spec.template")));
        return c;
    }

    private static BadInput app(String name, Consumer<ObjectNode> specMutation, String crd, Outcome operator) {
        return new BadInput(name, SPARK_PI, m -> specMutation.accept(Manifest.object(m, "/spec")), crd, operator);
    }

    private static BadInput conf(String name, String key, String value, String crd, String fragment) {
        return app(name, s -> Manifest.object(s, "/sparkConf").put(key, value), crd, rejected(fragment));
    }

    private static BadInput scheduled(String name, Consumer<ObjectNode> specMutation, String crd, Outcome operator) {
        return new BadInput(name, SPARK_PI_SCHEDULED, m -> specMutation.accept(Manifest.object(m, "/spec")), crd,
                operator);
    }

    private static ObjectNode monitoring(ObjectNode spec) {
        Manifest.object(spec, "/monitoring").put("exposeDriverMetrics", true).put("exposeExecutorMetrics", true);
        return Manifest.object(spec, "/monitoring/prometheus");
    }

    private static void mount(ObjectNode spec, String volume) {
        Manifest.object(spec, "/driver").putArray("volumeMounts").addObject().put("name", volume)
                .put("mountPath", "/tmp/spark-local");
    }

    private static Rejected rejected(String fragment) {
        return new Rejected(fragment);
    }

    private static Unreadable unreadable(String fragment) {
        return new Unreadable(fragment);
    }
}
