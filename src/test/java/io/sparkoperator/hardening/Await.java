package io.sparkoperator.hardening;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling for a condition in tests that run against informers and virtual threads. */
final class Await {
    static final Duration DEFAULT = Duration.ofSeconds(60);

    private Await() {
    }

    static void until(BooleanSupplier condition, Supplier<String> whatWasSeen) {
        until(DEFAULT, condition, whatWasSeen);
    }

    static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatWasSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + whatWasSeen.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
