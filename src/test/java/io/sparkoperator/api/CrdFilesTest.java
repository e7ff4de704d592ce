package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a real API server and plain {@code kubectl apply} demand of the two CRD files (see docs/validation.md). */
class CrdFilesTest {
    /** Client-side apply stores the object in an annotation limited to 256 KiB; keep half of it as headroom. */
    private static final int SIZE_BUDGET = 128 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {Manifests.APP_CRD, Manifests.SCHEDULED_CRD, Manifests.CONNECT_CRD})
    void staysFarBelowTheClientSideApplyLimit(String file) throws Exception {
        long fileBytes = Manifests.text(Manifests.file(file)).getBytes(StandardCharsets.UTF_8).length;
        int lastAppliedBytes = ApiJson.mapper().writeValueAsString(Manifests.crd(file)).getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("%s: %d bytes YAML, %d bytes as the last-applied JSON annotation%n", file, fileBytes, lastAppliedBytes);
        assertTrue(fileBytes < SIZE_BUDGET, file + " has " + fileBytes + " bytes");
        assertTrue(lastAppliedBytes < SIZE_BUDGET, file + " needs " + lastAppliedBytes + " bytes of annotation");
    }

    @Test
    void sparkApplicationCrdHasTheGoOperatorsIdentity() {
        CustomResourceDefinition crd = ApiJson.parse(Manifests.text(Manifests.file(Manifests.APP_CRD)), CustomResourceDefinition.class);
        assertIdentity(crd, "sparkapplications", "sparkapplication", "SparkApplication", "sparkapp");
        assertEquals(List.of("Suspend=.spec.suspend:boolean", "Status=.status.applicationState.state:string",
                        "Attempts=.status.executionAttempts:string", "Start=.status.lastSubmissionAttemptTime:string",
                        "Finish=.status.terminationTime:string", "Age=.metadata.creationTimestamp:date",
                        "Driver=.status.driverInfo.podName:string:wide",
                        "Error=.status.applicationState.errorMessage:string:wide"),
                columns(crd.getSpec().getVersions().get(0)));
        assertEquals(List.of("type", "sparkVersion", "mainApplicationFile", "driver", "executor"),
                crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec").getRequired());
    }

    @Test
    void scheduledSparkApplicationCrdHasTheGoOperatorsIdentity() {
        CustomResourceDefinition crd = ApiJson.parse(Manifests.text(Manifests.file(Manifests.SCHEDULED_CRD)),
                CustomResourceDefinition.class);
        assertIdentity(crd, "scheduledsparkapplications", "scheduledsparkapplication", "ScheduledSparkApplication",
                "scheduledsparkapp");
        assertEquals(List.of("Schedule=.spec.schedule:string", "TimeZone=.spec.timeZone:string",
                        "Suspend=.spec.suspend:boolean", "Last Run=.status.lastRun:date",
                        "Last Run Name=.status.lastRunName:string", "Age=.metadata.creationTimestamp:date"),
                columns(crd.getSpec().getVersions().get(0)));
        assertEquals(List.of("schedule", "template"),
                crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec").getRequired());
    }

    @Test
    void sparkConnectCrdHasTheGoOperatorsIdentity() {
        CustomResourceDefinition crd = ApiJson.parse(Manifests.text(Manifests.file(Manifests.CONNECT_CRD)),
                CustomResourceDefinition.class);
        assertIdentity(crd, "sparkconnects", "sparkconnect", "SparkConnect", "sparkconn", ApiGroup.VERSION_V1ALPHA1);
        assertEquals(List.of("Status=.status.state:string", "PodName=.status.server.podName:string",
                        "Age=.metadata.creationTimestamp:date"),
                columns(crd.getSpec().getVersions().get(0)));
        assertEquals(List.of("sparkVersion", "server", "executor"),
                crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec").getRequired());
    }

    @Test
    void theScheduledTemplateIsExactlyTheApplicationSpec() {
        JsonNode appSpec = Manifests.rootSchema(Manifests.APP_CRD).at("/properties/spec");
        JsonNode template = Manifests.rootSchema(Manifests.SCHEDULED_CRD).at("/properties/spec/properties/template");
        ObjectNode appSpecWithoutDescription = appSpec.deepCopy();
        appSpecWithoutDescription.remove("description");
        ObjectNode templateWithoutDescription = template.deepCopy();
        templateWithoutDescription.remove("description");
        assertEquals(appSpecWithoutDescription, templateWithoutDescription, "both kinds must validate the same spec");
    }

    @ParameterizedTest
    @ValueSource(strings = {Manifests.APP_CRD, Manifests.SCHEDULED_CRD, Manifests.CONNECT_CRD})
    void schemasAreStructural(String file) {
        JsonNode root = Manifests.rootSchema(file);
        List<String> problems = new ArrayList<>();
        SchemaNodes.visit("", root, (path, schema) -> structural(path, schema, problems));
        assertEquals(List.of(), problems);
        assertEquals("object", root.at("/properties/metadata/type").asText());
        // The server allows only name and generateName here; both typed string keep the name's maxLength in the
        // CEL type the root rule is priced with (with one of them missing it types metadata itself, unbounded).
        assertEquals(List.of("name", "generateName"), fieldNames(root.at("/properties/metadata/properties")));
        assertEquals("string", root.at("/properties/metadata/properties/name/type").asText());
        // A scheduled app's runs are named <name>-<10 digits>: its own name leaves room for that in 63.
        assertEquals(file.contains("scheduled") ? 52 : 63, root.at("/properties/metadata/properties/name/maxLength")
                .asInt());
        assertEquals("string", root.at("/properties/metadata/properties/generateName/type").asText());
        assertEquals("{}", Manifests.crd(file).at("/spec/versions/0/subresources/status").toString());
    }

    private static void structural(String path, JsonNode schema, List<String> problems) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!StructuralSchemaValidator.KEYWORDS.contains(keyword)) {
                problems.add(path + ": keyword " + keyword + " outside what the tests' validator implements");
            }
        }
        boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
        String type = schema.path("type").asText("");
        if (type.isEmpty() && !intOrString) {
            problems.add(path + ": no type");
        }
        if (schema.has("anyOf") && !intOrString) {
            problems.add(path + ": anyOf is only structural here for int-or-string");
        }
        if (schema.has("properties") && !type.equals("object")) {
            problems.add(path + ": properties on a " + type);
        }
        if (schema.has("properties") && schema.has("additionalProperties")) {
            problems.add(path + ": properties and additionalProperties together");
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !type.equals("object")) {
            problems.add(path + ": preserve-unknown-fields on a " + type);
        }
        if (type.equals("array") != schema.has("items")) {
            problems.add(path + ": arrays and only arrays have items");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertIdentity(CustomResourceDefinition crd, String plural, String singular, String kind,
            String shortName) {
        assertIdentity(crd, plural, singular, kind, shortName, ApiGroup.VERSION);
    }

    private static void assertIdentity(CustomResourceDefinition crd, String plural, String singular, String kind,
            String shortName, String versionName) {
        assertEquals("apiextensions.k8s.io/v1", crd.getApiVersion());
        assertEquals(plural + "." + ApiGroup.GROUP, crd.getMetadata().getName());
        assertEquals("https://github.com/kubeflow/spark-operator/pull/1298",
                crd.getMetadata().getAnnotations().get("api-approved.kubernetes.io"));
        assertEquals(ApiGroup.GROUP, crd.getSpec().getGroup());
        assertEquals("Namespaced", crd.getSpec().getScope());
        assertEquals(plural, crd.getSpec().getNames().getPlural());
        assertEquals(singular, crd.getSpec().getNames().getSingular());
        assertEquals(kind, crd.getSpec().getNames().getKind());
        assertEquals(List.of(shortName), crd.getSpec().getNames().getShortNames());
        assertFalse(crd.getSpec().getNames().getCategories().contains("all"), "kubectl delete all must not hit runs");
        assertEquals(1, crd.getSpec().getVersions().size());
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertEquals(versionName, version.getName());
        assertTrue(version.getServed() && version.getStorage());
    }

    private static List<String> columns(CustomResourceDefinitionVersion version) {
        return version.getAdditionalPrinterColumns().stream()
                .map(c -> c.getName() + "=" + c.getJsonPath() + ":" + c.getType()
                        + (c.getPriority() != null && c.getPriority() > 0 ? ":wide" : "")).toList();
    }
}
