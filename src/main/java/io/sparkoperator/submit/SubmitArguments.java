package io.sparkoperator.submit;

import io.sparkoperator.api.Dependencies;
import io.sparkoperator.api.DriverSpec;
import io.sparkoperator.api.DynamicAllocation;
import io.sparkoperator.api.ExecutorSpec;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.NameKey;
import io.sparkoperator.api.SecretInfo;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkPodSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The spark-submit argument vector for one submission, in the Go operator's order (its
 * option functions). Pure: the same inputs give the same list. Map-derived confs are sorted by key. Operator-derived
 * confs come after the user's {@code sparkConf}, and spark-submit keeps the last value of a repeated key, so the
 * operator's win; {@link SubmissionValidator} rejects the keys whose override would be unsafe. Call it only for a
 * spec that passed validation.
 */
public final class SubmitArguments {
    static final String POD_TEMPLATE_FILE = "podTemplateFile";
    static final String POD_TEMPLATE_CONTAINER = "podTemplateContainerName";

    private SubmitArguments() {
    }

    /** The arguments after {@code bin/spark-submit}; the master URL is e.g. {@code k8s://https://10.0.0.1:443}. */
    public static List<String> build(SparkApplication app, String submissionId, String masterUrl,
            PodTemplatePaths templates, ArgumentOptions options) {
        SparkApplicationSpec spec = app.getSpec();
        EffectiveSpec effective = new EffectiveSpec(spec);
        Optional<PrometheusMonitoring> prometheus = PrometheusMonitoring.of(app);
        String name = app.getMetadata().getName();
        String namespace = app.getMetadata().getNamespace();
        ArgvWriter w = new ArgvWriter();

        w.flag("--master", masterUrl);
        w.flag("--deploy-mode", effective.mode().flag());
        w.flag("--class", spec.mainClass());
        w.flag("--name", name);
        if (options.loadSparkDefaults()) {
            w.add("--load-spark-defaults");
        }
        dependencies(w, spec.deps());
        w.conf("spark.kubernetes.namespace", namespace);
        w.conf("spark.kubernetes.container.image", spec.image());
        w.conf("spark.kubernetes.container.image.pullPolicy", spec.imagePullPolicy());
        if (spec.imagePullSecrets() != null && !spec.imagePullSecrets().isEmpty()) {
            w.conf("spark.kubernetes.container.image.pullSecrets", String.join(",", spec.imagePullSecrets()));
        }
        w.conf("spark.kubernetes.pyspark.pythonVersion", spec.pythonVersion());
        w.conf("spark.kubernetes.memoryOverheadFactor", spec.memoryOverheadFactor());
        w.conf("spark.kubernetes.submission.waitAppCompletion", "false");

        Map<String, String> userConf = new TreeMap<>(effective.sparkConf());
        userConf.remove(DriverPodName.CONF_KEY);
        w.confs("", userConf);
        w.confs("spark.hadoop.", spec.hadoopConf());
        uiProxyBase(w, options, name, namespace, userConf);

        w.conf(DriverPodName.CONF_KEY, DriverPodName.of(app));
        driver(w, app, submissionId, effective, prometheus);
        podSideEnvSecretsAndLocalDirs(w, PodRole.DRIVER, spec);
        executor(w, app, submissionId, effective, prometheus);
        podSideEnvSecretsAndLocalDirs(w, PodRole.EXECUTOR, spec);
        w.confs("spark.kubernetes.node.selector.", spec.nodeSelector());
        dynamicAllocation(w, spec.dynamicAllocation(), effective);
        prometheus.ifPresent(p -> {
            w.conf("spark.metrics.namespace", p.metricsNamespace());
            w.conf("spark.metrics.conf", p.metricsConfFile());
        });
        w.conf(PodRole.DRIVER.kubernetesPrefix() + POD_TEMPLATE_FILE, templates.driver());
        w.conf(PodRole.DRIVER.kubernetesPrefix() + POD_TEMPLATE_CONTAINER, PodRole.DRIVER.containerName());
        w.conf(PodRole.EXECUTOR.kubernetesPrefix() + POD_TEMPLATE_FILE, templates.executor());
        w.conf(PodRole.EXECUTOR.kubernetesPrefix() + POD_TEMPLATE_CONTAINER, PodRole.EXECUTOR.containerName());

        w.flag("--proxy-user", spec.proxyUser());
        w.add(spec.mainApplicationFile());
        if (spec.arguments() != null) {
            w.add(spec.arguments().toArray(String[]::new));
        }
        return w.toList();
    }

