package io.ponte.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.ponte.call.Disposition;
import io.ponte.media.MediaCounters;

/** A record spooled to disk while the database is away comes back from its line unchanged. */
class CdrSpoolFormatTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00.125Z");

    @Test
    void answeredCallWithQualityRoundTrips() {
        CallDetail d = new CallDetail("a84b4c76e66710@pc33", "201", "202", START, START.plusMillis(2400),
                START.plusMillis(14_900), 200, "CALLEE",
                new MediaCounters(600, 103_200, 0, 3L, 2L, 4.3), new MediaCounters(598, 102_856, 1, 0L, 1L, 4.4));
        CallDetail back = CdrRecorder.fromJson(CdrRecorder.toJson(d));
        assertEquals(d, back);
        assertEquals(12_500, back.durationMillis());
        assertEquals(13, back.billableSeconds());
    }

    @Test
    void unansweredCallWithoutMediaOrReportsRoundTrips() {
        CallDetail busy = new CallDetail("busy-1", "201", "203", START, null, START.plusSeconds(2), 486, "CALLEE",
                new MediaCounters(0, 0, 0), null);
        CallDetail back = CdrRecorder.fromJson(CdrRecorder.toJson(busy));
        assertEquals(busy, back);
        assertEquals(Disposition.BUSY, back.disposition());
        assertEquals(0, back.billableSeconds());
    }

    @Test
    void aBridgedCallKeepsItsLegKindsAndConnectyCubeUser() {
        CallDetail bridged = new CallDetail("5b3c9f0e-7d7b-4c55-9a43-2f7f6fb1b0d2", "812", "811", START, START.plusSeconds(3),
                START.plusSeconds(9), 200, "CALLER", new MediaCounters(300, 51_600, 0), new MediaCounters(298, 51_256, 0),
                "CONNECTYCUBE", "SIP", 1001L, null);
        assertEquals(bridged, CdrRecorder.fromJson(CdrRecorder.toJson(bridged)));
    }

    @Test
    void aLineSpooledBeforeTheBridgeReadsAsSipOnBothSides() {
        CallDetail old = CdrRecorder.fromJson("{\"callId\":\"c1\",\"caller\":\"201\",\"callee\":\"202\","
                + "\"startedAt\":\"2026-11-22T10:00:00Z\",\"endedAt\":\"2026-11-22T10:00:05Z\",\"finalStatus\":486}");
        assertEquals("SIP", old.callerKind());
        assertEquals("SIP", old.calleeKind());
        assertEquals(null, old.calleeConnectycubeUserId());
    }
}
