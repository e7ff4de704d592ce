package io.sparkoperator.runtime;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records core/v1 Events about an object (involvedObject = the object the event is about) with the caller's reason
 * strings. A repeat of the same (object, type, reason, message) bumps {@code count} and {@code lastTimestamp} of
 * the earlier Event with a merge patch instead of creating a new one. Recording never fails the caller: an API error
 * is logged and dropped, since Events are a courtesy and must not block reconciliation.
 */
public final class EventRecorder {
    private static final System.Logger LOG = System.getLogger(EventRecorder.class.getName());
    private static final int REMEMBERED = 4096;
    public static final String COMPONENT = "spark-operator";

    private final KubernetesClient client;
    private final Clock clock;
    private final String instance;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Recorded> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
            return size() > REMEMBERED;
        }
    };

    private record Recorded(String namespace, String name, int count) {
    }

    public EventRecorder(KubernetesClient client, Clock clock, String instance) {
        this.client = client;
        this.clock = clock;
        this.instance = instance;
    }

    public void normal(HasMetadata about, String reason, String message) {
        record(about, "Normal", reason, message);
    }

    public void warning(HasMetadata about, String reason, String message) {
        record(about, "Warning", reason, message);
    }

    public void record(HasMetadata about, String type, String reason, String message) {
        String namespace = about.getMetadata().getNamespace();
        String key = namespace + "/" + about.getMetadata().getName() + "/" + about.getMetadata().getUid() + "/"
                + type + "/" + reason + "/" + message;
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            Recorded earlier;
            synchronized (recent) {
                earlier = recent.get(key);
            }
            if (earlier != null && bump(earlier, now)) {
                remember(key, new Recorded(earlier.namespace(), earlier.name(), earlier.count() + 1));
                return;
            }
            Event created = client.v1().events().inNamespace(namespace).resource(newEvent(about, type, reason,
                    message, now)).create();
            remember(key, new Recorded(namespace, created.getMetadata().getName(), 1));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "could not record event " + reason + " for " + about.getKind() + "("
                    + namespace + "/" + about.getMetadata().getName() + "): " + e.getMessage());
        }
    }

    private boolean bump(Recorded earlier, Instant now) {
        try {
            String patch = "{\"count\":" + (earlier.count() + 1) + ",\"lastTimestamp\":\"" + now + "\"}";
            return client.v1().events().inNamespace(earlier.namespace()).withName(earlier.name())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch) != null;
        } catch (KubernetesClientException e) {
            return false; // expired or deleted: create a fresh one
        }
    }

    private void remember(String key, Recorded recorded) {
        synchronized (recent) {
            recent.put(key, recorded);
        }
    }

    private Event newEvent(HasMetadata about, String type, String reason, String message, Instant now) {
        ObjectReference involved = new ObjectReferenceBuilder().withApiVersion(about.getApiVersion())
                .withKind(about.getKind()).withNamespace(about.getMetadata().getNamespace())
                .withName(about.getMetadata().getName()).withUid(about.getMetadata().getUid()).build();
        // client-go names events <object>.<hex nanos>; a sequence keeps names unique within a millisecond.
        String name = about.getMetadata().getName() + "." + Long.toHexString(clock.millis() * 1_000_000
                + sequence.incrementAndGet() % 1_000_000);
        return new EventBuilder().withNewMetadata().withName(name).withNamespace(about.getMetadata().getNamespace())
                .endMetadata().withInvolvedObject(involved).withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource().withReportingComponent(COMPONENT)
                .withReportingInstance(instance).build();
    }
}
