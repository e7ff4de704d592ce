package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The three CRDs install with every kustomization and with {@code kubectl apply -f crds/}, within the client-side limit. */
class CrdManifestTest {
    /** kubectl apply stores the whole object in an annotation, and annotations are limited to 256 KiB in total. */
    private static final int CLIENT_SIDE_APPLY_LIMIT = 256 * 1024;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void installsBothCrdsWithinTheClientSideApplyLimit(String kustomization) {
        Manifests manifests = Kustomizations.rendered(kustomization);
        for (String plural : new String[] {"sparkapplications", "scheduledsparkapplications", "sparkconnects"}) {
            JsonNode crd = manifests.get("CustomResourceDefinition", null, plural + ".sparkoperator.k8s.io");
            int size = Manifests.jsonSize(crd);
            assertTrue(size < CLIENT_SIDE_APPLY_LIMIT, plural + " CRD is " + size + " bytes as JSON; kubectl apply"
                    + " (client-side) refuses objects over " + CLIENT_SIDE_APPLY_LIMIT + " bytes");
            assertEquals("sparkoperator.k8s.io", crd.path("spec").path("group").asText());
            String version = plural.equals("sparkconnects") ? "v1alpha1" : "v1beta2";
            assertTrue(servesWithStatus(crd, version), plural + " CRD must serve " + version
                    + " with the status subresource"
                    + " (the operator writes status there)");
        }
    }

    @Test
    void theCrdsDirectoryStillInstallsWithPlainKubectlApplyF() {
        // kubectl apply -f crds/ reads every .yaml/.yml/.json file there: it must find the three CRDs and nothing
        // else (the kustomization kustomize/base needs is named `Kustomization` for this reason).
        Path crds = Kustomizations.projectDir().resolve("crds");
        String objects = Kubectl.run("label", "--local", "-f", crds.toString(), "probe=1", "-o", "name");
        assertEquals(List.of(
                "customresourcedefinition.apiextensions.k8s.io/scheduledsparkapplications.sparkoperator.k8s.io",
                "customresourcedefinition.apiextensions.k8s.io/sparkapplications.sparkoperator.k8s.io",
                "customresourcedefinition.apiextensions.k8s.io/sparkconnects.sparkoperator.k8s.io"),
                objects.lines().sorted().toList());
    }

    private static boolean servesWithStatus(JsonNode crd, String versionName) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("name").asText().equals(versionName) && version.path("served").asBoolean()
                    && version.path("subresources").has("status")) {
                return true;
            }
        }
        return false;
    }
}
