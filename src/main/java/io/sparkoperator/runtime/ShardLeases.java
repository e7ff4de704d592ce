package io.sparkoperator.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.lang.System.Logger.Level;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Active-active replicas sharing {@code shards} virtual shards through {@code coordination.k8s.io/v1} Leases in one
 * namespace, with the API server as the only coordinator:
 * <ul>
 * <li>each replica keeps a member Lease {@code <lock>-member-<replica>} renewed; the live replicas are the members
 * whose Lease changed within the lease duration (observed on this replica's clock, as client-go does, so clock skew
 * between nodes does not matter);</li>
 * <li>shard {@code n} is the Lease {@code <lock>-shard-<n>}; it is taken with a create or an update carrying the
 * resourceVersion it was read at (a 409 means someone else won), and renewed the same way;</li>
 * <li>balance: the live members sorted by name; the first {@code shards % members} want {@code ceil}, the rest
 * {@code floor} of {@code shards / members}. A replica over its share closes the extra shards in its
 * {@link ShardGate}, waits until their running passes ended, and only then releases them (holder emptied); one
 * under its share takes released or expired shards;</li>
 * <li>a shard whose renewal has not succeeded within the renew deadline is revoked here (passes interrupted) before
 * others may see it expire (after the lease duration), so an unreachable replica stops before it is replaced.</li>
 * </ul>
 */
