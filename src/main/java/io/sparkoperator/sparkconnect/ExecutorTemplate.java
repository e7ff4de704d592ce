package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkConnect;
import java.util.List;
import java.util.Map;

/**
 * The ConfigMap {@code <name>-conf} that carries {@code spec.executor.template} to the server as the file
 * {@value ConnectNames#EXECUTOR_TEMPLATE_FILE}, from which Spark builds every executor pod. It exists (holding
 * {@code null}) even without a template, since the server pod always mounts it, as in the Go operator.
 */
final class ExecutorTemplate {
    private ExecutorTemplate() {
    }

    static String yaml(SparkConnect connect) {
        var executor = connect.getSpec().executor();
        if (executor == null || executor.template() == null) {
            return "null\n";
        }
        String yaml = ApiJson.toYaml(executor.template());
        return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    }

    static ConfigMap build(SparkConnect connect, String yaml) {
        String name = connect.getMetadata().getName();
        return new ConfigMapBuilder().withNewMetadata().withName(ConnectNames.configMap(name))
                .withNamespace(connect.getMetadata().getNamespace()).withLabels(ConnectNames.commonLabels(name))
                .withOwnerReferences(List.of(ConnectOwner.reference(connect))).endMetadata()
                .withData(Map.of(ConnectNames.EXECUTOR_TEMPLATE_FILE, yaml)).build();
    }
}
