package io.sparkoperator.submit;

import io.sparkoperator.api.SparkApplication;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one call the controller makes to submit: validate, render the pod templates into a private temp dir, build
 * the arguments, run spark-submit (in a warm submission worker, or as a new JVM), remove the temp dir, and say what
 * happened. Both paths give the same {@link ProcessRun}, read the same way. Thread-safe; concurrency is bounded by
 * the runner or the worker pool. Never throws for a bad spec or a failed run: both are a {@link SubmitResult}.
 */
public final class Submitter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Submitter.class.getName());
    private final SubmitterConfig config;
    private final SparkSubmitRunner runner;
    /** The warm path; null in cold mode. */
    private final WorkerPool workers;

    /** A new spark-submit JVM per submission (cold). */
    public Submitter(SubmitterConfig config) {
        this(config, WorkerSettings.cold());
    }

    /** @throws IllegalStateException when SPARK_HOME has no {@code bin/spark-submit} (fail fast at start-up) */
    public Submitter(SubmitterConfig config, WorkerSettings workerSettings) {
        this.config = config;
        this.runner = new SparkSubmitRunner(config);
        this.workers = workerSettings.mode() == SubmissionMode.WARM
                ? new WorkerPool(config, workerSettings, runner.childJavaFeature(), runner, System::nanoTime)
                : null;
        if (workers != null) {
            workers.startAhead();
        }
    }

    public SubmissionMode mode() {
        return workers == null ? SubmissionMode.COLD : SubmissionMode.WARM;
    }

    public SubmitResult submit(SparkApplication app, String submissionId) {
        Objects.requireNonNull(submissionId, "submissionId");
        Optional<String> invalid = SubmissionValidator.message(app);
        if (invalid.isPresent()) {
            return new SubmitResult.Invalid(invalid.get());
        }
        RenderedPodTemplates templates = PodTemplateRenderer.render(app);
        String driverPod = DriverPodName.of(app);
        try (PodTemplateFiles files = PodTemplateFiles.write(config.workDir(), submissionId, templates)) {
            List<String> args = SubmitArguments.build(app, submissionId, config.masterUrl(), files.paths(),
                    config.arguments());
            SecretValues secrets = SecretValues.of(app.getSpec());
            return masked(classify(run(args, secrets), driverPod, templates.warnings()), secrets);
        } catch (IOException e) {
            return new SubmitResult.Failed(-1, List.of("could not write the pod templates under " + config.workDir()
                    + ": " + e.getMessage()));
        }
    }

    private ProcessRun run(List<String> args, SecretValues secrets) {
        if (workers == null) {
            return runner.run(args, secrets);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "spark-submit in a submission worker: "
                + SecretRedaction.commandLine(args, secrets));
        return workers.run(args, secrets);
    }

    /** Submission workers alive now (0 in cold mode). */
    public int workersAlive() {
        return workerPids().size();
    }

    /** Submission workers started since the operator started. */
    public long workersStarted() {
        return workers == null ? 0 : workers.startedTotal();
    }

    /** Submissions that went cold because no submission worker could start. */
    public long workerFallbacks() {
        return workers == null ? 0 : workers.fallbacksTotal();
    }

    /** The process IDs of the submission workers alive now (idle or submitting). */
    public List<Long> workerPids() {
        return workers == null ? List.of() : workers.pids();
    }

    /** spark-submit may echo a conf or its whole command line: no secret of the spec reaches status or Events. */
    private static SubmitResult masked(SubmitResult result, SecretValues secrets) {
        return switch (result) {
            case SubmitResult.Failed f -> new SubmitResult.Failed(f.exitCode(), secrets.mask(f.errorLines()));
            case SubmitResult.TimedOut t -> new SubmitResult.TimedOut(t.timeout(), secrets.mask(t.message()));
            case SubmitResult.ApiServerUnavailable u -> new SubmitResult.ApiServerUnavailable(u.exitCode(),
                    secrets.mask(u.cause()), secrets.mask(u.errorLines()));
            default -> result;
        };
    }

    static SubmitResult classify(ProcessRun run, String driverPod, List<String> warnings) {
        return switch (run) {
            case ProcessRun.Killed k -> new SubmitResult.TimedOut(k.timeout(), k.reason());
            case ProcessRun.Exited e when e.exitCode() == 0 -> new SubmitResult.Submitted(driverPod, e.took(), warnings,
                    StderrDigest.deployedApplicationId(e.stderr()).orElse(null));
            case ProcessRun.Exited e when StderrDigest.driverAlreadyExists(e.stderr()) ->
                    new SubmitResult.DriverAlreadyExists(driverPod, "driver pod " + driverPod + " already exists");
            case ProcessRun.Exited e when StderrDigest.apiServerUnavailable(e.stderr()).isPresent() ->
                    new SubmitResult.ApiServerUnavailable(e.exitCode(),
                            StderrDigest.apiServerUnavailable(e.stderr()).orElseThrow(), failureLines(e));
            case ProcessRun.Exited e -> new SubmitResult.Failed(e.exitCode(), failureLines(e));
        };
    }

    /** What stderr says; when it says nothing useful (a JVM that failed to start prints to stdout), stdout's tail. */
    private static List<String> failureLines(ProcessRun.Exited e) {
        List<String> lines = StderrDigest.errorLines(e.stderr());
        return lines.isEmpty() ? StderrDigest.errorLines(e.stdout()) : lines;
    }

    /** Kills every spark-submit and submission worker still running. */
    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
        runner.close();
    }
}
