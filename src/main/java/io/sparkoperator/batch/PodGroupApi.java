package io.sparkoperator.batch;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The two PodGroup kinds: Volcano's and scheduler-plugins' (both namespaced, plural {@code podgroups}). */
public enum PodGroupApi {
    VOLCANO("scheduling.volcano.sh", "v1beta1"),
    SCHEDULER_PLUGINS("scheduling.x-k8s.io", "v1alpha1");

    public static final String KIND = "PodGroup";
    public static final String PLURAL = "podgroups";

    private final String group;
    private final String version;

    PodGroupApi(String group, String version) {
        this.group = group;
        this.version = version;
    }

    public String group() {
        return group;
    }

    public String apiVersion() {
        return group + "/" + version;
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(KIND)
                .withPlural(PLURAL).withNamespaced(true).build();
    }
}
