package io.sparkoperator.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A cron-driven SparkApplication factory: {@code kind: ScheduledSparkApplication}. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind(ApiGroup.SCHEDULED_SPARK_APPLICATION)
@Plural("scheduledsparkapplications")
@Singular("scheduledsparkapplication")
@ShortNames("scheduledsparkapp")
public class ScheduledSparkApplication
        extends CustomResource<ScheduledSparkApplicationSpec, ScheduledSparkApplicationStatus>
        implements Namespaced {
}
