package io.sparkoperator.hardening;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.batch.PodGroupApi;
import io.sparkoperator.testing.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * fabric8's mock API server in CRUD mode (no CRD validation, no garbage collection) that records every request
 * (method and path) and fails the ones a {@link Fault} matches: an HTTP error status, a response slower than the
 * client's request timeout, or the open watches dropped. The CRDs are registered with a status subresource.
 */
final class FaultyApiServer implements AutoCloseable {
    /** A request as seen by the server; {@code byOperator} unless a test's own client sent it. */
    record Call(String method, String path, boolean byOperator) {
        boolean isWatch() {
            return path.contains("watch=true");
        }

        /** The path without its query: the collection of a list or watch. */
        String collection() {
            int q = path.indexOf('?');
            return q < 0 ? path : path.substring(0, q);
        }

        /**
         * What one informer lists and watches: the collection and its label selector (two informers on the same
         * collection with different selectors, e.g. Spark pods and Spark Connect pods, relist on their own).
         */
        String watched() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]labelSelector=([^&]*)").matcher(path);
            return collection() + (m.find() ? "?labelSelector=" + m.group(1) : "");
        }

        /** The resourceVersion query parameter, 0 when absent. */
        long resourceVersion() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]resourceVersion=(\\d+)").matcher(path);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }

    /** Fails the next {@code times} requests that {@code matches}: with {@code status}, or slowly if status is 0. */
    static final class Fault {
        final String name;
        final Predicate<Call> matches;
        final int status;
        final AtomicInteger left;
        final AtomicInteger hits = new AtomicInteger();

        Fault(String name, Predicate<Call> matches, int status, int times) {
            this.name = name;
            this.matches = matches;
            this.status = status;
            this.left = new AtomicInteger(times);
        }

        int hits() {
            return hits.get();
        }
    }

    static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final String WHO = "X-Hardening-Client";
    /** Not an HTTP status: a watch that opens, sends a 410 Expired ERROR event and closes. */
    static final int EXPIRED = -410;

    final KubernetesMockServer server;
    private final Dispatcher dispatcher;
    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();

    FaultyApiServer() {
        dispatcher = new Dispatcher(List.of(crd(ApiGroup.SPARK_APPLICATION, "sparkapplications"),
                crd(ApiGroup.SCHEDULED_SPARK_APPLICATION, "scheduledsparkapplications"),
                MockCluster.podGroups(PodGroupApi.VOLCANO), MockCluster.podGroups(PodGroupApi.SCHEDULER_PLUGINS),
                crd(ApiGroup.SPARK_CONNECT, "sparkconnects", ApiGroup.VERSION_V1ALPHA1)));
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
    }

    /** A client configured as the operator's (default retries), with a short request timeout. */
    KubernetesClient newClient() {
        return client(CLIENT_REQUEST_TIMEOUT, "operator");
    }

    /** An operator client with another request timeout (fabric8's default is 10 s). */
    KubernetesClient newClient(Duration requestTimeout) {
        return client(requestTimeout, "operator");
    }

    /**
     * A test's own client (acting as kubectl or the kubelet): faults never hit it, it is not counted as the
     * operator's, and its long timeout lets it create megabyte-sized manifests.
     */
    KubernetesClient newTestClient() {
        return client(Duration.ofSeconds(60), "test");
    }

    /** An operator client that retries a failed request only {@code retries} times (as the operator's does). */
    KubernetesClient newClient(Duration requestTimeout, int retries) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(config(requestTimeout,
                "operator")).withRequestRetryBackoffLimit(retries).build()).build();
        clients.add(client);
        return client;
    }

    private Config config(Duration requestTimeout, String who) {
        return new ConfigBuilder(Config.empty()).withMasterUrl(server.url("/")).withNamespace("default")
                .withRequestTimeout((int) requestTimeout.toMillis()).withTrustCerts(true)
                .withCustomHeaders(Map.of(WHO, who)).build();
    }

    private KubernetesClient client(Duration requestTimeout, String who) {
        Config config = config(requestTimeout, who);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        clients.add(client);
        return client;
    }

    Fault inject(String name, Predicate<Call> matches, int status, int times) {
        Fault f = new Fault(name, matches, status, times);
        dispatcher.faults.add(f);
        return f;
    }

    /**
     * Emulates an etcd compaction: from now on, a watch that resumes from a resourceVersion gets, as from a real server,
     * an ERROR event "410 Expired: too old resource version" and is closed, until its client has relisted that
     * collection with its selector (a list without a watch); only a relist gets further.
     */
    Fault compactHistory() {
        Set<String> relisted = ConcurrentHashMap.newKeySet();
        Fault f = inject("watch expired after compaction", c -> c.isWatch() && c.resourceVersion() > 0
                && !relisted.contains(c.watched()), EXPIRED, Integer.MAX_VALUE);
        dispatcher.listeners.add(c -> {
            if (c.method().equals("GET") && !c.isWatch() && c.path().contains("?")) {
                relisted.add(c.watched());
            }
        });
        return f;
    }

    /** Watch connections open now (an informer's watch opens a moment after its list synced). */
    int openWatches() {
        return dispatcher.openWatches.size();
    }

    /** Closes every open watch connection, as a restarted API server or a load balancer would. */
    void dropWatches() {
        for (WebSocket ws : dispatcher.openWatches) {
            ws.close(1001, "going away");
        }
        dispatcher.openWatches.clear();
    }

    List<Call> calls() {
        return List.copyOf(dispatcher.calls);
    }

    @Override
    public void close() {
        clients.forEach(KubernetesClient::close);
        server.destroy();
    }

    private static CustomResourceDefinitionContext crd(String kind, String plural) {
        return crd(kind, plural, ApiGroup.VERSION);
    }

    private static CustomResourceDefinitionContext crd(String kind, String plural, String version) {
        return new CustomResourceDefinitionContext.Builder().withGroup(ApiGroup.GROUP).withVersion(version)
                .withKind(kind).withPlural(plural).withScope("Namespaced").withStatusSubresource(true).build();
    }

    private static final class Dispatcher extends KubernetesCrudDispatcher {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final List<Fault> faults = new CopyOnWriteArrayList<>();
        final Set<WebSocket> openWatches = ConcurrentHashMap.newKeySet();
        final List<java.util.function.Consumer<Call>> listeners = new CopyOnWriteArrayList<>();

        Dispatcher(List<CustomResourceDefinitionContext> crds) {
            super(crds);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            Call call = new Call(request.getMethod(), request.getPath(), !"test".equals(request.getHeader(WHO)));
            calls.add(call);
            listeners.forEach(l -> l.accept(call));
            for (Fault f : faults) {
                if (call.byOperator() && f.matches.test(call) && f.left.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
                    f.hits.incrementAndGet();
                    if (f.status == EXPIRED) {
                        return new MockResponse().withWebSocketUpgrade(new Expired(call.resourceVersion()));
                    }
                    if (f.status == 0) {
                        MockResponse slow = super.dispatch(request);
                        return slow.setBodyDelay(CLIENT_REQUEST_TIMEOUT.multipliedBy(2));
                    }
                    return new MockResponse().setResponseCode(f.status).setBody("{\"apiVersion\":\"v1\",\"kind\":"
                            + "\"Status\",\"status\":\"Failure\",\"code\":" + f.status + ",\"message\":\"injected "
                            + f.name + "\"}");
                }
            }
            return super.dispatch(request);
        }

        @Override
        public MockResponse handleWatch(String path) {
            MockResponse response = super.handleWatch(path);
            WebSocketListener inner = response.getWebSocketListener();
            if (inner == null) {
                return response;
            }
            return response.withWebSocketUpgrade(new Tracking(inner, openWatches));
        }
    }

    /** What a real API server streams to a watch that resumes from a compacted resourceVersion. */
    private static final class Expired extends WebSocketListener {
        private final long resourceVersion;

        Expired(long resourceVersion) {
            this.resourceVersion = resourceVersion;
        }

        @Override
        public void onOpen(WebSocket ws, Response r) {
            ws.send("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                    + "\"status\":\"Failure\",\"message\":\"too old resource version: " + resourceVersion + "\","
                    + "\"reason\":\"Expired\",\"code\":410}}");
            ws.close(1000, "");
        }
    }

    /** Delegates to the CRUD mock's watch listener and remembers the socket so it can be dropped. */
    private static final class Tracking extends WebSocketListener {
        private final WebSocketListener inner;
        private final Set<WebSocket> open;

        Tracking(WebSocketListener inner, Set<WebSocket> open) {
            this.inner = inner;
            this.open = open;
        }

        @Override
        public void onBeforeAccept(WebSocket ws, Response r) {
            inner.onBeforeAccept(ws, r);
        }

        @Override
        public void onOpen(WebSocket ws, Response r) {
            open.add(ws);
            inner.onOpen(ws, r);
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            inner.onMessage(ws, text);
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            open.remove(ws);
            inner.onClosing(ws, code, reason);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            open.remove(ws);
            inner.onClosed(ws, code, reason);
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response r) {
            open.remove(ws);
            inner.onFailure(ws, t, r);
        }
    }

    /** The recorded calls that match. */
    List<Call> calls(Predicate<Call> p) {
        List<Call> out = new ArrayList<>();
        for (Call c : dispatcher.calls) {
            if (p.test(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
