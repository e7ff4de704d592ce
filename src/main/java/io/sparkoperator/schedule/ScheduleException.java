package io.sparkoperator.schedule;

/** A schedule or time zone that cannot be used; the message names the offending part and is shown in status. */
public final class ScheduleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ScheduleException(String message) {
        super(message);
    }
}
