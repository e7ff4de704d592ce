package io.sparkoperator.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * fabric8's CRUD dispatcher plus just enough server-side apply for spark-submit, which applies the driver's
 * headless Service and ConfigMap ({@code PATCH ...?fieldManager=fabric8&force=true},
 * {@code Content-Type: application/apply-patch+yaml}). The stock CRUD mock answers 404 (absent) or 415 (present),
 * after which Spark deletes its driver pod and exits 1. Here an apply creates the object when it is absent and is a
 * JSON merge patch when it is present. No field ownership or conflict detection: only the operator's own code
 * under test must never rely on server-side apply (the team rule), so the leniency is confined to Spark's part.
 */
public class ApplyPatchCrudDispatcher extends KubernetesCrudDispatcher {
    static final String APPLY_PATCH = "application/apply-patch";

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(APPLY_PATCH)) {
            return super.handlePatch(request);
        }
        String resourcePath = URI.create(request.getPath()).getRawPath();
        String json = Serialization.asJson(Serialization.unmarshal(request.getUtf8Body(), GenericKubernetesResource.class));
        if (handleGet(resourcePath).code() == 404) {
            String collection = resourcePath.substring(0, resourcePath.lastIndexOf('/'));
            return handleCreate(request(HttpMethod.POST, collection, "application/json", json));
        }
        return super.handlePatch(request(HttpMethod.PATCH, resourcePath, "application/merge-patch+json", json));
    }

    private static RecordedRequest request(HttpMethod method, String path, String contentType, String body) {
        Headers headers = Headers.builder().add("Content-Type", contentType).build();
        return new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }
}
