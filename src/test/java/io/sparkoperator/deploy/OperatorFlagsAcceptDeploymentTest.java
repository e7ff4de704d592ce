package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.sparkoperator.config.ConfigException;
import io.sparkoperator.config.OperatorFlags;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's own flag parser accepts the Deployment's arguments in every kustomization (it refuses unknown
 * flags, so a renamed flag would otherwise surface only as a crash-looping pod). $(VAR) references are expanded
 * from the container's env first, as the kubelet does.
 */
class OperatorFlagsAcceptDeploymentTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void theOperatorAcceptsTheDeploymentsFlags(String kustomization) {
        OperatorPod pod = OperatorPod.of(Kustomizations.rendered(kustomization));
        Map<String, String> env = new HashMap<>();
        for (EnvVar variable : pod.container().getEnv()) {
            if (variable.getValue() != null) {
                env.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom() != null && variable.getValueFrom().getFieldRef() != null
                    && "metadata.namespace".equals(variable.getValueFrom().getFieldRef().getFieldPath())) {
                env.put(variable.getName(), pod.namespace());
            }
        }
        String[] args = pod.args().stream().map(arg -> expand(arg, env)).toArray(String[]::new);
        try {
            OperatorFlags.parse(args, env);
        } catch (ConfigException e) {
            fail(kustomization + ": the operator refuses the Deployment's flags " + String.join(" ", args) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The kubelet's $(VAR) expansion of container args. */
    private static String expand(String arg, Map<String, String> env) {
        String out = arg;
        for (var variable : env.entrySet()) {
            out = out.replace("$(" + variable.getKey() + ")", variable.getValue());
        }
        return out;
    }
}