public final class ShardLeases implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ShardLeases.class.getName());
    public static final String GROUP_LABEL = "sparkoperator.k8s.io/lease-group";
    public static final String ROLE_LABEL = "sparkoperator.k8s.io/lease-role";
    /** On member Leases: the replica's {@code --shards}; replicas that disagree would map apps differently. */
    public static final String SHARDS_ANNOTATION = "sparkoperator.k8s.io/shards";
    /** A member Lease left behind by a replica that died is deleted after this many lease durations. */
    private static final int STALE_MEMBER_DURATIONS = 20;
    private static final ThreadFactory RENEWERS = Thread.ofPlatform().daemon().name("shard-renew-", 0).factory();

    private final KubernetesClient client;
    private final LeaderElectionOptions options;
    private final String identity;
    private final ShardGate gate;
    private final EventRecorder events;
    private final ShardLeaseObjects leases;
    private final Map<String, Observed> observed = new HashMap<>();
    /** Held shard -> nanoTime just before its last successful renewal (or acquisition). */
    private final Map<Integer, Long> renewedAt = new ConcurrentHashMap<>();
    private final Set<Integer> draining = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private volatile boolean memberRenewed;
    private volatile String waitingFor;
    private Thread loop;
    private Thread fence;

    /** A Lease as last seen: when its content last changed, on this replica's clock. */
    private record Observed(String resourceVersion, long changedAt) {
    }

    /**
     * @param events records Events on shard Leases when they change hands (may be null)
     */
    public ShardLeases(KubernetesClient client, LeaderElectionOptions options, String identity, ShardGate gate,
            EventRecorder events) {
        if (gate.shards() != options.shards()) {
            throw new IllegalArgumentException("the gate has " + gate.shards() + " shards, the options "
                    + options.shards());
        }
        this.client = client;
        this.options = options;
        this.identity = identity;
        this.gate = gate;
        this.events = events;
        this.leases = new ShardLeaseObjects(options, identity);
    }

    public String identity() {
        return identity;
    }

    public synchronized void start() {
        LOG.log(Level.INFO, () -> identity + ": sharing " + options.shards() + " shards through Leases "
                + options.lockNamespace() + "/" + shardLeaseName(0) + "..." + shardLeaseName(options.shards() - 1));
        // Platform threads: renewals must not queue behind thousands of virtual threads when the CPU is busy.
        loop = Thread.ofPlatform().daemon().name("shard-leases").start(this::runLoop);
        fence = Thread.ofPlatform().daemon().name("shard-fence").start(this::runFence);
    }

    private void runLoop() {
        while (!stopped) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> identity + ": shard Leases: " + e.getMessage());
            }
            try {
                Thread.sleep(options.retryPeriod());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Revokes shards whose renewal is overdue, checked more often than the loop runs (the loop may hang on a call). */
    private void runFence() {
        Duration every = options.retryPeriod().dividedBy(4);
        while (!stopped) {
            long now = System.nanoTime();
            renewedAt.forEach((shard, at) -> {
                if (now - at > options.renewDeadline().toNanos() && renewedAt.remove(shard, at)) {
                    LOG.log(Level.WARNING, () -> identity + ": could not renew the Lease of shard " + shard
                            + " within " + options.renewDeadline().toMillis() + " ms; stopping its work at once");
                    gate.revoke(shard);
                    gate.forget(shard);
                    draining.remove(shard);
                }
            });
            try {
                Thread.sleep(every.isZero() ? Duration.ofMillis(10) : every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: renew, look, rebalance. Package-visible for tests. */
    synchronized void tick() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        List<Lease> leases = client.leases().inNamespace(options.lockNamespace())
                .withLabel(GROUP_LABEL, options.lockName()).list().getItems();
        Map<String, Lease> byName = new HashMap<>();
        leases.forEach(lease -> byName.put(lease.getMetadata().getName(), lease));
        renewMember(byName.get(memberLeaseName()));
        observe(leases, now);
        renewShards(byName);
        List<String> members = liveMembers(leases, now);
        int target = target(members);
        handOver(target);
        if (othersAgree(leases, now)) {
            acquire(target, byName, now);
        }
        deleteStaleMembers(leases, now);
    }

    private void observe(List<Lease> leases, long now) {
        Set<String> seen = new TreeSet<>();
        for (Lease lease : leases) {
            String name = lease.getMetadata().getName();
            seen.add(name);
            Observed before = observed.get(name);
            String version = lease.getMetadata().getResourceVersion();
            if (before == null || !Objects.equals(before.resourceVersion(), version)) {
                observed.put(name, new Observed(version, now));
            }
        }
        observed.keySet().retainAll(seen);
    }

    /** Held by nobody, or not renewed for a lease duration as seen here. */
    private boolean free(Lease lease, long now) {
        String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        if (holder == null || holder.isEmpty()) {
            return true;
        }
        Observed seen = observed.get(lease.getMetadata().getName());
        return seen != null && now - seen.changedAt() > options.leaseDuration().toNanos();
    }

    private List<String> liveMembers(List<Lease> leases, long now) {
        Set<String> live = new TreeSet<>();
        if (memberRenewed) {
            live.add(identity);
        }
        for (Lease lease : leases) {
            if (ShardLeaseObjects.isMember(lease) && !free(lease, now) && sameShardCount(lease)) {
                live.add(lease.getSpec().getHolderIdentity());
            }
        }
        return List.copyOf(live);
    }

    /**
     * Takes no shard while a live member runs with another {@code --shards} (a rollout changing it): the two
     * mappings overlap, so an app could have an owner under each. Shards already held are kept until that member
     * is gone; then the group continues with one count.
     */
    private boolean othersAgree(List<Lease> leases, long now) {
        String ours = String.valueOf(options.shards());
        String other = null;
        for (Lease lease : leases) {
            if (ShardLeaseObjects.isMember(lease) && !free(lease, now) && !sameShardCount(lease)) {
                other = lease.getSpec().getHolderIdentity() + " runs with --shards="
                        + lease.getMetadata().getAnnotations().get(SHARDS_ANNOTATION);
            }
        }
        if (!Objects.equals(other, waitingFor) && other != null) {
            String why = other;
            LOG.log(Level.WARNING, () -> identity + ": taking no shards while " + why + " (this one: --shards="
                    + ours + ")");
        }
        waitingFor = other;
        return other == null;
    }

    /** This replica's share given the sorted live members (0 when not counted as one). */
    int target(List<String> members) {
        int index = members.indexOf(identity);
        if (index < 0) {
            return 0;
        }
        int shards = options.shards();
        return shards / members.size() + (index < shards % members.size() ? 1 : 0);
    }

    private void renewMember(Lease lease) {
        try {
            if (lease == null) {
                client.leases().inNamespace(options.lockNamespace()).resource(leases.newMember()).create();
            } else {
                client.leases().inNamespace(options.lockNamespace()).resource(leases.renewed(lease)).update();
            }
            memberRenewed = true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }

    /** All at once: one slow answer must not push the others past their deadline. */
    private void renewShards(Map<String, Lease> byName) {
        try (ExecutorService each = Executors.newThreadPerTaskExecutor(RENEWERS)) {
            for (int shard : List.copyOf(renewedAt.keySet())) {
                each.execute(() -> renewShard(shard, byName));
            }
        }
    }

    private void renewShard(int shard, Map<String, Lease> byName) {
        long before = System.nanoTime();
        Lease lease = byName.get(shardLeaseName(shard));
        if (lease == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
            lost(shard, lease == null ? "its Lease is gone" : "now held by " + lease.getSpec().getHolderIdentity());
            return;
        }
        try {
            client.leases().inNamespace(options.lockNamespace()).resource(leases.renewed(lease)).update();
            renewedAt.computeIfPresent(shard, (s, at) -> before);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                lost(shard, "its Lease was changed by another replica");
            } else {
                LOG.log(Level.WARNING, () -> identity + ": renewing shard " + shard + ": " + e.getMessage());
            }
        } catch (RuntimeException e) {
            // Not renewed: the fence stops the shard at the renew deadline.
            LOG.log(Level.WARNING, () -> identity + ": renewing shard " + shard + ": " + e);
        }
    }

    private void lost(int shard, String why) {
        if (renewedAt.remove(shard) != null) {
            LOG.log(Level.WARNING, () -> identity + ": lost shard " + shard + " (" + why + "); stopping its work");
            gate.revoke(shard);
            gate.forget(shard);
            draining.remove(shard);
        }
    }

    /** Over the share: close the extra shards; release those whose passes have ended. */
    private void handOver(int target) {
        int keeping = renewedAt.size() - draining.size();
        if (keeping > target) {
            List<Integer> candidates = new ArrayList<>(renewedAt.keySet());
            candidates.removeAll(draining);
            candidates.sort(null);
            for (int i = candidates.size() - 1; i >= 0 && keeping > target; i--, keeping--) {
                int shard = candidates.get(i);
                draining.add(shard);
                gate.close(shard);
                LOG.log(Level.INFO, () -> identity + ": handing shard " + shard + " over: waiting for its passes");
            }
        }
        for (int shard : List.copyOf(draining)) {
            if (gate.idle(shard)) {
                release(shard);
            }
        }
    }

    private void release(int shard) {
        draining.remove(shard);
        if (renewedAt.remove(shard) == null) {
            return;
        }
        gate.forget(shard);
        String name = shardLeaseName(shard);
        try {
            Lease lease = client.leases().inNamespace(options.lockNamespace()).withName(name).get();
            if (lease != null && identity.equals(lease.getSpec().getHolderIdentity())) {
                client.leases().inNamespace(options.lockNamespace()).resource(ShardLeaseObjects.released(lease))
                        .update();
                LOG.log(Level.INFO, () -> identity + ": released shard " + shard);
            }
        } catch (KubernetesClientException e) {
            // It expires by itself; nothing of it runs here any more.
            LOG.log(Level.WARNING, () -> identity + ": releasing shard " + shard + ": " + e.getMessage());
        }
    }

    /** Under the share: take free shards, starting at a place of our own so replicas rarely race for one. */
    private void acquire(int target, Map<String, Lease> byName, long now) {
        int shards = options.shards();
        int offset = Math.floorMod(identity.hashCode(), shards);
        for (int i = 0; i < shards && renewedAt.size() - draining.size() < target; i++) {
            int shard = (offset + i) % shards;
            if (renewedAt.containsKey(shard)) {
                continue;
            }
            Lease lease = byName.get(shardLeaseName(shard));
            if (lease != null && !free(lease, now)) {
                continue;
            }
            long before = System.nanoTime();
            String previous = lease == null ? null : lease.getSpec().getHolderIdentity();
            try {
                Lease taken = lease == null
                        ? client.leases().inNamespace(options.lockNamespace())
                                .resource(leases.newShard(shard)).create()
                        : client.leases().inNamespace(options.lockNamespace()).resource(leases.taken(lease)).update();
                renewedAt.put(shard, before);
                String from = previous == null || previous.isEmpty() ? "" : " from " + previous + " (expired)";
                LOG.log(Level.INFO, () -> identity + ": took shard " + shard + from);
                if (events != null) {
                    events.record(taken, "Normal", "ShardAcquired", identity + " reconciles shard " + shard + from);
                }
                gate.open(shard);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                // another replica was quicker
            }
        }
    }

    private void deleteStaleMembers(List<Lease> leases, long now) {
        long stale = options.leaseDuration().toNanos() * STALE_MEMBER_DURATIONS;
        for (Lease lease : leases) {
            Observed seen = observed.get(lease.getMetadata().getName());
            if (ShardLeaseObjects.isMember(lease) && seen != null && now - seen.changedAt() > stale) {
                client.leases().inNamespace(options.lockNamespace()).resource(lease).delete();
            }
        }
    }

    /** Members with another count neither share our shards (balance) nor may coexist with our taking them. */
    private boolean sameShardCount(Lease lease) {
        return ShardLeaseObjects.sameShardCount(lease, options.shards());
    }

    public String shardLeaseName(int shard) {
        return leases.shardName(shard);
    }

    public String memberLeaseName() {
        return leases.memberName();
    }

    /** The shards this replica holds now (reconciling or handing over), ascending. */
    public List<Integer> heldShards() {
        return new ArrayList<>(new TreeSet<>(renewedAt.keySet()));
    }

    /**
     * Graceful stop, after the caller ended every pass: release every idle shard and the member Lease, so the others
     * take over at their next round instead of after the lease duration.
     */
    @Override
    public void close() {
        halt();
        synchronized (this) {
            for (int shard : heldShards()) {
                gate.close(shard);
                if (gate.idle(shard)) {
                    release(shard);
                } else {
                    // A pass outlived the shutdown: leave the Lease to expire rather than hand over under it.
                    gate.revoke(shard);
                }
            }
            try {
                client.leases().inNamespace(options.lockNamespace()).withName(memberLeaseName()).delete();
            } catch (KubernetesClientException e) {
                LOG.log(Level.WARNING, () -> identity + ": removing the member Lease: " + e.getMessage());
            }
        }
        LOG.log(Level.INFO, () -> identity + ": left the shard group");
    }

    /** Stops renewing without releasing anything, as a killed process would: the Leases expire by themselves. */
    public void abandon() {
        halt();
        renewedAt.keySet().forEach(gate::revoke);
    }

    private void halt() {
        stopped = true;
        if (loop != null) {
            loop.interrupt();
        }
        if (fence != null) {
            fence.interrupt();
        }
    }
}