    private static void dependencies(ArgvWriter w, Dependencies deps) {
        if (deps == null) {
            return;
        }
        w.flag("--jars", deps.jars());
        w.flag("--packages", deps.packages());
        w.flag("--exclude-packages", deps.excludePackages());
        w.flag("--repositories", deps.repositories());
        w.flag("--py-files", deps.pyFiles());
        w.flag("--files", deps.files());
        w.flag("--archives", deps.archives());
    }

    private static void uiProxyBase(ArgvWriter w, ArgumentOptions options, String name, String namespace,
            Map<String, String> userConf) {
        UiIngressPath.of(options.uiIngressUrlFormat(), name, namespace).ifPresent(path -> {
            if (!userConf.containsKey("spark.ui.proxyBase")) {
                w.conf("spark.ui.proxyBase", path);
            }
            if (!userConf.containsKey("spark.ui.proxyRedirectUri")) {
                w.conf("spark.ui.proxyRedirectUri", "/");
            }
        });
    }

    private static void driver(ArgvWriter w, SparkApplication app, String submissionId, EffectiveSpec effective,
            Optional<PrometheusMonitoring> prometheus) {
        SparkApplicationSpec spec = app.getSpec();
        DriverSpec d = spec.driver();
        PodRole r = PodRole.DRIVER;
        operatorLabels(w, r, app, submissionId);
        imageResourcesAccount(w, r, d, spec.image(), effective.driverCores(), effective.driverMemory());
        w.conf("spark.driver.extraJavaOptions", javaOptions(d, r, prometheus));
        w.conf("spark.kubernetes.driver.master", d.kubernetesMaster());
        labelsAndAnnotations(w, r, app, d, prometheus);
        w.confs(r.kubernetesPrefix() + "service.label.", d.serviceLabels());
        w.confs(r.kubernetesPrefix() + "service.annotation.", d.serviceAnnotations());
        secretKeyRefs(w, r, d.envSecretKeyRefs());
    }

    private static void executor(ArgvWriter w, SparkApplication app, String submissionId, EffectiveSpec effective,
            Optional<PrometheusMonitoring> prometheus) {
        SparkApplicationSpec spec = app.getSpec();
        ExecutorSpec e = spec.executor();
        PodRole r = PodRole.EXECUTOR;
        operatorLabels(w, r, app, submissionId);
        w.conf("spark.executor.instances", effective.executorInstances());
        imageResourcesAccount(w, r, e, spec.image(), effective.executorCores(), effective.executorMemory());
        w.conf(r.kubernetesPrefix() + "deleteOnTermination", e.deleteOnTermination());
        labelsAndAnnotations(w, r, app, e, prometheus);
        secretKeyRefs(w, r, e.envSecretKeyRefs());
        w.conf("spark.executor.extraJavaOptions", javaOptions(e, r, prometheus));
    }

    /** Image, cores, memory and service account: the same sequence on both sides (defaults already applied). */
    private static void imageResourcesAccount(ArgvWriter w, PodRole r, SparkPodSpec side, String appImage,
            Integer cores, String memory) {
        w.conf(r.kubernetesPrefix() + "container.image", side.image() != null ? side.image() : appImage);
        w.conf(r.sparkPrefix() + "cores", cores);
        w.conf(r.kubernetesPrefix() + "request.cores", side.coreRequest());
        w.conf(r.kubernetesPrefix() + "limit.cores", side.coreLimit());
        w.conf(r.sparkPrefix() + "memory", memory);
        w.conf(r.sparkPrefix() + "memoryOverhead", side.memoryOverhead());
        w.conf("spark.kubernetes.authenticate." + r.roleName() + ".serviceAccountName", side.serviceAccount());
    }

    /** The {@code sparkoperator.k8s.io/*} labels everything downstream selects pods by. */
    private static void operatorLabels(ArgvWriter w, PodRole r, SparkApplication app, String submissionId) {
        String p = r.kubernetesPrefix() + "label.";
        w.conf(p + Labels.APP_NAME, app.getMetadata().getName());
        w.conf(p + Labels.LAUNCHED_BY_SPARK_OPERATOR, "true");
        if (SparkVersion.isBelow3(app.getSpec().sparkVersion()) || r.of(app.getSpec()).template() == null) {
            w.conf(p + Labels.MUTATED_BY_SPARK_OPERATOR, "true");
        }
        w.conf(p + Labels.SUBMISSION_ID, submissionId);
    }

