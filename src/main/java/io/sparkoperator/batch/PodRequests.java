package io.sparkoperator.batch;

import io.fabric8.kubernetes.api.model.Quantity;
import io.sparkoperator.api.ApplicationType;
import io.sparkoperator.api.DynamicAllocation;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkPodSpec;
import io.sparkoperator.submit.EffectiveSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU and memory one driver or executor pod requests, as the Go operator computes them for PodGroups and
 * YuniKorn task groups: CPU is {@code coreRequest}, else {@code cores}, else 1; memory is {@code memory} plus
 * {@code memoryOverhead} (default: {@code memoryOverheadFactor} x memory, at least 384 MiB; factor 0.1 for
 * Java/Scala, 0.4 for Python/R), plus PySpark and off-heap memory for executors, in whole MiB as Spark rounds it.
 */
final class PodRequests {
    static final long MIN_OVERHEAD = 384 * SparkMemory.MIB;
    static final double JVM_FACTOR = 0.1;
    static final double NON_JVM_FACTOR = 0.4;
    /** The Go operator's sanity limit on the initial executor count it multiplies by. */
    static final int MAX_EXECUTOR_INSTANCES = 10_000;

    private PodRequests() {
    }

    /** {@code cpu} and {@code memory} of the driver pod, as text ({@code "1"}, {@code "896Mi"}). */
    static Map<String, String> driver(SparkApplicationSpec spec) throws SchedulingException {
        EffectiveSpec effective = new EffectiveSpec(spec);
        String memory = first(spec.driver() == null ? null : spec.driver().memory(), effective.driverMemory(),
                conf(spec, "spark.driver.memory"));
        long bytes = withOverhead(spec, spec.driver(), memory);
        return requests(cpu(spec.driver(), effective.driverCores(), conf(spec, "spark.driver.cores")), bytes);
    }

    /** {@code cpu} and {@code memory} of one executor pod. */
    static Map<String, String> executor(SparkApplicationSpec spec) throws SchedulingException {
        EffectiveSpec effective = new EffectiveSpec(spec);
        String memory = first(spec.executor() == null ? null : spec.executor().memory(), effective.executorMemory(),
                conf(spec, "spark.executor.memory"));
        long bytes = withOverhead(spec, spec.executor(), memory) + pysparkBytes(spec) + offHeapBytes(spec);
        return requests(cpu(spec.executor(), effective.executorCores(), conf(spec, "spark.executor.cores")), bytes);
    }

    static Map<String, Quantity> asQuantities(Map<String, String> requests) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        requests.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out;
    }

    /**
     * How many executors the driver asks for at start (Spark's rule, as the Go operator has it): with dynamic
     * allocation the largest of instances, initialExecutors and minExecutors; without, the instances (Spark's
     * default 2 when neither the spec nor {@code spark.executor.instances} says).
     */
    static int initialExecutors(SparkApplicationSpec spec) {
        Integer instances = spec.executor() == null ? null : spec.executor().instances();
        DynamicAllocation da = spec.dynamicAllocation();
        if (da != null && Boolean.TRUE.equals(da.enabled())) {
            int n = 0;
            n = Math.max(n, instances == null ? 0 : instances);
            n = Math.max(n, da.initialExecutors() == null ? 0 : da.initialExecutors());
            return Math.max(n, da.minExecutors() == null ? 0 : da.minExecutors());
        }
        Integer effective = new EffectiveSpec(spec).executorInstances();
        if (effective != null) {
            return effective;
        }
        try {
            return Integer.parseInt(conf(spec, "spark.executor.instances").strip());
        } catch (NumberFormatException | NullPointerException e) {
            return 2;
        }
    }

    private static Map<String, String> requests(String cpu, long memoryBytes) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("cpu", cpu);
        out.put("memory", memoryBytes / SparkMemory.MIB + "Mi");
        return out;
    }

    private static String cpu(SparkPodSpec side, Integer cores, String confCores) throws SchedulingException {
        if (side != null && side.coreRequest() != null) {
            try {
                Quantities.parse(side.coreRequest());
            } catch (RuntimeException e) {
                throw new SchedulingException("failed to parse " + side.coreRequest() + ": not a quantity");
            }
            return side.coreRequest();
        }
        if (cores != null) {
            return Integer.toString(cores);
        }
        return confCores != null && confCores.strip().matches("[0-9]+") ? confCores.strip() : "1";
    }

    private static long withOverhead(SparkApplicationSpec spec, SparkPodSpec side, String memory)
            throws SchedulingException {
        long bytes = memory == null ? 0 : SparkMemory.bytes(memory, SparkMemory.MIB);
        if (side != null && side.memoryOverhead() != null) {
            return bytes + SparkMemory.bytes(side.memoryOverhead(), SparkMemory.MIB);
        }
        return bytes + (long) Math.max(bytes * overheadFactor(spec), MIN_OVERHEAD);
    }

    private static double overheadFactor(SparkApplicationSpec spec) throws SchedulingException {
        if (spec.memoryOverheadFactor() != null) {
            try {
                return Double.parseDouble(spec.memoryOverheadFactor());
            } catch (NumberFormatException e) {
                throw new SchedulingException("failed to parse memory overhead factor as float: "
                        + spec.memoryOverheadFactor());
            }
        }
        ApplicationType type = spec.type() == null ? ApplicationType.SCALA : spec.type();
        return type == ApplicationType.JAVA || type == ApplicationType.SCALA ? JVM_FACTOR : NON_JVM_FACTOR;
    }

    private static long pysparkBytes(SparkApplicationSpec spec) throws SchedulingException {
        String pyspark = conf(spec, "spark.executor.pyspark.memory");
        if (spec.type() != ApplicationType.PYTHON || pyspark == null) {
            return 0;
        }
        return SparkMemory.bytes(pyspark, SparkMemory.MIB);
    }

    private static long offHeapBytes(SparkApplicationSpec spec) throws SchedulingException {
        String enabled = conf(spec, "spark.memory.offHeap.enabled");
        String size = conf(spec, "spark.memory.offHeap.size");
        if (enabled == null || enabled.equals("false") || size == null) {
            return 0;
        }
        return SparkMemory.bytes(size, 1);
    }

    private static String conf(SparkApplicationSpec spec, String key) {
        return spec.sparkConf() == null ? null : spec.sparkConf().get(key);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
