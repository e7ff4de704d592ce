package io.sparkoperator.testing;

/**
 * What a whole-lifecycle test stands on: the CRUD mock and a fake kubelet (driver pods succeed unless a plan is
 * given or the test changes it). {@link #close(TestOperator)} takes down the test's operator first, then the kubelet and the mock.
 */
public final class LifecycleRig {
    public final MockCluster cluster = new MockCluster();
    public final FakeKubelet kubelet;

    public LifecycleRig() {
        this(FakeKubelet.Plan.SUCCEED);
    }

    public LifecycleRig(FakeKubelet.Plan plan) {
        kubelet = new FakeKubelet(cluster.client, plan);
    }

    /** @param operator the test's operator, or {@code null} when it never started one */
    public void close(TestOperator operator) {
        try {
            if (operator != null) {
                operator.close();
            }
        } finally {
            kubelet.close();
            cluster.close();
        }
    }
}