    private static void labelsAndAnnotations(ArgvWriter w, PodRole r, SparkApplication app, SparkPodSpec side,
            Optional<PrometheusMonitoring> prometheus) {
        Map<String, String> appLabels = new TreeMap<>();
        if (app.getMetadata().getLabels() != null) {
            app.getMetadata().getLabels().forEach((k, v) -> {
                if (!k.startsWith(Labels.KUEUE_PREFIX)) {
                    appLabels.put(k, v);
                }
            });
        }
        w.confs(r.kubernetesPrefix() + "label.", appLabels);
        w.confs(r.kubernetesPrefix() + "label.", side.labels());
        Map<String, String> annotations = new LinkedHashMap<>();
        if (side.annotations() != null) {
            annotations.putAll(side.annotations());
        }
        prometheus.filter(p -> p.exposes(r)).ifPresent(p -> annotations.putAll(p.scrapeAnnotations()));
        w.confs(r.kubernetesPrefix() + "annotation.", annotations);
    }

    private static void secretKeyRefs(ArgvWriter w, PodRole r, Map<String, NameKey> refs) {
        if (refs != null) {
            new TreeMap<>(refs).forEach((env, ref) ->
                    w.conf(r.kubernetesPrefix() + "secretKeyRef." + env, ref.name() + ":" + ref.key()));
        }
    }

    private static String javaOptions(SparkPodSpec side, PodRole r, Optional<PrometheusMonitoring> prometheus) {
        String own = side.javaOptions() == null || side.javaOptions().isBlank() ? null : side.javaOptions();
        Optional<String> agent = prometheus.filter(p -> p.exposes(r)).map(PrometheusMonitoring::javaAgent);
        if (agent.isEmpty()) {
            return own;
        }
        return own == null ? agent.get() : own + " " + agent.get();
    }

    /** Steps 16-18 (driver) and 20-22 (executor): env vars, mounted secrets, local-dir volumes. */
    private static void podSideEnvSecretsAndLocalDirs(ArgvWriter w, PodRole r, SparkApplicationSpec spec) {
        SparkPodSpec side = r.of(spec);
        w.confs(r.envConfPrefix(), side.envVars());
        if (side.secrets() != null) {
            for (SecretInfo s : side.secrets()) {
                w.conf(r.kubernetesPrefix() + "secrets." + s.name(), s.path());
                if (s.secretType() != null) {
                    switch (s.secretType()) {
                        case GCP_SERVICE_ACCOUNT ->
                                w.conf(r.envConfPrefix() + "GOOGLE_APPLICATION_CREDENTIALS", join(s.path(), "key.json"));
                        case HADOOP_DELEGATION_TOKEN ->
                                w.conf(r.envConfPrefix() + "HADOOP_TOKEN_FILE_LOCATION", join(s.path(), "hadoop.token"));
                        case GENERIC -> {
                        }
                    }
                }
            }
        }
        LocalDirVolumes.write(w, r, spec.volumes(), side.volumeMounts());
    }

    private static void dynamicAllocation(ArgvWriter w, DynamicAllocation da, EffectiveSpec effective) {
        if (da == null || !Boolean.TRUE.equals(da.enabled())) {
            return;
        }
        w.conf("spark.dynamicAllocation.enabled", "true");
        w.conf("spark.dynamicAllocation.initialExecutors", da.initialExecutors());
        w.conf("spark.dynamicAllocation.minExecutors", da.minExecutors());
        w.conf("spark.dynamicAllocation.maxExecutors", da.maxExecutors());
        w.conf("spark.dynamicAllocation.shuffleTracking.enabled", Boolean.toString(effective.shuffleTrackingEnabled()));
        w.conf("spark.dynamicAllocation.shuffleTracking.timeout", da.shuffleTrackingTimeout());
    }

    /** Like Go's filepath.Join for the two parts used here: exactly one slash between them. */
    private static String join(String dir, String file) {
        return (dir.endsWith("/") ? dir : dir + "/") + file;
    }
}
