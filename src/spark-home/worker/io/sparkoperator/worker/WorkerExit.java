package io.sparkoperator.worker;

import scala.util.control.ControlThrowable;

/**
 * Thrown by the worker's {@code exitFn} where Spark would call {@code System.exit}: it unwinds the one submission
 * instead of the whole worker. A {@link ControlThrowable}, so Spark's {@code NonFatal} handlers let it pass.
 */
final class WorkerExit extends ControlThrowable {
    private final int exitCode;

    WorkerExit(int exitCode) {
        super("exit " + exitCode);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
