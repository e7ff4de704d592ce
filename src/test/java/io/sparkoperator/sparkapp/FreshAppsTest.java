package io.sparkoperator.sparkapp;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.sparkoperator.runtime.ResourceKey;
import org.junit.jupiter.api.Test;

class FreshAppsTest {
    private static final ResourceKey KEY = new ResourceKey("ns", "pi");
    private final FreshApps fresh = new FreshApps();

    private static GenericKubernetesResource version(String resourceVersion) {
        return new GenericKubernetesResourceBuilder().withNewMetadata().withNamespace("ns").withName("pi")
                .withResourceVersion(resourceVersion).endMetadata().build();
    }

    @Test
    void ourWriteWinsUntilTheCacheCatchesUp() {
        GenericKubernetesResource v5 = version("5");
        GenericKubernetesResource v7 = version("7");
        fresh.wrote(KEY, v5, v7);
        assertSame(v7, fresh.latest(KEY, v5), "cache still at the version we wrote over");
        GenericKubernetesResource v6 = version("6");
        assertSame(v7, fresh.latest(KEY, v6), "a user edit between our read and write is older than our write");
        GenericKubernetesResource v8 = version("8");
        assertSame(v8, fresh.latest(KEY, v8));
        assertSame(v5, fresh.latest(KEY, v5), "once caught up, the memory is dropped");
    }

    @Test
    void opaqueVersionsFallBackToTheReplacedOnes() {
        GenericKubernetesResource a = version("a");
        GenericKubernetesResource b = version("b");
        fresh.wrote(KEY, a, b);
        assertSame(b, fresh.latest(KEY, a));
        GenericKubernetesResource c = version("c");
        assertSame(c, fresh.latest(KEY, c));
    }

    @Test
    void aDeletedAppIsForgotten() {
        fresh.wrote(KEY, version("1"), version("2"));
        assertNull(fresh.latest(KEY, null));
        GenericKubernetesResource v1 = version("1");
        assertSame(v1, fresh.latest(KEY, v1));
    }
}
