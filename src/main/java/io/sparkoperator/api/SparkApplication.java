package io.sparkoperator.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One Spark run: {@code kind: SparkApplication}. fabric8 needs a mutable class here; spec and status are records. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind(ApiGroup.SPARK_APPLICATION)
@Plural("sparkapplications")
@Singular("sparkapplication")
@ShortNames("sparkapp")
public class SparkApplication extends CustomResource<SparkApplicationSpec, SparkApplicationStatus>
        implements Namespaced {
}
