package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void durationsReadAsTheGoOperatorWritesThem() {
        assertEquals("0s", DurationText.of(Duration.ZERO));
        assertEquals("500ms", DurationText.of(Duration.ofMillis(500)));
        assertEquals("5s", DurationText.of(Duration.ofSeconds(5)));
        assertEquals("1.5s", DurationText.of(Duration.ofMillis(1500)));
        assertEquals("1m30s", DurationText.of(Duration.ofSeconds(90)));
        assertEquals("5m", DurationText.of(Duration.ofMinutes(5)));
        assertEquals("2h", DurationText.of(Duration.ofHours(2)));
        assertEquals("25h1s", DurationText.of(Duration.ofHours(25).plusSeconds(1)));
        assertEquals("-10s", DurationText.of(Duration.ofSeconds(-10)));
        assertEquals("250us", DurationText.of(Duration.ofNanos(250_000)));
    }
}
