package io.sparkoperator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusConfigMapTest {
    private static SparkApplication app(String monitoringYaml) throws Exception {
        String yaml = """
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: spark-pi, namespace: jobs, uid: 1234-abcd}
                spec:
                  type: Scala
                  mode: cluster
                """ + monitoringYaml;
        return ApiJson.parse(yaml, SparkApplication.class);
    }

    @Test
    void defaultsWhenTheSpecGivesNoContents() throws Exception {
        ConfigMap cm = PrometheusConfigMap.build(app("""
                  monitoring:
                    exposeDriverMetrics: true
                    prometheus: {jmxExporterJar: /prometheus/jmx_prometheus_javaagent.jar, port: 8090}
                """)).orElseThrow();
        assertEquals("spark-pi-prom-conf", cm.getMetadata().getName());
        assertEquals("jobs", cm.getMetadata().getNamespace());
        assertEquals("true", cm.getMetadata().getLabels().get("sparkoperator.k8s.io/created-by-spark-operator"));
        OwnerReference owner = cm.getMetadata().getOwnerReferences().get(0);
        assertEquals(List.of("sparkoperator.k8s.io/v1beta2", "SparkApplication", "spark-pi", "1234-abcd", true),
                List.of(owner.getApiVersion(), owner.getKind(), owner.getName(), owner.getUid(), owner.getController()));
        assertEquals(List.of("metrics.properties", "prometheus.yaml"), List.copyOf(cm.getData().keySet()));

        Properties props = new Properties();
        props.load(new StringReader(cm.getData().get("metrics.properties")));
        assertEquals("org.apache.spark.metrics.sink.JmxSink", props.getProperty("*.sink.jmx.class"));
        assertEquals("org.apache.spark.metrics.source.JvmSource", props.getProperty("driver.source.jvm.class"));
        assertEquals("org.apache.spark.metrics.source.JvmSource", props.getProperty("executor.source.jvm.class"));
    }

    @Test
    void defaultJmxExporterRulesTurnSparkMBeansIntoLabelledSeries() throws Exception {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(PrometheusConfigMap.DEFAULT_PROMETHEUS_CONFIG);
        assertTrue(config.get("lowercaseOutputName").asBoolean());
        Map<String, String> expected = Map.of(
                "metrics<name=jobs.spark-pi.driver.DAGScheduler.stage.failedStages, type=gauges><>Value",
                "spark_driver_DAGScheduler_stage.failedStages {app_namespace=jobs, app_name=spark-pi}",
                "metrics<name=jobs.spark-pi.driver.LiveListenerBus.numEventsPosted, type=counters><>Count",
                "spark_driver_LiveListenerBus_numEventsPosted_total {app_namespace=jobs, app_name=spark-pi}",
                "metrics<name=jobs.spark-pi.7.executor.bytesRead, type=counters><>Count",
                "spark_executor_executor_bytesRead_total {app_namespace=jobs, app_name=spark-pi, executor_id=7}",
                "metrics<name=jobs.spark-pi.2.jvm.heap.used, type=gauges><>Value",
                "spark_executor_jvm_heap.used {app_namespace=jobs, app_name=spark-pi, executor_id=2}",
                "metrics<name=jobs.spark-pi.driver.CodeGenerator.compilationTime, type=histograms><>Count",
                "spark_driver_CodeGenerator_compilationTime_count {app_namespace=jobs, app_name=spark-pi}");
        expected.forEach((bean, series) -> assertEquals(series, firstMatch(config, bean), bean));
    }

    /** What the JMX exporter does with the first rule whose (unanchored) pattern matches. */
    private static String firstMatch(JsonNode config, String bean) {
        for (JsonNode rule : config.get("rules")) {
            Matcher m = Pattern.compile("^.*(?:" + rule.get("pattern").asText() + ").*$").matcher(bean);
            if (m.matches()) {
                StringBuilder labels = new StringBuilder();
                rule.get("labels").properties().forEach(e -> labels.append(labels.isEmpty() ? "" : ", ")
                        .append(e.getKey()).append('=').append(m.replaceFirst(e.getValue().asText())));
                return m.replaceFirst(rule.get("name").asText()) + " {" + labels + "}";
            }
        }
        return "no rule";
    }

    @Test
    void specContentsWinOverDefaults() throws Exception {
        ConfigMap cm = PrometheusConfigMap.build(app("""
                  monitoring:
                    metricsProperties: "*.sink.jmx.class=org.apache.spark.metrics.sink.JmxSink\\n"
                    prometheus:
                      jmxExporterJar: /j.jar
                      configuration: "rules: []\\n"
                """)).orElseThrow();
        assertEquals(Map.of("metrics.properties", "*.sink.jmx.class=org.apache.spark.metrics.sink.JmxSink\n",
                "prometheus.yaml", "rules: []\n"), cm.getData());
    }

    @Test
    void inImageFilesAreLeftOutAndBothInImageMeansNoConfigMap() throws Exception {
        ConfigMap onlyYaml = PrometheusConfigMap.build(app("""
                  monitoring:
                    metricsPropertiesFile: /opt/spark/conf/metrics.properties
                    prometheus: {jmxExporterJar: /j.jar}
                """)).orElseThrow();
        assertEquals(List.of("prometheus.yaml"), List.copyOf(onlyYaml.getData().keySet()));
        ConfigMap onlyProps = PrometheusConfigMap.build(app("""
                  monitoring:
                    prometheus: {jmxExporterJar: /j.jar, configFile: /opt/jmx/config.yaml, configuration: "x: 1"}
                """)).orElseThrow();
        assertEquals(List.of("metrics.properties"), List.copyOf(onlyProps.getData().keySet()));

        SparkApplication both = app("""
                  monitoring:
                    metricsPropertiesFile: /opt/spark/conf/metrics.properties
                    prometheus: {jmxExporterJar: /j.jar, configFile: /opt/jmx/config.yaml}
                """);
        assertFalse(PrometheusConfigMap.isNeeded(both));
        assertTrue(PrometheusConfigMap.build(both).isEmpty());
    }

    @Test
    void noPrometheusSectionMeansMonitoringIsOff() throws Exception {
        assertTrue(PrometheusConfigMap.build(app("""
                  monitoring: {exposeDriverMetrics: true, metricsProperties: "x=y"}
                """)).isEmpty());
        assertTrue(PrometheusConfigMap.build(app("")).isEmpty());
    }

    @Test
    void serializesToAValidConfigMapManifest() throws Exception {
        ConfigMap cm = PrometheusConfigMap.build(app("""
                  monitoring:
                    prometheus: {jmxExporterJar: /j.jar}
                """)).orElseThrow();
        JsonNode json = ApiJson.mapper().valueToTree(cm);
        assertEquals("ConfigMap", json.get("kind").asText());
        assertEquals("v1", json.get("apiVersion").asText());
    }
}
