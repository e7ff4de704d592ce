package io.sparkoperator.sparkconnect;

/** A SparkConnect the operator cannot build a server from (a user error: shown in status and an Event). */
final class InvalidConnectException extends Exception {
    InvalidConnectException(String message) {
        super(message);
    }
}
