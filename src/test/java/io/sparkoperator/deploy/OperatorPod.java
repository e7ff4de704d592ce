package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;

/** The operator's pod as the Deployment renders it, with the look-ups the tests repeat. */
record OperatorPod(Deployment deployment) {
    static OperatorPod of(Manifests manifests) {
        return new OperatorPod(manifests.operatorDeployment());
    }

    String namespace() {
        return deployment.getMetadata().getNamespace();
    }

    PodSpec spec() {
        return deployment.getSpec().getTemplate().getSpec();
    }

    Container container() {
        List<Container> containers = spec().getContainers();
        return containers.stream().filter(c -> c.getName().equals("spark-operator")).findFirst()
                .orElseGet(() -> fail("no container named spark-operator in " + containers));
    }

    List<String> args() {
        return container().getArgs();
    }

    /** The value of the last {@code --name=value} argument (the one a flag parser keeps), if any. */
    Optional<String> flag(String name) {
        String prefix = "--" + name + "=";
        return args().reversed().stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length()))
                .findFirst();
    }

    /** A container port given by number or by name, as a number. */
    int port(IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container().getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseGet(() -> fail("the container has no port named " + port.getStrVal()));
    }

    int portNamed(String name) {
        return port(new IntOrString(name));
    }

    /** The port of a bind address such as ":8081" or "0.0.0.0:8081". */
    static int portOf(String bindAddress) {
        return Integer.parseInt(bindAddress.substring(bindAddress.lastIndexOf(':') + 1));
    }
}
