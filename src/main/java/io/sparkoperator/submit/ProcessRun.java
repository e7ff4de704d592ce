package io.sparkoperator.submit;

import java.time.Duration;
import java.util.List;

/** How one spark-submit process ended, before it is read as a {@link SubmitResult}. */
sealed interface ProcessRun {
    /**
     * The process exited by itself (exit code -1: it could not be started). {@code stdout} is a short tail, kept
     * because a JVM that cannot start says why on stdout.
     */
    record Exited(int exitCode, List<String> stderr, List<String> stdout, Duration took) implements ProcessRun {
    }

    /** The process tree was killed, or never started: timeout, no free slot, or the caller was interrupted. */
    record Killed(Duration timeout, String reason) implements ProcessRun {
    }
}
