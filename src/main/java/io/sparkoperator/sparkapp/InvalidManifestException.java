package io.sparkoperator.sparkapp;

/** A SparkApplication the model cannot read (wrong field types); shown to the user in status and an Event. */
public final class InvalidManifestException extends RuntimeException {
    public InvalidManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
