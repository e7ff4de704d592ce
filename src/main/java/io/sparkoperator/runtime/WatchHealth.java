package io.sparkoperator.runtime;

import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the informers of one resource can list and watch. A failure is logged once per outage (a warning naming
 * the resource, the scope and the cause) and once more when the watch is back; in between, {@link #problems()}
 * says why the operator is not ready, which {@code /readyz} shows.
 */
final class WatchHealth {
    private static final System.Logger LOG = System.getLogger(WatchHealth.class.getName());

    private record Outage(Instant since, String cause) {
    }

    private final String resource;
    private final Map<String, Outage> outages = new ConcurrentHashMap<>();

    WatchHealth(String resource) {
        this.resource = resource;
    }

    /** The informer's exception handler: notes the outage, keeps retrying (fabric8 backs off between tries). */
    ExceptionHandler handlerFor(String scope) {
        return (started, error) -> {
            String cause = Causes.summary(error);
            Outage earlier = outages.putIfAbsent(scope, new Outage(Instant.now(), cause));
            if (earlier == null) {
                LOG.log(Level.WARNING, () -> "cannot " + (started ? "watch " : "list ") + resource + " in " + scope
                        + ": " + cause + "; retrying until it works (not ready meanwhile)");
            } else if (!earlier.cause().equals(cause)) {
                outages.replace(scope, earlier, new Outage(earlier.since(), cause));
            }
            return !ExceptionHandler.isDeserializationException(error);
        };
    }

    /** Closes the outage of {@code scope} once its informer watches again, with an info line saying how long. */
    void observe(String scope, boolean watching) {
        if (!watching) {
            return;
        }
        Outage ended = outages.remove(scope);
        if (ended != null) {
            long seconds = Duration.between(ended.since(), Instant.now()).toSeconds();
            LOG.log(Level.INFO, () -> "watching " + resource + " in " + scope + " again after " + seconds + " s");
        }
    }

    /** One line per scope that cannot be watched now; empty when all can. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        outages.forEach((scope, outage) -> problems.add("cannot watch " + resource + " in " + scope + " since "
                + outage.since().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ": " + outage.cause()));
        return problems;
    }

    /** The last cause seen for {@code scope}, if it is failing. */
    String causeOf(String scope) {
        Outage outage = outages.get(scope);
        return outage == null ? null : outage.cause();
    }

    /** Short causes: each distinct message of the chain once, wrappers and generic texts left out. */
    static final class Causes {
        private static final Set<String> GENERIC = Set.of("An error has occurred.");

        private Causes() {
        }

        static String summary(Throwable error) {
            Set<String> parts = new LinkedHashSet<>();
            for (Throwable t = error; t != null && parts.size() < 4; t = t.getCause()) {
                if (t instanceof java.net.ConnectException && t.getMessage() == null) {
                    parts.add("connection refused"); // the JDK's HTTP client gives no text; what follows is noise
                    break;
                }
                String message = t.getMessage();
                boolean wrapper = t.getCause() != null && t.getCause().toString().equals(message);
                if (wrapper || message != null && GENERIC.contains(message.strip())) {
                    continue;
                }
                String line = message == null || message.isBlank() ? t.getClass().getSimpleName()
                        : message.strip().lines().findFirst().orElse("");
                if (parts.stream().noneMatch(p -> p.contains(line))) {
                    parts.add(line);
                }
            }
            return parts.isEmpty() ? error.getClass().getSimpleName() : String.join(": ", parts);
        }
    }
}
