package io.sparkoperator.ui;

/**
 * Whether the operator exposes each driver's Spark UI through {@code <app>-ui-svc} (and an Ingress), and whether
 * those are deleted once the app is COMPLETED or FAILED ({@code deleteOnTermination}, our addition: the Go
 * operator keeps them until the app is deleted, which piles up Services and env vars in busy namespaces).
 */
public record UiServiceOptions(boolean enabled, boolean deleteOnTermination, IngressOptions ingress) {
    public UiServiceOptions {
        ingress = ingress == null ? IngressOptions.none() : ingress;
    }

    public static UiServiceOptions defaults() {
        return new UiServiceOptions(true, true, IngressOptions.none());
    }
}
