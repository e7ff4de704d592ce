package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admission policy is installed by the base and every overlay built on it, exactly as written in
 * kustomize/base/admission-policy (whose expressions the api tests evaluate), as cluster-scoped objects; the
 * no-admission-policy overlay installs everything else and not the policy.
 */
class AdmissionPolicyManifestTest {
    static final String WITHOUT_POLICY = "overlays/no-admission-policy";
    private static final List<String> FILES = List.of("sparkapplications.yaml", "scheduledsparkapplications.yaml");
    private static final Set<String> CLUSTER_SCOPED = Set.of("CustomResourceDefinition", "Namespace", "ClusterRole",
            "ClusterRoleBinding", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void installsThePoliciesAsWrittenUnlessLeftOut(String kustomization) throws IOException {
        Manifests rendered = Kustomizations.rendered(kustomization);
        if (kustomization.equals(WITHOUT_POLICY)) {
            assertEquals(List.of(), rendered.ofKind("ValidatingAdmissionPolicy"));
            assertEquals(List.of(), rendered.ofKind("ValidatingAdmissionPolicyBinding"));
            return;
        }
        List<JsonNode> written = new ArrayList<>();
        for (String file : FILES) {
            written.addAll(Manifests.parse(file, Files.readString(
                    Kustomizations.kustomizeDir().resolve("base/admission-policy/" + file))).objects());
        }
        assertEquals(4, written.size(), "a policy and a binding per kind");
        for (JsonNode object : written) {
            String kind = object.path("kind").asText();
            assertEquals(withoutLabels(object), withoutLabels(rendered.get(kind, null, Manifests.name(object))),
                    kustomization + " installs the " + kind + " the tests evaluate");
        }
        assertEquals(2, rendered.ofKind("ValidatingAdmissionPolicy").size());
        assertEquals(2, rendered.ofKind("ValidatingAdmissionPolicyBinding").size());
    }

    @Test
    void leavingThePolicyOutKeepsEverythingElse() {
        Set<String> base = objects(Kustomizations.rendered(Kustomizations.BASE));
        base.removeIf(o -> o.startsWith("ValidatingAdmissionPolicy"));
        assertEquals(base, objects(Kustomizations.rendered(WITHOUT_POLICY)));
    }

    /** kustomize sets an overlay's namespace on kinds it does not know to be cluster-scoped (the policy's). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void clusterScopedObjectsCarryNoNamespace(String kustomization) {
        List<String> wrong = new ArrayList<>();
        for (JsonNode object : Kustomizations.rendered(kustomization).objects()) {
            if (CLUSTER_SCOPED.contains(object.path("kind").asText()) && Manifests.namespace(object) != null) {
                wrong.add(object.path("kind").asText() + " " + Manifests.name(object) + " in "
                        + Manifests.namespace(object));
            }
        }
        assertEquals(List.of(), wrong, kustomization);
    }

    @Test
    void theDirectoryNotesTheRightsItsInstallationNeeds() throws IOException {
        String kustomization = Files.readString(
                Kustomizations.kustomizeDir().resolve("base/admission-policy/kustomization.yaml"));
        assertTrue(kustomization.contains("validatingadmissionpolicies")
                && kustomization.contains("validatingadmissionpolicybindings")
                && kustomization.contains("overlays/no-admission-policy"), kustomization);
    }

    private static Set<String> objects(Manifests manifests) {
        Set<String> names = new TreeSet<>();
        manifests.objects().forEach(o -> names.add(o.path("kind").asText() + " "
                + (Manifests.namespace(o) == null ? "" : Manifests.namespace(o) + "/") + Manifests.name(o)));
        return names;
    }

    private static JsonNode withoutLabels(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        ((ObjectNode) copy.path("metadata")).remove("labels");
        return copy;
    }
}
