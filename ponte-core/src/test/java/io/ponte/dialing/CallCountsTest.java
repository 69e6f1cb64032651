package io.ponte.dialing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CallCountsTest {

    private final AtomicLong now = new AtomicLong(10 * 60_000);
    private final CallCounts counts = new CallCounts(100, now::get);

    @Test
    void callsInProgressAreCountedUntilTheyEnd() {
        counts.started("201");
        counts.started("201");
        counts.started("202");
        assertEquals(2, counts.active("201"));
        counts.ended("201");
        counts.ended("201");
        assertEquals(0, counts.active("201"));
        assertEquals(1, counts.active("202"));
        counts.ended("201"); // an end too many never goes below zero
        assertEquals(0, counts.active("201"));
    }

    @Test
    void callsAMinuteAreCountedPerClockMinute() {
        for (int i = 0; i < 3; i++) {
            counts.started("201");
            counts.ended("201");
        }
        assertEquals(3, counts.thisMinute("201"), "ended calls still count for the minute they started in");
        now.addAndGet(59_999);
        assertEquals(3, counts.thisMinute("201"));
        now.addAndGet(1);
        assertEquals(0, counts.thisMinute("201"), "a new minute starts at zero");
        counts.started("201");
        assertEquals(1, counts.thisMinute("201"));
    }

    @Test
    void pastMinutesAreDroppedOnceThereAreTooManyKeys() {
        for (int i = 0; i < 100; i++) {
            counts.started("old" + i);
            counts.ended("old" + i);
        }
        now.addAndGet(60_000);
        counts.started("201");
        counts.started("202");
        assertTrue(counts.keys() <= 101, "past minutes of " + counts.keys() + " keys are dropped");
        assertEquals(1, counts.thisMinute("202"));
    }
}
