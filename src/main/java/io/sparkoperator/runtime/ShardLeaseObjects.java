package io.sparkoperator.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * The Lease objects of one replica in a shard group: names, labels, the count annotation, and the shapes written to
 * create, renew, take and release them. Every update carries the resourceVersion it was read at (no patch, no apply).
 */
final class ShardLeaseObjects {
    private final LeaderElectionOptions options;
    private final String identity;

    ShardLeaseObjects(LeaderElectionOptions options, String identity) {
        this.options = options;
        this.identity = identity;
    }

    String shardName(int shard) {
        return options.lockName() + "-shard-" + shard;
    }

    /** Lease names allow lower-case DNS subdomains: the replica's name is folded to fit. */
    String memberName() {
        String safe = identity.toLowerCase().replaceAll("[^a-z0-9.-]", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        String name = options.lockName() + "-member-" + (safe.isEmpty() ? "replica" : safe);
        return name.length() <= 253 ? name : name.substring(0, 253);
    }

    Lease newMember() {
        Lease member = held(memberName(), "member");
        member.getMetadata().setAnnotations(Map.of(ShardLeases.SHARDS_ANNOTATION, String.valueOf(options.shards())));
        return member;
    }

    Lease newShard(int shard) {
        return held(shardName(shard), "shard");
    }

    private Lease held(String name, String role) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return new LeaseBuilder().withNewMetadata().withName(name).withNamespace(options.lockNamespace())
                .addToLabels(ShardLeases.GROUP_LABEL, options.lockName()).addToLabels(ShardLeases.ROLE_LABEL, role)
                .endMetadata()
                .withNewSpec().withHolderIdentity(identity).withLeaseDurationSeconds(durationSeconds())
                .withAcquireTime(now).withRenewTime(now).withLeaseTransitions(0).endSpec().build();
    }

    /** The Lease as read, renewed by us. */
    Lease renewed(Lease lease) {
        return new LeaseBuilder(lease).editSpec().withHolderIdentity(identity)
                .withLeaseDurationSeconds(durationSeconds()).withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
                .endSpec().build();
    }

    /** The Lease as read (released or expired), now ours: a transition. */
    Lease taken(Lease lease) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        int transitions = lease.getSpec().getLeaseTransitions() == null ? 0 : lease.getSpec().getLeaseTransitions();
        return new LeaseBuilder(lease).editSpec().withHolderIdentity(identity)
                .withLeaseDurationSeconds(durationSeconds()).withRenewTime(now).withAcquireTime(now)
                .withLeaseTransitions(transitions + 1).endSpec().build();
    }

    static Lease released(Lease lease) {
        return new LeaseBuilder(lease).editSpec().withHolderIdentity("").endSpec().build();
    }

    static boolean isMember(Lease lease) {
        Map<String, String> labels = lease.getMetadata().getLabels();
        return labels != null && "member".equals(labels.get(ShardLeases.ROLE_LABEL));
    }

    /** A member without the annotation (none is written without it) counts as agreeing. */
    static boolean sameShardCount(Lease lease, int shards) {
        Map<String, String> annotations = lease.getMetadata().getAnnotations();
        String theirs = annotations == null ? null : annotations.get(ShardLeases.SHARDS_ANNOTATION);
        return theirs == null || theirs.equals(String.valueOf(shards));
    }

    private int durationSeconds() {
        return (int) Math.max(1, (options.leaseDuration().toMillis() + 999) / 1000);
    }
}
