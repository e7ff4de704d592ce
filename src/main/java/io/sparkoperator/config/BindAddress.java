package io.sparkoperator.config;

import java.util.Optional;

/** A {@code [host]:port} listen address as the Go operator's flags take it; {@code "0"} switches the endpoint off. */
public record BindAddress(String host, int port) {
    public BindAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        host = host == null ? "" : host;
    }

    static Optional<BindAddress> parse(String text) {
        String value = text.trim();
        if (value.equals("0") || value.isEmpty()) {
            return Optional.empty();
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a bind address: '" + text + "' (use :8080, 0.0.0.0:8080 or 0)");
        }
        try {
            return Optional.of(new BindAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a bind address: '" + text + "' (use :8080, 0.0.0.0:8080 or 0)");
        }
    }

    /** The host to bind, {@code 0.0.0.0} when only a port was given. */
    public String bindHost() {
        return host.isEmpty() ? "0.0.0.0" : host;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
