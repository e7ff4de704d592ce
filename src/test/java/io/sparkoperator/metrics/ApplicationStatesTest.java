package io.sparkoperator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationStatesTest {
    private final List<SparkApplication> cache = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final ManualClock clock = new ManualClock(Apps.CREATED.plus(Duration.ofHours(1)));
    private OperatorMetrics metrics = new OperatorMetrics(MetricsSettings.defaults(), () -> cache, () -> pods, clock);

    private double value(String metric, String state) {
        String prefix = metric + "{state=\"" + state + "\"} ";
        String text = metrics.scrapeText();
        return text.lines().filter(l -> l.startsWith(prefix)).map(l -> Double.parseDouble(l.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + "in:\n" + text));
    }

    private double count(String state) {
        return value(ApplicationStates.COUNT, state);
    }

    private double longest(String state) {
        return value(ApplicationStates.LONGEST, state);
    }

    private SparkApplication app(String name, AppState state, int submissions) {
        SparkApplication app = Apps.app("default", name, Map.of());
        return Apps.withState(app, state, submissions, 0, null, null);
    }

    @Test
    void everyStateHasBothSeriesAtZeroAndTheEmptyGoStateIsLabelledNew() {
        String text = metrics.scrapeText();
        for (AppState state : AppState.values()) {
            String label = state == AppState.NEW ? "NEW" : state.text();
            assertTrue(text.contains("\nspark_operator_applications{state=\"" + label + "\"} 0.0\n"), label + text);
            assertTrue(text.contains("\nspark_operator_applications_longest_in_state_seconds{state=\"" + label
                    + "\"} 0.0\n"), label + text);
        }
        assertTrue(text.contains("# TYPE spark_operator_applications gauge\n"));
    }

    @Test
    void countsFollowTheCacheAtEachScrape() {
        cache.add(app("a", AppState.RUNNING, 1));
        cache.add(app("b", AppState.RUNNING, 1));
        cache.add(app("c", AppState.PENDING_RERUN, 1));
        assertEquals(2, count("RUNNING"));
        assertEquals(1, count("PENDING_RERUN"));
        Apps.withState(cache.get(0), AppState.SUCCEEDING, 1, 1, null, null);
        cache.remove(2);
        assertEquals(1, count("RUNNING"));
        assertEquals(1, count("SUCCEEDING"));
        assertEquals(0, count("PENDING_RERUN"));
    }

    @Test
    void submittedAgeComesFromTheLastSubmissionAttemptSoItSurvivesARestart() {
        SparkApplication app = app("a", AppState.SUBMITTED, 1);
        Apps.withState(app, AppState.SUBMITTED, 1, 0, clock.instant().minus(Duration.ofMinutes(20)), null);
        cache.add(app);
        assertEquals(1200, longest("SUBMITTED"), "known on the first scrape, e.g. after an operator restart");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1230, longest("SUBMITTED"));
    }

    @Test
    void newAgeComesFromTheCreationTimestamp() {
        cache.add(Apps.app("default", "never-handled", Map.of()));
        assertEquals(3600, longest("NEW"));
    }

    @Test
    void otherStatesAgeFromTheFirstScrapeThatSawThemAndTheLongestWaitingAppCounts() {
        cache.add(app("a", AppState.PENDING_RERUN, 1));
        assertEquals(0, longest("PENDING_RERUN"));
        clock.advance(Duration.ofMinutes(10));
        cache.add(app("b", AppState.PENDING_RERUN, 1));
        assertEquals(600, longest("PENDING_RERUN"), "a has waited 10 min, b just arrived");
        clock.advance(Duration.ofMinutes(6));
        assertEquals(960, longest("PENDING_RERUN"));
        cache.remove(0);
        assertEquals(360, longest("PENDING_RERUN"), "a left the state (deleted): b is the longest now");
    }

    @Test
    void aNewAttemptInTheSameStateStartsAgain() {
        SparkApplication app = app("a", AppState.PENDING_RERUN, 1);
        cache.add(app);
        longest("PENDING_RERUN");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(300, longest("PENDING_RERUN"));
        // Between two scrapes it was resubmitted, failed again and is pending its next rerun.
        Apps.withState(app, AppState.PENDING_RERUN, 2, 0, null, null);
        assertEquals(0, longest("PENDING_RERUN"));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(60, longest("PENDING_RERUN"));
    }

    @Test
    void anAppThatLeftAndReenteredAStateStartsAgain() {
        SparkApplication app = app("a", AppState.INVALIDATING, 1);
        cache.add(app);
        longest("INVALIDATING");
        clock.advance(Duration.ofMinutes(5));
        Apps.withState(app, AppState.RUNNING, 1, 1, null, null);
        assertEquals(0, longest("INVALIDATING"));
        clock.advance(Duration.ofMinutes(5));
        Apps.withState(app, AppState.INVALIDATING, 1, 1, null, null);
        assertEquals(0, longest("INVALIDATING"));
    }

    @Test
    void aRestartedOperatorForgetsWhatOnlyItsMemoryKnew() {
        cache.add(app("a", AppState.INVALIDATING, 1));
        longest("INVALIDATING");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(1800, longest("INVALIDATING"));
        metrics = new OperatorMetrics(MetricsSettings.defaults(), () -> cache, () -> pods, clock);
        assertEquals(0, longest("INVALIDATING"), "documented: such ages start again after a restart");
    }
}
