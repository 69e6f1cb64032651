package io.ponte.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.ponte.call.Disposition;
import io.ponte.media.MediaCounters;

/** Every record fits its table before it is queued; its JSON line (the journal's format) round-trips. */
class CallDetailTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00.125Z");
    private static final UUID ID = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

    @Test
    void aSeventyDigitCalleeIsCutToItsColumnAndNamed() {
        String dialed = "1234567890".repeat(7);
        CallDetail d = new CallDetail(ID, "long-1", "861", dialed, START, null, START.plusSeconds(1), 404, "SYSTEM", null, null);
        assertEquals(dialed.substring(0, 64), d.callee());
        assertEquals("callee", d.truncatedFields());
        assertNull(new CallDetail(ID, "short", "861", "862", START, null, START, 404, "SYSTEM", null, null).truncatedFields());
    }

    @Test
    void controlCharactersAreEscapedAsInAUriAndSurrogatePairsAreNeverSplit() {
        CallDetail d = new CallDetail(ID, "c\u0000d", "null-\u0000-null", "\u007f", START, null, START, 404, "CALLER", null, null);
        assertEquals("c%00d", d.callId());
        assertEquals("null-%00-null", d.caller());
        assertEquals("%7F", d.callee());
        assertNull(d.truncatedFields());
        String emoji = "a".repeat(63) + "\uD83D\uDE00";
        assertEquals("a".repeat(63), new CallDetail(ID, "e", emoji, "1", START, null, START, 404, null, null, null).caller());
    }

    @Test
    void everyCutFieldIsListedOnce() {
        CallDetail d = new CallDetail(ID, "x".repeat(300), "9".repeat(65), "8".repeat(65), START, null, START, 486, "CALLEE",
                "r".repeat(200), null, null, "SIP", "SIP", null, null, "callee");
        assertEquals("callee,callId,caller,endReason", d.truncatedFields());
        assertEquals(255, d.callId().length());
        assertEquals(128, d.endReason().length());
    }

    @Test
    void unknownSidesAndKindsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new CallDetail(ID, "c", "1", "2", START, null, START, 200, "NOBODY", null, null));
        assertThrows(IllegalArgumentException.class, () -> new CallDetail(ID, "c", "1", "2", START, null, START, 200,
                "CALLER", null, null, null, "SIP", "XMPP", null, null, null));
    }

    @Test
    void anAnsweredCallWithQualityRoundTrips() {
        CallDetail d = new CallDetail(ID, "a84b4c76e66710@pc33", "201", "202", START, START.plusMillis(2400),
                START.plusMillis(14_900), 200, "CALLEE",
                new MediaCounters(600, 103_200, 0, 3L, 2L, 4.3), new MediaCounters(598, 102_856, 1, 0L, 1L, 4.4));
        CallDetail back = RecordLine.parse(RecordLine.format(d));
        assertEquals(d, back);
        assertEquals(12_500, back.durationMillis());
        assertEquals(13, back.billableSeconds());
    }

    @Test
    void aBridgedCallEndedByPonteKeepsItsLegsReasonAndCuts() {
        CallDetail bridged = new CallDetail(ID, "5b3c9f0e", "812", "7".repeat(70), START, START.plusSeconds(3),
                START.plusSeconds(9), 200, "SYSTEM", "Service Unavailable (server shutting down)",
                new MediaCounters(300, 51_600, 0), null, "CONNECTYCUBE", "SIP", 1001L, null, null);
        CallDetail back = RecordLine.parse(RecordLine.format(bridged));
        assertEquals(bridged, back);
        assertEquals("callee", back.truncatedFields());
        assertEquals(Disposition.ANSWERED, back.disposition());
    }

    @Test
    void aLineFromTheOldSpoolGetsTheSameRecordIdAtEveryReading() {
        String old = "{\"callId\":\"c1\",\"caller\":\"201\",\"callee\":\"202\","
                + "\"startedAt\":\"2026-11-22T10:00:00Z\",\"endedAt\":\"2026-11-22T10:00:05Z\",\"finalStatus\":486}";
        CallDetail once = RecordLine.parse(old);
        assertEquals(once.recordId(), RecordLine.parse(old).recordId());
        assertEquals("SIP", once.callerKind());
        assertNull(once.hangupSide());
        assertNull(once.calleeConnectycubeUserId());
    }
}
