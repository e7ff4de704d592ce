package io.sparkoperator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sparkoperator.api.ApiJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CRUD mock made as strict as a real API server where our code relies on it: fabric8's mock checks the
 * resourceVersion of a PUT to an object but not of a PUT to its {@code /status}; a real server refuses both with 409
 * when the version is stale. Without this, a status-conflict test would pass only because the mock is lenient.
 */
public final class StrictCrudDispatcher extends KubernetesCrudDispatcher {
    public StrictCrudDispatcher(List<CustomResourceDefinitionContext> crds) {
        super(crds);
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        String path = request.getPath();
        if (path.endsWith("/status")) {
            byte[] body = request.getBody().readByteArray();
            // Reading consumes the body: hand the parent a fresh copy of the request.
            request = new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(),
                    new Buffer(body));
            String sent = resourceVersion(new String(body, StandardCharsets.UTF_8));
            MockResponse current = handleGet(path.substring(0, path.length() - "/status".length()));
            if (!sent.isEmpty() && current.code() == 200 && !sent.equals(resourceVersion(current.getBody().readUtf8()))) {
                return new MockResponse().setResponseCode(409).setBody("""
                        {"apiVersion":"v1","kind":"Status","status":"Failure","reason":"Conflict","code":409,
                         "message":"Operation cannot be fulfilled: the object has been modified"}""");
            }
        }
        return super.handleUpdate(request);
    }

    private static String resourceVersion(String json) {
        try {
            JsonNode node = ApiJson.mapper().readTree(json);
            return node.path("metadata").path("resourceVersion").asText("");
        } catch (Exception e) {
            return "";
        }
    }
}
