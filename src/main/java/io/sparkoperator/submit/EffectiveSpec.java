package io.sparkoperator.submit;

import io.sparkoperator.api.DeployMode;
import io.sparkoperator.api.SparkApplicationSpec;
import java.util.Map;

/**
 * The Go operator's defaults, applied in memory on read. The spec is never changed or written back: a
 * written default would look like a user edit. Accessors return {@code null} where the Go defaulter leaves a field
 * unset (for example the driver cores when {@code sparkConf} already has {@code spark.driver.cores}), so the
 * argument builder emits nothing and the user's {@code sparkConf} value stands. Restart-policy defaults live with
 * the state machine ({@code state.RetryPolicy}), which is what uses them.
 */
public record EffectiveSpec(SparkApplicationSpec spec) {
    public DeployMode mode() {
        return spec.mode() != null ? spec.mode() : DeployMode.CLUSTER;
    }

    public Integer driverCores() {
        return orDefault(spec.driver() == null ? null : spec.driver().cores(), "spark.driver.cores", 1);
    }

    public String driverMemory() {
        return orDefault(spec.driver() == null ? null : spec.driver().memory(), "spark.driver.memory", "1g");
    }

    public Integer executorCores() {
        return orDefault(spec.executor() == null ? null : spec.executor().cores(), "spark.executor.cores", 1);
    }

    public String executorMemory() {
        return orDefault(spec.executor() == null ? null : spec.executor().memory(), "spark.executor.memory", "1g");
    }

    /** 1 unless set, or {@code spark.executor.instances} is in sparkConf, or dynamic allocation is on. */
    public Integer executorInstances() {
        Integer set = spec.executor() == null ? null : spec.executor().instances();
        if (set != null) {
            return set;
        }
        String conf = sparkConf().get("spark.executor.instances");
        return (conf != null && !conf.isEmpty()) || dynamicAllocationEnabled() ? null : 1;
    }

    /**
     * {@code dynamicAllocation.enabled}; without that block, the sparkConf switch. The Go defaulter reads only the
     * lowercase key {@code spark.dynamicallocation.enabled} (a quirk); the real Spark key is camel-cased, so both
     * spellings count here.
     */
    public boolean dynamicAllocationEnabled() {
        if (spec.dynamicAllocation() != null) {
            return Boolean.TRUE.equals(spec.dynamicAllocation().enabled());
        }
        return sparkConf().entrySet().stream()
                .anyMatch(e -> e.getKey().equalsIgnoreCase("spark.dynamicAllocation.enabled")
                        && "true".equalsIgnoreCase(e.getValue().trim()));
    }

    /** Shuffle tracking defaults to on whenever dynamic allocation is on. */
    public boolean shuffleTrackingEnabled() {
        var da = spec.dynamicAllocation();
        return dynamicAllocationEnabled() && (da == null || !Boolean.FALSE.equals(da.shuffleTrackingEnabled()));
    }

    Map<String, String> sparkConf() {
        return spec.sparkConf() == null ? Map.of() : spec.sparkConf();
    }

    private <T> T orDefault(T set, String confKey, T fallback) {
        if (set != null) {
            return set;
        }
        return sparkConf().containsKey(confKey) ? null : fallback;
    }
}
