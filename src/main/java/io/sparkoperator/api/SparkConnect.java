package io.sparkoperator.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A long-running Spark Connect server and its executors: {@code kind: SparkConnect} in v1alpha1. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION_V1ALPHA1)
@Kind(ApiGroup.SPARK_CONNECT)
@Plural("sparkconnects")
@Singular("sparkconnect")
@ShortNames("sparkconn")
public class SparkConnect extends CustomResource<SparkConnectSpec, SparkConnectStatus> implements Namespaced {
}
