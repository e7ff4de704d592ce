package io.sparkoperator.metrics;

/** The {@code result} label of {@code spark_operator_submit_duration_seconds}. */
public enum SubmitOutcome {
    SUCCESS("success"), FAILURE("failure"), TIMEOUT("timeout");

    private final String label;

    SubmitOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
