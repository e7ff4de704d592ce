package io.sparkoperator.state;

import static io.sparkoperator.state.Fixtures.driverPod;
import static io.sparkoperator.state.Fixtures.terminatedDriver;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** As the Go operator: pod phase and the driver container's exit code decide the driver state. */
class DriverStatusTest {

    @Test
    void phasesWithoutATerminatedDriverContainer() {
        assertEquals(new DriverStatus(DriverState.PENDING, null, null), DriverStatus.of(driverPod("Pending", "s")));
        assertEquals(new DriverStatus(DriverState.RUNNING, null, null), DriverStatus.of(driverPod("Running", "s")));
        assertEquals(new DriverStatus(DriverState.COMPLETED, null, null), DriverStatus.of(driverPod("Succeeded", "s")));
        assertEquals(new DriverStatus(DriverState.FAILED, "driver container status missing", null),
                DriverStatus.of(driverPod("Failed", "s")));
        assertEquals(new DriverStatus(DriverState.UNKNOWN, null, null), DriverStatus.of(driverPod("Unknown", "s")));
        assertEquals(new DriverStatus(DriverState.UNKNOWN, null, null), DriverStatus.of(driverPod(null, "s")));
    }

    @Test
    void failedPodWhoseDriverExitedZeroCompleted() {
        assertEquals(new DriverStatus(DriverState.COMPLETED, null, null),
                DriverStatus.of(terminatedDriver("Failed", "s", 0, "Completed")));
    }

    @Test
    void failedPodWithNonZeroExitCarriesCodeAndReason() {
        assertEquals(new DriverStatus(DriverState.FAILED, "driver container failed with ExitCode: 1, Reason: Error", null),
                DriverStatus.of(terminatedDriver("Failed", "s", 1, "Error")));
    }

    @Test
    void runningPodIsDecidedByTheDriverContainerNotTheSidecar() {
        assertEquals(DriverState.COMPLETED, DriverStatus.of(terminatedDriver("Running", "s", 0, "Completed")).state());
        assertEquals(DriverState.FAILED, DriverStatus.of(terminatedDriver("Running", "s", 2, "Error")).state());
    }

    @Test
    void eachDriverStateMapsToItsAppState() {
        assertEquals(io.sparkoperator.api.AppState.SUBMITTED, DriverState.PENDING.appState());
        assertEquals(io.sparkoperator.api.AppState.RUNNING, DriverState.RUNNING.appState());
        assertEquals(io.sparkoperator.api.AppState.SUCCEEDING, DriverState.COMPLETED.appState());
        assertEquals(io.sparkoperator.api.AppState.FAILING, DriverState.FAILED.appState());
        assertEquals(io.sparkoperator.api.AppState.UNKNOWN, DriverState.UNKNOWN.appState());
    }
}
