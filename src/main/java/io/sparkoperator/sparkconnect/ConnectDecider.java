package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.ConnectCondition;
import io.sparkoperator.api.ConnectRestartPolicy;
import io.sparkoperator.api.ConnectServerStatus;
import io.sparkoperator.api.ConnectState;
import io.sparkoperator.api.RestartPolicyType;
import io.sparkoperator.api.SparkConnect;
import io.sparkoperator.api.SparkConnectStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SparkConnect state machine, a pure function of what one pass observed: the server pod's phase and readiness
 * give {@code state} and the {@code ServerPodReady} condition (Go's reasons); a pod built from an older spec is
 * rolled; an ended pod is restarted per {@code spec.restartPolicy} (Never; OnFailure: a Failed pod, at most
 * {@code onFailureRetries} times per generation; Always: a Failed or Succeeded pod, without limit) after
 * {@code onFailureRetryInterval} seconds (default 5), counted in {@code restartAttempts}; past the limit the state is
 * {@code Failed} with reason {@code RestartLimitExceeded}. Events are decided on transitions only, so a pass that
 * changes nothing says nothing.
 */
final class ConnectDecider {
    static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(5);
    /** How often a pass looks again while a deleted server pod is going away. */
    static final Duration TERMINATING_POLL = Duration.ofSeconds(2);

    /**
     * @param server the server pod, null when there is none
     * @param serverGoing the server pod is being deleted (or this operator deleted it and the cache still has it)
     * @param desiredHash the fingerprint of the pod the spec builds now ({@link ServerPodBuilder#SPEC_HASH})
     * @param invalid why no server can be built from the spec, or null
     */
    record Observed(SparkConnect connect, Pod server, boolean serverGoing, String desiredHash, String invalid,
            List<Pod> executors, Instant now) {
    }

    private ConnectDecider() {
    }

    static ConnectDecision decide(Observed in) {
        return new Pass(in).run();
    }

    /** One decision's working state. */
    private static final class Pass {
        private final Observed in;
        private final SparkConnectStatus old;
        private final String podName;
        private final List<ConnectEvent> events = new ArrayList<>();
        private final List<ConnectCondition> conditions;
        private String state;
        private int restartAttempts;
        private Instant lastRestartTime;
        private final long generation;

        Pass(Observed in) {
            this.in = in;
            this.old = in.connect().getStatus() == null
                    ? new SparkConnectStatus(null, null, null, null, null, null, null, null, null)
                    : in.connect().getStatus();
            this.podName = ConnectNames.serverPod(in.connect().getMetadata().getName());
            this.conditions = old.conditions() == null ? new ArrayList<>() : new ArrayList<>(old.conditions());
            this.state = Objects.requireNonNullElse(old.state(), ConnectState.NEW.text());
            this.generation = Objects.requireNonNullElse(in.connect().getMetadata().getGeneration(), 0L);
            boolean sameGeneration = Objects.equals(old.observedGeneration(), generation);
            // The restart budget is per generation: a changed spec gets a fresh one.
            this.restartAttempts = sameGeneration ? Objects.requireNonNullElse(old.restartAttempts(), 0) : 0;
            this.lastRestartTime = old.lastRestartTime();
        }

        ConnectDecision run() {
            if (in.invalid() != null) {
                condition(false, ConnectCondition.REASON_SERVER_POD_NOT_READY, in.invalid());
                if (!ConnectState.FAILED.text().equals(state) || !in.invalid().equals(oldMessage())) {
                    events.add(ConnectEvent.warning(ConnectEvent.INVALID, in.invalid()));
                }
                return done(ConnectState.FAILED, ConnectDecision.Action.NONE, null);
            }
            Pod pod = in.server();
            if (pod == null) {
                condition(false, ConnectCondition.REASON_SERVER_POD_NOT_READY, "Server pod is not ready: created");
                events.add(ConnectEvent.normal(ConnectEvent.SERVER_CREATED, "Created server pod " + podName
                        + (restartAttempts > 0 ? " (restart " + restartAttempts + ")" : "")));
                return done(ConnectState.NOT_READY, ConnectDecision.Action.CREATE, null);
            }
            if (in.serverGoing()) {
                if (!restarting()) {
                    condition(false, ConnectCondition.REASON_SERVER_POD_NOT_READY,
                            "Server pod is not ready: terminating");
                }
                return done(ConnectState.NOT_READY, ConnectDecision.Action.NONE, TERMINATING_POLL);
            }
            String built = ServerPodBuilder.hashOf(pod);
            if (built != null && in.desiredHash() != null && !built.equals(in.desiredHash())) {
                condition(false, ConnectCondition.REASON_SERVER_POD_NOT_READY,
                        "Server pod is not ready: replaced after a spec change");
                events.add(ConnectEvent.normal(ConnectEvent.SPEC_CHANGED, "The spec changed: replacing server pod "
                        + podName));
                return done(ConnectState.NOT_READY, ConnectDecision.Action.ROLL, TERMINATING_POLL);
            }
            String phase = ServerPodState.phase(pod);
            if (shouldRestart(phase)) {
                return restart(pod);
            }
            return switch (phase) {
                case "Succeeded" -> {
                    condition(false, ConnectCondition.REASON_COMPLETED, "Server pod completed");
                    if (!ConnectState.COMPLETED.text().equals(state)) {
                        events.add(ConnectEvent.normal(ConnectEvent.COMPLETED, ServerPodState.ending(pod)));
                    }
                    yield done(ConnectState.COMPLETED, ConnectDecision.Action.NONE, null);
                }
                case "Failed" -> {
                    condition(false, ConnectCondition.REASON_SERVER_POD_NOT_READY, "Server pod failed: "
                            + ServerPodState.message(pod));
                    if (!ConnectState.FAILED.text().equals(state)) {
                        events.add(ConnectEvent.warning(ConnectEvent.FAILED, ServerPodState.ending(pod)
                                + "; restartPolicy " + policyType().name() + " does not restart it"));
                    }
                    yield done(ConnectState.FAILED, ConnectDecision.Action.NONE, null);
                }
                default -> running(pod);
            };
        }

        private ConnectDecision running(Pod pod) {
            if (ServerPodState.ready(pod)) {
                condition(true, ConnectCondition.REASON_SERVER_POD_READY, "Server pod is ready");
                if (!ConnectState.READY.text().equals(state)) {
                    events.add(ConnectEvent.normal(ConnectEvent.READY, "Server pod " + podName
                            + " is ready; clients connect to " + ConnectNames.clientUrl(in.connect())));
                }
                return done(ConnectState.READY, ConnectDecision.Action.NONE, null);
            }
            condition(false, ConnectCondition.REASON_SERVER_POD_NOT_READY, "Server pod is not ready: "
                    + ServerPodState.message(pod));
            if (ConnectState.READY.text().equals(state)) {
                events.add(ConnectEvent.warning(ConnectEvent.NOT_READY, "Server pod " + podName
                        + " is no longer ready (" + ServerPodState.phase(pod) + ")"));
            }
            return done(ConnectState.NOT_READY, ConnectDecision.Action.NONE, null);
        }

        private ConnectDecision restart(Pod pod) {
            ConnectRestartPolicy policy = in.connect().getSpec().restartPolicy();
            int retries = policy == null || policy.onFailureRetries() == null ? 0 : policy.onFailureRetries();
            if (policyType() == RestartPolicyType.ON_FAILURE && restartAttempts >= retries) {
                condition(false, ConnectCondition.REASON_RESTART_LIMIT_EXCEEDED, "Server pod restart limit exceeded");
                if (!ConnectState.FAILED.text().equals(state)) {
                    events.add(ConnectEvent.warning(ConnectEvent.FAILED, ServerPodState.ending(pod)
                            + "; restart limit exceeded (" + restartAttempts + " of " + retries + " restarts used)"));
                }
                return done(ConnectState.FAILED, ConnectDecision.Action.NONE, null);
            }
            Duration backoff = policy == null || policy.onFailureRetryInterval() == null ? DEFAULT_RETRY_INTERVAL
                    : Duration.ofSeconds(policy.onFailureRetryInterval());
            Optional<Instant> since = restarting() ? Optional.ofNullable(find().lastTransitionTime())
                    : Optional.empty();
            if (since.isEmpty()) {
                condition(false, ConnectCondition.REASON_RESTARTING, "Server pod restart scheduled");
                String budget = policyType() == RestartPolicyType.ALWAYS ? "restartPolicy Always"
                        : "restart " + (restartAttempts + 1) + " of " + retries;
                events.add(ConnectEvent.warning(ConnectEvent.RESTARTING, ServerPodState.ending(pod)
                        + "; restarting in " + backoff.toSeconds() + " s (" + budget + ")"));
                return done(ConnectState.NOT_READY, ConnectDecision.Action.NONE, backoff);
            }
            Duration elapsed = Duration.between(since.get(), in.now());
            if (elapsed.compareTo(backoff) < 0) {
                return done(ConnectState.NOT_READY, ConnectDecision.Action.NONE, backoff.minus(elapsed));
            }
            restartAttempts++;
            lastRestartTime = in.now();
            return done(ConnectState.NOT_READY, ConnectDecision.Action.RESTART, TERMINATING_POLL);
        }

        private boolean shouldRestart(String phase) {
            return switch (policyType()) {
                case NEVER -> false;
                case ON_FAILURE -> phase.equals("Failed");
                case ALWAYS -> phase.equals("Failed") || phase.equals("Succeeded");
            };
        }

        /** Absent means OnFailure, as in the Go operator. */
        private RestartPolicyType policyType() {
            ConnectRestartPolicy policy = in.connect().getSpec().restartPolicy();
            return policy == null || policy.restartPolicyType() == null ? RestartPolicyType.ON_FAILURE
                    : policy.restartPolicyType();
        }

        private boolean restarting() {
            ConnectCondition current = find();
            return current != null && "False".equals(current.status())
                    && ConnectCondition.REASON_RESTARTING.equals(current.reason());
        }

        private ConnectCondition find() {
            return conditions.stream().filter(c -> ConnectCondition.SERVER_POD_READY.equals(c.type())).findFirst()
                    .orElse(null);
        }

        private String oldMessage() {
            ConnectCondition current = find();
            return current == null ? null : current.message();
        }

        /**
         * Sets ServerPodReady; its lastTransitionTime moves when status or reason changes (so a restart's backoff
         * starts when it was scheduled).
         */
        private void condition(boolean ready, String reason, String message) {
            ConnectCondition current = find();
            String status = ready ? "True" : "False";
            Instant since = current != null && status.equals(current.status()) && reason.equals(current.reason())
                    && current.lastTransitionTime() != null ? current.lastTransitionTime() : in.now();
            conditions.removeIf(c -> ConnectCondition.SERVER_POD_READY.equals(c.type()));
            conditions.add(new ConnectCondition(ConnectCondition.SERVER_POD_READY, status, null, since, reason,
                    message));
        }

        private ConnectDecision done(ConnectState next, ConnectDecision.Action action, Duration requeue) {
            String podIp = in.server() == null || in.server().getStatus() == null ? null
                    : in.server().getStatus().getPodIP();
            SparkConnectStatus status = new SparkConnectStatus(List.copyOf(conditions), next.text(),
                    new ConnectServerStatus(podName, blankToNull(podIp), ConnectNames.service(in.connect())),
                    restartAttempts == 0 ? null : restartAttempts, lastRestartTime,
                    generation == 0 ? null : generation, executors(),
                    old.startTime() == null ? in.now() : old.startTime(), old.lastUpdateTime());
            return new ConnectDecision(status, action, List.copyOf(events), Optional.ofNullable(requeue));
        }

        /** Executor pods by lower-case phase; absent when there are none (Go's omitempty). */
        private Map<String, Integer> executors() {
            Map<String, Integer> counts = new TreeMap<>();
            for (Pod executor : in.executors()) {
                counts.merge(ServerPodState.phase(executor).toLowerCase(), 1, Integer::sum);
            }
            return counts.isEmpty() ? null : counts;
        }

        private static String blankToNull(String text) {
            return text == null || text.isEmpty() ? null : text;
        }
    }
}
