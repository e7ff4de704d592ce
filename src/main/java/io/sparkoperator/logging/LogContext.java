package io.sparkoperator.logging;

/**
 * The resource the current thread works on, so every line logged during one reconciliation - including fabric8's
 * through SLF4J - carries it. Reconciliations run one per virtual thread, which makes a thread-local exact.
 */
public final class LogContext {
    private static final ThreadLocal<LogResource> CURRENT = new ThreadLocal<>();
    private static volatile String replica;

    private LogContext() {
    }

    /** Sets the resource until the returned scope is closed (then the previous one is back). */
    public static Scope open(LogResource resource) {
        LogResource previous = CURRENT.get();
        CURRENT.set(resource);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /**
     * Names this process in every JSON line ({@code replica}) once several replicas share the work, so merged logs
     * say which one acted; null (the default) leaves it out.
     */
    public static void replica(String name) {
        replica = name;
    }

    /** The replica name set by {@link #replica(String)}, or null. */
    public static String replica() {
        return replica;
    }

    /** The current resource, or null. */
    public static LogResource current() {
        return CURRENT.get();
    }

    /** Closing restores the previous resource; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
