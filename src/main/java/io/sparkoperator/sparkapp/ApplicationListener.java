package io.sparkoperator.sparkapp;

import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.submit.SubmitResult;
import java.time.Duration;

/** Told what happened to apps (the metrics seam). Calls must be quick and must not throw. */
public interface ApplicationListener {
    /** A status was written: {@code before} is what was stored, {@code after} what is now. */
    default void statusWritten(SparkApplication app, SparkApplicationStatus before, SparkApplicationStatus after) {
    }

    /** A status write was answered 409 Conflict (it is retried or the pass decided again). */
    default void statusConflict() {
    }

    /** One spark-submit attempt ended. */
    default void submitted(SparkApplication app, SubmitResult result, Duration took) {
    }

    static ApplicationListener none() {
        return new ApplicationListener() { };
    }
}
