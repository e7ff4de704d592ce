package io.sparkoperator.submit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Killing a child process with everything it started: a child's own children must not outlive it. */
final class ProcessTrees {
    private static final System.Logger LOG = System.getLogger(ProcessTrees.class.getName());

    private ProcessTrees() {
    }

    /** Descendants snapshot first, then everyone; waits at most {@code grace} for the child to be gone. */
    static void kill(Process process, Duration grace, String what) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, what + " pid " + process.pid() + " did not exit after kill: " + e);
        }
    }
}
