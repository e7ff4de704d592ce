package io.sparkoperator.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Runs the operator's work only while this instance holds the Lease ({@code --leader-election}); without leader
 * election the work starts at once. Losing the lease stops the work at once and completes {@link #lost()}: the
 * process should then exit so that a restarted pod starts clean, as the Go operator does.
 */
public final class LeaderGate implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LeaderGate.class.getName());

    /** What runs while leading. {@code start} may block (cache sync); {@code stopNow} must not wait long. */
    public interface Work {
        void start() throws Exception;

        void stopNow();

        /** Several works as one: started in order, stopped in reverse order. */
        static Work all(Work... works) {
            return new Work() {
                @Override
                public void start() throws Exception {
                    for (Work work : works) {
                        work.start();
                    }
                }

                @Override
                public void stopNow() {
                    for (int i = works.length - 1; i >= 0; i--) {
                        works[i].stopNow();
                    }
                }
            };
        }
    }

    private final KubernetesClient client;
    private final LeaderElectionOptions options;
    private final String identity;
    private final Work work;
    private final CompletableFuture<String> lost = new CompletableFuture<>();
    private volatile boolean leading;
    private volatile boolean closing;
    private Future<?> election;

    public LeaderGate(KubernetesClient client, LeaderElectionOptions options, String identity, Work work) {
        this.client = client;
        this.options = options;
        this.identity = identity;
        this.work = work;
    }

    public synchronized void start() {
        if (!options.enabled()) {
            lead();
            return;
        }
        LOG.log(Level.INFO, () -> identity + ": waiting for Lease " + options.lockNamespace() + "/"
                + options.lockName());
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(options.lockName())
                .withLock(new LeaseLock(options.lockNamespace(), options.lockName(), identity))
                .withLeaseDuration(options.leaseDuration())
                .withRenewDeadline(options.renewDeadline())
                .withRetryPeriod(options.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> Thread.ofVirtual().name("leader-start").start(this::lead),
                        this::stopLeading,
                        leader -> LOG.log(Level.INFO, () -> identity + ": the leader is " + leader)))
                .build()).build().start();
    }

    private void lead() {
        leading = true;
        LOG.log(Level.INFO, () -> identity + ": leading; starting work");
        try {
            work.start();
        } catch (Exception e) {
            // Said once, by whoever waits on lost(): the operator logs it and exits.
            leading = false;
            work.stopNow();
            lost.complete(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void stopLeading() {
        if (!leading) {
            return;
        }
        leading = false;
        if (!closing) {
            LOG.log(Level.WARNING, () -> identity + ": lost the Lease; stopping work at once");
        }
        work.stopNow();
        if (!closing) {
            lost.complete("lost the Lease " + options.lockNamespace() + "/" + options.lockName());
        }
    }

    public boolean isLeader() {
        return leading;
    }

    /** Completes with a reason when the work ended without {@link #close()}: lost lease or failed start. */
    public CompletableFuture<String> lost() {
        return lost;
    }

    /** Gives the lease up (other replicas take over at once); the caller stops the work itself. */
    @Override
    public synchronized void close() {
        closing = true;
        if (election != null) {
            election.cancel(true);
        }
    }
}
