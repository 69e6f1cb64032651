package io.ponte.bridge.connectycube.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.5, () -> 0.0);
        assertEquals(100, b.delay(0).toMillis());
        assertEquals(200, b.delay(1).toMillis());
        assertEquals(400, b.delay(2).toMillis());
        assertEquals(1600, b.delay(4).toMillis());
        assertEquals(2000, b.delay(5).toMillis());
        assertEquals(2000, b.delay(1000).toMillis(), "no overflow for long outages");
    }

    @Test
    void jitterOnlyShortens() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.5, () -> 1.0);
        assertEquals(50, b.delay(0).toMillis());
        Backoff real = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.2);
        for (int i = 0; i < 100; i++) {
            long ms = real.delay(3).toMillis();
            assertTrue(ms >= 640 && ms <= 800, "within 20% below 800: " + ms);
        }
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1));
    }
}
