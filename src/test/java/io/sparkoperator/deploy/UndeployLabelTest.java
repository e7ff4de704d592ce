package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code make undeploy} deletes by the label {@code app.kubernetes.io/name=spark-operator}: it must reach every
 * object kustomize installs, and never the CRDs (deleting a CRD deletes every SparkApplication with it).
 */
class UndeployLabelTest {
    private static final String LABEL = "app.kubernetes.io/name";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void everyObjectButTheCrdsCarriesTheUndeployLabel(String kustomization) {
        List<String> wrong = new ArrayList<>();
        for (JsonNode object : Kustomizations.rendered(kustomization).objects()) {
            boolean crd = object.path("kind").asText().equals("CustomResourceDefinition");
            boolean labelled = "spark-operator".equals(object.path("metadata").path("labels").path(LABEL).asText());
            if (crd == labelled) {
                wrong.add(object.path("kind").asText() + " " + Manifests.name(object)
                        + (crd ? " is labelled: make undeploy would delete it" : " lacks the label"));
            }
        }
        assertEquals(List.of(), wrong, kustomization);
    }
}
