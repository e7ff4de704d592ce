package io.sparkoperator.state;

import static io.sparkoperator.state.Fixtures.neverSpec;
import static io.sparkoperator.state.Fixtures.status;
import static io.sparkoperator.state.Fixtures.withError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.EventReasons;
import io.sparkoperator.state.Action.RecordEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pod's own reason leads the driver's error message and its Event: each row is the status a kubelet (or the
 * scheduler, or the taint manager) writes, copied from a real Kubernetes 1.32 API server where one was seen there.
 */
class PodTroubleRowsTest {
    private final Harness h = new Harness();

    private static Pod driver(String statusYaml) {
        return Serialization.unmarshal("""
                metadata:
                  name: spark-pi-driver
                  namespace: default
                  labels: {spark-role: driver, sparkoperator.k8s.io/app-name: spark-pi,
                           sparkoperator.k8s.io/submission-id: sub-1}
                status:
                """ + statusYaml.indent(2), Pod.class);
    }

    private Decision observe(AppState state, String error, Pod pod) {
        return h.decide(neverSpec(), withError(status(state), error), Observation.driver(pod, List.of()));
    }

    private static RecordEvent onlyEvent(Decision d) {
        assertEquals(1, d.events().size(), d.events()::toString);
        return d.events().get(0);
    }

    @Test
    void evictedForNodeMemoryPressureSaysSoFirst() {
        Pod evicted = driver("""
                phase: Failed
                reason: Evicted
                message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 94788Ki. \
                Container spark-kubernetes-driver was using 1811020Ki, request is 1Gi, has larger consumption of memory. '
                conditions:
                - {type: DisruptionTarget, status: "True", reason: TerminationByKubelet,
                   message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 94788Ki. '}
                - {type: Ready, status: "False", reason: PodFailed}
                containerStatuses:
                - name: spark-kubernetes-driver
                  state: {terminated: {exitCode: 137, reason: Error}}
                """);
        Decision d = observe(AppState.RUNNING, null, evicted);

        String message = d.status().applicationState().errorMessage();
        assertEquals("driver pod Evicted: The node was low on resource: memory. Threshold quantity: 100Mi, available:"
                + " 94788Ki. Container spark-kubernetes-driver was using 1811020Ki, request is 1Gi, has larger"
                + " consumption of memory.; driver container failed with ExitCode: 137, Reason: Error", message);
        assertEquals(AppState.FAILING, d.status().state());
        RecordEvent event = onlyEvent(d);
        assertEquals(EventReasons.DRIVER_FAILED, event.reason());
        assertEquals("Driver spark-pi-driver failed: " + message, event.message());
    }

    @Test
    void pastActiveDeadlineSecondsSaysDeadlineExceeded() {
        Pod pod = driver("""
                phase: Failed
                reason: DeadlineExceeded
                message: Pod was active on the node longer than the specified deadline
                containerStatuses:
                - name: spark-kubernetes-driver
                  state: {terminated: {exitCode: 137, reason: Error}}
                """);
        assertEquals("driver pod DeadlineExceeded: Pod was active on the node longer than the specified deadline; "
                + "driver container failed with ExitCode: 137, Reason: Error",
                observe(AppState.RUNNING, null, pod).status().applicationState().errorMessage());
    }

    @Test
    void preemptedByTheSchedulerSaysWho() {
        Pod pod = driver("""
                phase: Failed
                conditions:
                - {type: DisruptionTarget, status: "True", reason: PreemptionByScheduler,
                   message: 'default-scheduler: preempting to accommodate a higher priority pod'}
                containerStatuses:
                - name: spark-kubernetes-driver
                  state: {terminated: {exitCode: 143, reason: Error}}
                """);
        assertEquals("driver pod disrupted (PreemptionByScheduler): default-scheduler: preempting to accommodate a "
                + "higher priority pod; driver container failed with ExitCode: 143, Reason: Error",
                observe(AppState.RUNNING, null, pod).status().applicationState().errorMessage());
    }

    @Test
    void outOfMemoryNamesTheFieldsToRaise() {
        Pod pod = driver("""
                phase: Failed
                containerStatuses:
                - name: spark-kubernetes-driver
                  state: {terminated: {exitCode: 137, reason: OOMKilled}}
                """);
        assertEquals("driver container OOMKilled: it used more memory than its limit (raise spec.driver.memory or "
                + "spec.driver.memoryOverhead); driver container failed with ExitCode: 137, Reason: OOMKilled",
                observe(AppState.RUNNING, null, pod).status().applicationState().errorMessage());
    }

    @Test
    void aNodeLostPodInPhaseUnknownSaysNodeLost() {
        Pod pod = driver("""
                phase: Unknown
                reason: NodeLost
                message: Node worker-3 which was running pod spark-pi-driver is unresponsive
                """);
        Decision d = observe(AppState.RUNNING, null, pod);
        assertEquals(AppState.UNKNOWN, d.status().state());
        assertEquals("driver pod NodeLost: Node worker-3 which was running pod spark-pi-driver is unresponsive",
                d.status().applicationState().errorMessage());
        assertEquals("Driver spark-pi-driver is in an unknown state: driver pod NodeLost: Node worker-3 which was "
                + "running pod spark-pi-driver is unresponsive", onlyEvent(d).message());
    }

