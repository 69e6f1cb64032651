package io.ponte.sip.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class WarnLimiterTest {

    @Test
    void oneLinePerSourcePerMinuteThenTheCountOfTheHeldBack() {
        AtomicLong now = new AtomicLong(1_000_000);
        WarnLimiter limiter = new WarnLimiter(now::get);
        assertEquals(0, limiter.admit("10.0.0.1"));
        assertEquals(-1, limiter.admit("10.0.0.1"));
        assertEquals(-1, limiter.admit("10.0.0.1"));
        assertEquals(0, limiter.admit("10.0.0.2"), "another source has its own minute");
        now.addAndGet(WarnLimiter.WINDOW_MILLIS);
        assertEquals(2, limiter.admit("10.0.0.1"));
        assertEquals(-1, limiter.admit("10.0.0.1"));
    }
}
