package io.sparkoperator.scheduled;

import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ConcurrencyPolicy;
import io.sparkoperator.api.ScheduleState;
import io.sparkoperator.api.ScheduledSparkApplicationSpec;
import io.sparkoperator.api.ScheduledSparkApplicationStatus;
import io.sparkoperator.api.SparkApplicationSpec;
import java.time.Instant;
import java.util.List;

/** Specs, statuses and runs for the ScheduledSparkApplication tests. */
final class Fixtures {
    static final SparkApplicationSpec TEMPLATE = ApiJson.parse("""
            type: Scala
            mode: cluster
            sparkVersion: 4.1.1
            mainClass: org.apache.spark.examples.SparkPi
            mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
            driver: {cores: 1}
            executor: {instances: 1}
            """, SparkApplicationSpec.class);

    private Fixtures() {
    }

    static ScheduledSparkApplicationSpec spec(String schedule) {
        return new ScheduledSparkApplicationSpec(schedule, null, TEMPLATE, null, null, null, null);
    }

    static ScheduledSparkApplicationSpec spec(String schedule, ConcurrencyPolicy policy) {
        return new ScheduledSparkApplicationSpec(schedule, null, TEMPLATE, null, policy, null, null);
    }

    static ScheduledSparkApplicationSpec withZone(ScheduledSparkApplicationSpec s, String zone) {
        return new ScheduledSparkApplicationSpec(s.schedule(), zone, s.template(), s.suspend(), s.concurrencyPolicy(),
                s.successfulRunHistoryLimit(), s.failedRunHistoryLimit());
    }

    static ScheduledSparkApplicationSpec suspended(ScheduledSparkApplicationSpec s, boolean suspend) {
        return new ScheduledSparkApplicationSpec(s.schedule(), s.timeZone(), s.template(), suspend,
                s.concurrencyPolicy(), s.successfulRunHistoryLimit(), s.failedRunHistoryLimit());
    }

    static ScheduledSparkApplicationSpec limits(ScheduledSparkApplicationSpec s, Integer successful, Integer failed) {
        return new ScheduledSparkApplicationSpec(s.schedule(), s.timeZone(), s.template(), s.suspend(),
                s.concurrencyPolicy(), successful, failed);
    }

    /** A status as a previous pass left it, waiting for {@code nextRun}. */
    static ScheduledSparkApplicationStatus armed(String nextRun) {
        return new ScheduledSparkApplicationStatus(null, Instant.parse(nextRun), null, List.of(), List.of(),
                ScheduleState.SCHEDULED, null);
    }

    static ChildRun run(String name, String createdAt, AppState state) {
        return new ChildRun(name, Instant.parse(createdAt), state);
    }
}
