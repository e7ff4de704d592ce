package io.sparkoperator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SimulatedKubeletTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final String NS = "jobs";

    KubernetesClient client;
    private SimulatedKubelet kubelet;

    @AfterEach
    void stop() {
        if (kubelet != null) {
            kubelet.close();
        }
    }

    @Test
    void manualStepsMoveADriverThroughPendingRunningAndSucceeded() {
        kubelet = manual().start();
        create(driver("pi-driver", Map.of()));

        assertEquals(1, kubelet.step());
        Pod pending = pod("pi-driver");
        assertEquals("Pending", pending.getStatus().getPhase());
        assertEquals("ContainerCreating", main(pending).getState().getWaiting().getReason());
        assertEquals(List.of("PodScheduled"), conditionTypes(pending));

        assertEquals(1, kubelet.step());
        Pod running = pod("pi-driver");
        assertEquals("Running", running.getStatus().getPhase());
        assertEquals(NOW.toString(), main(running).getState().getRunning().getStartedAt());
        assertEquals(NOW.toString(), running.getStatus().getStartTime());
        assertTrue(running.getStatus().getPodIP().startsWith("10.244."), running.getStatus().getPodIP());
        assertEquals("True", condition(running, "Ready"));

        assertEquals(1, kubelet.step());
        Pod done = pod("pi-driver");
        assertEquals("Succeeded", done.getStatus().getPhase());
        assertEquals(0, main(done).getState().getTerminated().getExitCode());
        assertEquals("Completed", main(done).getState().getTerminated().getReason());
        assertEquals("False", condition(done, "Ready"));

        assertEquals(0, kubelet.step(), "an ended pod stays ended");
        assertEquals(List.of(
                new PodTransition(NS, "pi-driver", SimulatedPodPhase.NEW, SimulatedPodPhase.PENDING, null, NOW),
                new PodTransition(NS, "pi-driver", SimulatedPodPhase.PENDING, SimulatedPodPhase.RUNNING, null, NOW),
                new PodTransition(NS, "pi-driver", SimulatedPodPhase.RUNNING, SimulatedPodPhase.SUCCEEDED, 0, NOW)),
                kubelet.history());
    }

    @Test
    void theExitCodeAnnotationFailsThePodAndOnlyTheMainContainer() {
        kubelet = manual().start();
        create(new PodBuilder(driver("bad-driver", Map.of(SimulatedKubelet.EXIT_CODE_ANNOTATION, "3")))
                .editSpec().addNewContainer().withName("log-shipper").withImage("busybox").endContainer().endSpec()
                .build());
        assertEquals(3, kubelet.settle());

        Pod failed = pod("bad-driver");
        assertEquals("Failed", failed.getStatus().getPhase());
        Map<String, Integer> exitCodes = failed.getStatus().getContainerStatuses().stream().collect(
                Collectors.toMap(ContainerStatus::getName, s -> s.getState().getTerminated().getExitCode()));
        assertEquals(Map.of("spark-kubernetes-driver", 3, "log-shipper", 0), exitCodes);
        assertEquals("Error", main(failed).getState().getTerminated().getReason());
        assertEquals(3, kubelet.history().getLast().exitCode());
        assertEquals(SimulatedPodPhase.FAILED, kubelet.history().getLast().to());
    }

    @Test
    void anExitCodeThatIsNotANumberCountsAsAFailure() {
        kubelet = manual().start();
        create(driver("odd-driver", Map.of(SimulatedKubelet.EXIT_CODE_ANNOTATION, "boom")));
        kubelet.settle();
        assertEquals("Failed", pod("odd-driver").getStatus().getPhase());
        assertEquals(1, main(pod("odd-driver")).getState().getTerminated().getExitCode());
    }

    @Test
    void aHeldPodStaysInItsPhaseUntilReleased() {
        kubelet = manual().start();
        create(driver("long-driver", Map.of(SimulatedKubelet.HOLD_ANNOTATION, "Running")));
        assertEquals(2, kubelet.settle());
        assertEquals("Running", pod("long-driver").getStatus().getPhase());
        assertEquals(0, kubelet.step());

        client.pods().inNamespace(NS).withName("long-driver").edit(p -> new PodBuilder(p).editMetadata()
                .removeFromAnnotations(SimulatedKubelet.HOLD_ANNOTATION).endMetadata().build());
        assertTrue(kubelet.step(NS, "long-driver"));
        assertEquals("Succeeded", pod("long-driver").getStatus().getPhase());
    }

    @Test
    void writesOnlyTheStatus() {
        kubelet = manual().start();
        Pod created = create(driver("pi-driver", Map.of("team", "a")));
        kubelet.settle();
        Pod done = pod("pi-driver");
        assertEquals(created.getSpec(), done.getSpec());
        assertEquals(created.getMetadata().getLabels(), done.getMetadata().getLabels());
        assertEquals(created.getMetadata().getAnnotations(), done.getMetadata().getAnnotations());
    }

    @Test
    void movesOnlyPodsInItsNamespaceWithItsLabels() {
        kubelet = manual().labels(Map.of("spark-role", "driver")).namespace(NS).start();
        create(driver("pi-driver", Map.of()));
        create(new PodBuilder(driver("pi-exec-1", Map.of())).editMetadata()
                .addToLabels("spark-role", "executor").endMetadata().build());
        client.pods().inNamespace("other").resource(new PodBuilder(driver("elsewhere", Map.of())).editMetadata()
                .withNamespace("other").endMetadata().build()).create();

        kubelet.settle();
        assertEquals("Succeeded", pod("pi-driver").getStatus().getPhase());
        assertNull(pod("pi-exec-1").getStatus(), "an executor pod is not selected");
        assertNull(client.pods().inNamespace("other").withName("elsewhere").get().getStatus());
    }

    @Test
    void stepsInNamespaceAndNameOrder() {
        kubelet = manual().start();
        create(driver("b-driver", Map.of()));
        create(driver("a-driver", Map.of()));
        kubelet.step();
        assertEquals(List.of("a-driver", "b-driver"), kubelet.history().stream().map(PodTransition::name).toList());
    }

    @Test
    void automaticModeEndsEveryPodInPhaseOrderAndStopsWhenClosed() throws InterruptedException {
        kubelet = SimulatedKubelet.builder(client).clock(fixedClock())
                .automatic(Duration.ofMillis(5), Duration.ofMillis(10), 2).start();
        for (int i = 0; i < 20; i++) {
            String exitCode = i % 5 == 0 ? "1" : "0";
            create(driver("app-" + i + "-driver", Map.of(SimulatedKubelet.EXIT_CODE_ANNOTATION, exitCode)));
        }
        awaitTransitions(60);
        for (int i = 0; i < 20; i++) {
            String name = "app-" + i + "-driver";
            List<SimulatedPodPhase> phases = kubelet.history().stream().filter(t -> t.name().equals(name))
                    .map(PodTransition::to).toList();
            SimulatedPodPhase end = i % 5 == 0 ? SimulatedPodPhase.FAILED : SimulatedPodPhase.SUCCEEDED;
            assertEquals(List.of(SimulatedPodPhase.PENDING, SimulatedPodPhase.RUNNING, end), phases, name);
            assertEquals(end.phase(), pod(name).getStatus().getPhase(), name);
        }
        assertThrows(IllegalStateException.class, kubelet::step, "step() is for manual mode");

        kubelet.close();
        create(driver("late-driver", Map.of()));
        Thread.sleep(300);
        assertNull(pod("late-driver").getStatus(), "a closed kubelet moves nothing");
        assertEquals(60, kubelet.transitionCount());
    }

    @Test
    void automaticModeForgetsADeletedPod() throws InterruptedException {
        kubelet = SimulatedKubelet.builder(client).clock(fixedClock())
                .automatic(Duration.ZERO, Duration.ofSeconds(2), 1).start();
        create(driver("gone-driver", Map.of()));
        awaitTransitions(2);
        client.pods().inNamespace(NS).withName("gone-driver").delete();
        Thread.sleep(2500);
        assertEquals(2, kubelet.transitionCount(), "no transition for a deleted pod, and no error");
    }

    @Test
    void aClosedKubeletRefusesToStep() {
        kubelet = manual().start();
        kubelet.close();
        assertThrows(IllegalStateException.class, kubelet::step);
    }

    private SimulatedKubelet.Builder manual() {
        return SimulatedKubelet.builder(client).clock(fixedClock());
    }

    private static Clock fixedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private void awaitTransitions(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (kubelet.transitionCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, kubelet.transitionCount(), "transitions written within 20 s");
    }

    private static Pod driver(String name, Map<String, String> annotations) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).addToLabels("spark-role", "driver")
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().addNewContainer().withName("spark-kubernetes-driver").withImage("spark:4.1.1")
                .endContainer().endSpec()
                .build();
    }

    private Pod create(Pod pod) {
        return client.pods().inNamespace(NS).resource(pod).create();
    }

    private Pod pod(String name) {
        return client.pods().inNamespace(NS).withName(name).get();
    }

    private static ContainerStatus main(Pod pod) {
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getName().equals("spark-kubernetes-driver")).findFirst().orElseThrow();
    }

    private static List<String> conditionTypes(Pod pod) {
        return pod.getStatus().getConditions().stream().map(PodCondition::getType).toList();
    }

    private static String condition(Pod pod, String type) {
        return pod.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
                .map(PodCondition::getStatus).findFirst().orElse(null);
    }
}
