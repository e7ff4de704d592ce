package io.sparkoperator.batch;

/** A plan could not be made or kept (bad memory text, PodGroup refused): the message is for status and Events. */
public final class SchedulingException extends Exception {
    public SchedulingException(String message) {
        super(message);
    }
}
