package io.sparkoperator.worker;

import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;

/**
 * fabric8's Vert.x HTTP client on the worker's one Vert.x instance. Found by fabric8's own look-up (a service
 * file in the worker's jar; the highest priority wins), so Spark's client factory picks it without being told.
 * A client built on a shared instance does not close it.
 */
public final class SharedVertxHttpClientFactory extends VertxHttpClientFactory {
    public SharedVertxHttpClientFactory() {
        super(SharedClientParts.VERTX);
    }

    /** Above fabric8's own Vert.x factory (0), the only other one on the worker's class path. */
    @Override
    public int priority() {
        return 1;
    }
}