    @Test
    void anImageThatCannotBePulledIsSaidWhileTheDriverWaits() {
        Pod pulling = driver("""
                phase: Pending
                conditions:
                - {type: PodScheduled, status: "True"}
                containerStatuses:
                - name: spark-kubernetes-driver
                  image: docker.io/apache/spark:9.9.9
                  state:
                    waiting:
                      reason: ErrImagePull
                      message: 'rpc error: code = NotFound desc = failed to pull and unpack image \
                "docker.io/apache/spark:9.9.9": not found'
                """);
        Decision first = observe(AppState.SUBMITTED, null, pulling);
        assertEquals(AppState.SUBMITTED, first.status().state());
        String pullError = "container spark-kubernetes-driver is waiting: ErrImagePull: rpc error: code = NotFound desc"
                + " = failed to pull and unpack image \"docker.io/apache/spark:9.9.9\": not found";
        assertEquals(pullError, first.status().applicationState().errorMessage());
        RecordEvent event = onlyEvent(first);
        assertEquals(EventReasons.DRIVER_PENDING, event.reason());
        assertEquals("Warning", event.type().text());
        assertEquals("Driver spark-pi-driver is pending: " + pullError, event.message());

        // The same trouble again: no second Event; the kubelet backing off is news, once.
        assertEquals(List.of(), observe(AppState.SUBMITTED, pullError, pulling).events());
        Pod backingOff = driver("""
                phase: Pending
                containerStatuses:
                - name: spark-kubernetes-driver
                  state:
                    waiting: {reason: ImagePullBackOff, message: Back-off pulling image "docker.io/apache/spark:9.9.9"}
                """);
        Decision later = observe(AppState.SUBMITTED, pullError, backingOff);
        assertEquals("container spark-kubernetes-driver is waiting: ImagePullBackOff: Back-off pulling image "
                + "\"docker.io/apache/spark:9.9.9\"", later.status().applicationState().errorMessage());
        assertEquals(1, later.events().size());
    }

    @Test
    void aDriverThatFindsNoNodeSaysUnschedulable() {
        Pod pod = driver("""
                phase: Pending
                conditions:
                - {type: PodScheduled, status: "False", reason: Unschedulable,
                   message: '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: \
                3 No preemption victims found for incoming pod.'}
                """);
        assertEquals("driver pod Unschedulable: 0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes"
                + " are available: 3 No preemption victims found for incoming pod.",
                observe(AppState.SUBMITTED, null, pod).status().applicationState().errorMessage());
    }

    @Test
    void creatingContainersIsNoTroubleAndATroubleThatPassedIsCleared() {
        Pod creating = driver("""
                phase: Pending
                containerStatuses:
                - name: spark-kubernetes-driver
                  state: {waiting: {reason: ContainerCreating}}
                """);
        Decision d = observe(AppState.SUBMITTED, null, creating);
        assertNull(d.status().applicationState().errorMessage());
        assertEquals(List.of(), d.events());

        Pod running = driver("""
                phase: Running
                containerStatuses:
                - name: spark-kubernetes-driver
                  state: {running: {startedAt: "2026-01-01T00:00:10Z"}}
                """);
        Decision started = observe(AppState.SUBMITTED, "container spark-kubernetes-driver is waiting: "
                + "ImagePullBackOff: Back-off pulling image", running);
        assertEquals(AppState.RUNNING, started.status().state());
        assertNull(started.status().applicationState().errorMessage(), "the pull error passed");
        assertEquals("Normal", onlyEvent(started).type().text());
    }

    @Test
    void aDriverDeletedForANodeTaintIsSaidWhileItGoesAndAfter() {
        Pod going = driver("""
                phase: Running
                conditions:
                - {type: DisruptionTarget, status: "True", reason: DeletionByTaintManager,
                   message: 'Taint manager: deleting due to NoExecute taint'}
                """);
        going.getMetadata().setDeletionTimestamp("2026-01-01T00:10:00Z");
        Decision d = observe(AppState.RUNNING, null, going);
        String cause = "driver pod disrupted (DeletionByTaintManager): Taint manager: deleting due to NoExecute "
                + "taint (the pod is being deleted)";
        assertEquals(cause, d.status().applicationState().errorMessage());
        assertEquals(EventReasons.DRIVER_RUNNING, onlyEvent(d).reason());

        Decision gone = h.decide(neverSpec(), withError(status(AppState.RUNNING), cause), Observation.nothing());
        assertEquals("driver pod not found (last seen: " + cause + ")", gone.status().applicationState().errorMessage());
    }
}
