package io.sparkoperator.controller;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.Rfc3339;
import io.sparkoperator.api.ScheduledSparkApplication;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Records {@link ScheduledEvent}s as core/v1 Events on the ScheduledSparkApplication. Best effort: never fails a pass. */
final class ScheduledEventWriter {
    private static final Logger LOG = Logger.getLogger(ScheduledEventWriter.class.getName());
    private static final String COMPONENT = "spark-operator";

    private final KubernetesClient client;
    private final Clock clock;

    ScheduledEventWriter(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void write(ScheduledSparkApplication parent, ScheduledEvent event) {
        String namespace = parent.getMetadata().getNamespace();
        String time = Rfc3339.format(clock.instant());
        Event body = new EventBuilder()
                .withNewMetadata()
                .withName(parent.getMetadata().getName() + "." + UUID.randomUUID().toString().replace("-", ""))
                .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(ApiGroup.API_VERSION)
                        .withKind(ApiGroup.SCHEDULED_SPARK_APPLICATION)
                        .withName(parent.getMetadata().getName())
                        .withNamespace(namespace)
                        .withUid(parent.getMetadata().getUid())
                        .build())
                .withType(event.warning() ? "Warning" : "Normal")
                .withReason(event.reason())
                .withMessage(event.message())
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(body).create();
        } catch (KubernetesClientException e) {
            LOG.log(Level.WARNING, "ScheduledSparkApplication(" + namespace + "/" + parent.getMetadata().getName()
                    + "): could not record event " + event.reason() + ": " + e.getMessage());
        }
    }
}
