package io.sparkoperator.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * What a real API server with this project's CRDs would refuse in a manifest: the structural schema (types,
 * required, enum, minimum, pattern) and every CEL rule, evaluated with real CEL. The api
 * package keeps these checkers package-private; they are reached by reflection so that the one implementation the
 * CRD tests trust is also the one used here (a copy could drift from the CRDs).
 */
final class CrdLayer {
    private static final String API = "io.sparkoperator.api.";

    private CrdLayer() {
    }

    /** Every reason the API server would refuse the manifest; empty when it would be stored. */
    static List<String> refusals(JsonNode manifest) {
        JsonNode crd = call("Manifests", "crdForKind", new Class<?>[] {String.class}, manifest.path("kind").asText());
        JsonNode rootSchema = crd.at("/spec/versions/0/schema/openAPIV3Schema");
        List<String> refusals = new ArrayList<>();
        refusals.addAll(call("StructuralSchemaValidator", "validateResource",
                new Class<?>[] {JsonNode.class, JsonNode.class}, rootSchema, manifest));
        refusals.addAll(call("CrdRuleEvaluator", "violations",
                new Class<?>[] {JsonNode.class, JsonNode.class}, crd, manifest));
        return refusals;
    }

    @SuppressWarnings("unchecked")
    private static <T> T call(String type, String method, Class<?>[] parameters, Object... args) {
        try {
            Method m = Class.forName(API + type).getDeclaredMethod(method, parameters);
            m.setAccessible(true);
            return (T) m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the api test helpers changed: " + type + "." + method, e);
        }
    }
}
