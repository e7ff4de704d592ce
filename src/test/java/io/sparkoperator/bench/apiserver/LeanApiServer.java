package io.sparkoperator.bench.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small Kubernetes API server for the operator benchmark, over HTTP or ({@link #startTls}) HTTPS with a
 * self-signed certificate made at start, so that a real API server's TLS cost (handshakes, record encryption) is
 * paid on both ends. On the JDK's own HTTP server with a virtual thread per exchange: get, list and watch
 * (label/field selectors, resourceVersion), create, update (optimistic concurrency on resourceVersion), /status
 * update, JSON merge patch, delete. Watches are chunked HTTP streams (a WebSocket upgrade is answered 200, which
 * makes fabric8 fall back to them, as behind {@code kubectl proxy}); server-side apply only as create-or-merge, for
 * spark-submit. No authentication, admission, JSON patch, paging, or garbage collection. Every request is counted.
 */
public final class LeanApiServer implements AutoCloseable {
    private static final String JSON = "application/json";
    private static final boolean TRACE = Boolean.getBoolean("leanapi.trace");
    private final ObjectStore store;
    private final RequestCounts counts = new RequestCounts();
    private final HttpServer http;
    /** Null for plain HTTP. */
    private final SelfSignedCertificate certificate;
    private final ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    private LeanApiServer(ObjectStore store, int port, SelfSignedCertificate certificate) throws IOException {
        this.store = store;
        this.certificate = certificate;
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (certificate == null) {
            this.http = HttpServer.create(address, 4096);
        } else {
            HttpsServer https = HttpsServer.create(address, 4096);
            https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            this.http = https;
        }
        http.createContext("/", this::handle);
        http.setExecutor(exchanges);
        http.start();
    }

    /** Serves {@code store} over plain HTTP on a free loopback port ({@code port} 0) or the given one. */
    public static LeanApiServer start(ObjectStore store, int port) throws IOException {
        return new LeanApiServer(store, port, null);
    }

    /**
     * Serves {@code store} over HTTPS with a new self-signed certificate for 127.0.0.1 and localhost; clients trust
     * {@link #caFile()}. The certificate's files are deleted on {@link #close}.
     */
    public static LeanApiServer startTls(ObjectStore store, int port) throws IOException {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate();
        try {
            return new LeanApiServer(store, port, certificate);
        } catch (IOException | RuntimeException e) {
            certificate.close();
            throw e;
        }
    }

    public String url() {
        return (certificate == null ? "http" : "https") + "://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The PEM a client trusts as its CA; empty over plain HTTP. */
    public Optional<Path> caFile() {
        return certificate == null ? Optional.empty() : Optional.of(certificate.caFile());
    }

    public ObjectStore store() {
        return store;
    }

    public RequestCounts counts() {
        return counts;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Map<String, String> query = query(uri.getRawQuery());
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (TRACE) {
                System.err.printf("lean-api %d %s %s %s%n", System.currentTimeMillis() % 100_000, method, uri,
                        exchange.getRequestHeaders().entrySet());
            }
            try {
                ResourcePath path = ResourcePath.parse(uri.getRawPath());
                if ("websocket".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Upgrade"))) {
                    // 200 instead of 101: fabric8 falls back to a streamed HTTP watch at once (a 503 is retried first).
                    counts.count("websocket-refused", path);
                    respond(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                switch (method) {
                    case "GET" -> get(exchange, path, query);
                    case "POST" -> create(exchange, path);
                    case "PUT" -> update(exchange, path);
                    case "PATCH" -> patch(exchange, path);
                    case "DELETE" -> delete(exchange, path);
                    default -> throw new ApiException(405, "MethodNotAllowed", method + " is not supported");
                }
            } catch (ApiException e) {
                respond(exchange, e.code, e.statusJson().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                respond(exchange, 500, new ApiException(500, "InternalError", String.valueOf(e)).statusJson()
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void get(HttpExchange exchange, ResourcePath path, Map<String, String> query) throws IOException {
        Selector selector = Selector.parse(query.get("labelSelector"), query.get("fieldSelector"));
        if ("true".equals(query.get("watch")) || "1".equals(query.get("watch"))) {
            counts.count("watch", path);
            watch(exchange, path, selector, query);
        } else if (path.isCollection()) {
            counts.count("list", path);
            respond(exchange, 200, listBody(path, store.list(path.type(), path.namespace(), selector)));
        } else {
            counts.count("get", path);
            respond(exchange, 200, store.get(path.type(), path.namespace(), path.name()).json());
        }
    }

    private void create(HttpExchange exchange, ResourcePath path) throws IOException {
        counts.count("create", path);
        if (!path.isCollection()) {
            throw new ApiException(405, "MethodNotAllowed", "POST to an object");
        }
        StoredObject created = store.create(path.type(), path.namespace(), JsonText.parseObject(body(exchange)));
        respond(exchange, 201, created.json());
    }

    private void update(HttpExchange exchange, ResourcePath path) throws IOException {
        counts.count("update", path);
        StoredObject stored = store.update(path.type(), path.namespace(), path.name(),
                JsonText.parseObject(body(exchange)), "status".equals(path.subresource()));
        respond(exchange, 200, stored.json());
    }

    private void patch(HttpExchange exchange, ResourcePath path) throws IOException {
        counts.count("patch", path);
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (type.startsWith("application/apply-patch")) {
            respond(exchange, 200, apply(path, body(exchange)).json());
            return;
        }
        if (!type.startsWith("application/merge-patch+json")) {
            throw new ApiException(415, "UnsupportedMediaType", "only JSON merge patch is supported, got " + type);
        }
        StoredObject stored = store.mergePatch(path.type(), path.namespace(), path.name(),
                JsonText.parseObject(body(exchange)), "status".equals(path.subresource()));
        respond(exchange, 200, stored.json());
    }

    /**
     * Server-side apply, only as far as spark-submit needs it (its driver Service and ConfigMap): create when
     * absent, else a merge patch. No field ownership; the operator itself never applies (a team rule).
     */
    private StoredObject apply(ResourcePath path, byte[] body) {
        ObjectNode object = JsonText.MAPPER.valueToTree(Serialization.unmarshal(new String(body,
                StandardCharsets.UTF_8), GenericKubernetesResource.class));
        try {
            return store.mergePatch(path.type(), path.namespace(), path.name(), object, false);
        } catch (ApiException e) {
            if (e.code != 404) {
                throw e;
            }
            return store.create(path.type(), path.namespace(), object);
        }
    }

    private void delete(HttpExchange exchange, ResourcePath path) throws IOException {
        counts.count("delete", path);
        body(exchange);
        respond(exchange, 200, store.delete(path.type(), path.namespace(), path.name()).json());
    }

    private void watch(HttpExchange exchange, ResourcePath path, Selector selector, Map<String, String> query)
            throws IOException {
        long from = parseVersion(query.get("resourceVersion"));
        long timeoutNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(query.getOrDefault("timeoutSeconds", "3600")));
        long deadline = System.nanoTime() + timeoutNanos;
        exchange.getResponseHeaders().set("Content-Type", JSON);
        WatchSubscription subscription;
        try {
            subscription = store.watch(path.type(), path.namespace(), selector, from);
        } catch (ApiException gone) {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("{\"type\":\"ERROR\",\"object\":" + gone.statusJson() + "}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
            List<WatchEvent> batch = new java.util.ArrayList<>();
            while (!closed && System.nanoTime() < deadline) {
                WatchEvent first = subscription.queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                subscription.queue.drainTo(batch, 512);
                for (WatchEvent event : batch) {
                    out.write(event.line());
                }
                batch.clear();
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // the informer closed its watch
        } finally {
            store.unwatch(subscription);
        }
    }

    private static byte[] listBody(ResourcePath path, ObjectStore.Listing listing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + listing.items().size() * 2048);
        out.writeBytes(("{\"apiVersion\":\"" + path.apiVersion() + "\",\"kind\":\"" + Kinds.of(path.plural())
                + "List\",\"metadata\":{\"resourceVersion\":\"" + listing.resourceVersion() + "\"},\"items\":[")
                .getBytes(StandardCharsets.UTF_8));
        boolean first = true;
        for (StoredObject item : listing.items()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeBytes(item.json());
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void respond(HttpExchange exchange, int code, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        return exchange.getRequestBody().readAllBytes();
    }

    private static long parseVersion(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resourceVersion " + value);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    @Override
    public void close() {
        closed = true;
        http.stop(0);
        exchanges.shutdownNow();
        if (certificate != null) {
            certificate.close();
        }
    }
}
