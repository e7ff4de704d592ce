package io.sparkoperator.state;

/** The Kubernetes Event {@code type} field. */
public enum EventType {
    NORMAL("Normal"), WARNING("Warning");

    private final String text;

    EventType(String text) {
        this.text = text;
    }

    /** The exact string for {@code Event.type}. */
    public String text() {
        return text;
    }
}
