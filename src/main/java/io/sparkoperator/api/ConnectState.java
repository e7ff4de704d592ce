package io.sparkoperator.api;

/** The values of {@code SparkConnect.status.state}; {@link #NEW} is the empty string a fresh object has. */
public enum ConnectState {
    NEW(""), READY("Ready"), NOT_READY("NotReady"), FAILED("Failed"), COMPLETED("Completed");

    private final String text;

    ConnectState(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
