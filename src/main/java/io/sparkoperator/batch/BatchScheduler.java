package io.sparkoperator.batch;

import io.sparkoperator.api.SparkApplication;
import java.util.Optional;

/** A batch scheduler an app can name in {@code spec.batchScheduler}; pure: it plans, the caller writes. */
public sealed interface BatchScheduler permits Volcano, YuniKorn, KubeScheduler {

    /** The name in {@code spec.batchScheduler} and the pods' {@code schedulerName}. */
    String name();

    /** What this scheduler needs for one submission of {@code app}. */
    SchedulingPlan plan(SparkApplication app) throws SchedulingException;

    /** The PodGroup API this scheduler keeps objects in, if any (for deleting them when the run's over). */
    Optional<PodGroupApi> podGroupApi();
}
