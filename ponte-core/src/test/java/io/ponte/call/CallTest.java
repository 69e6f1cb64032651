package io.ponte.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.ponte.media.MediaAnchor;
import io.ponte.media.MediaCounters;
import io.ponte.media.MediaException;
import io.ponte.media.MediaTotals;
import io.ponte.media.MediaUnavailableException;

/** The life of a call, without SIP or a media server: states, events, media hand-offs, who ended it. */
class CallTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    /** Writes down what the media server was asked, answers with a marked SDP. */
    private static final class RecordingAnchor implements MediaAnchor {
        @Override
        public void trickle(Call call, Side from, String sdpFragment) {
        }

        final List<String> asked = new ArrayList<>();
        final AtomicInteger releases = new AtomicInteger();
        MediaException failRelease;

        @Override
        public String offer(Call call, Side from, String sdp) {
            asked.add("offer " + from + " " + call.leg(from).mediaTag());
            return "anchored:" + sdp;
        }

        @Override
        public String answer(Call call, Side from, String sdp) {
            asked.add("answer " + from + " " + call.leg(from.other()).mediaTag() + "/" + call.leg(from).mediaTag());
            return "anchored:" + sdp;
        }

        @Override
        public void playDtmf(Call call, Side from, char digit, int durationMillis) {
            asked.add("dtmf " + from + " " + digit + " " + durationMillis);
        }

        @Override
        public MediaTotals release(Call call) throws MediaException {
            releases.incrementAndGet();
            if (failRelease != null) {
                throw failRelease;
            }
            return new MediaTotals(new MediaCounters(100, 17_200, 0), new MediaCounters(99, 17_028, 0));
        }
    }

    /** Writes down what a leg's signaling was asked. */
    private static final class RecordingLeg implements LegSignaling {
        final List<String> asked = new ArrayList<>();

        @Override
        public void hangUp(int status, String reason) {
            asked.add("hangUp " + status);
        }

        @Override
        public void release() {
            asked.add("release");
        }
    }

    private final TestClock clock = new TestClock();
    private final RecordingAnchor media = new RecordingAnchor();
    private final RecordingLeg callerSignaling = new RecordingLeg();
    private final RecordingLeg calleeSignaling = new RecordingLeg();
    private final List<String> events = new ArrayList<>();

    private Call start() {
        return Call.start(CallId.of("a84b4c76e66710@pc33"),
                new Leg(Side.CALLER, LegKind.SIP, "201", "from-tag-1", callerSignaling),
                new Leg(Side.CALLEE, LegKind.SIP, "202", null, calleeSignaling),
                media, e -> events.add(e.getClass().getSimpleName() + " " + e.call().state()), clock);
    }

    @Test
    void anAnsweredCallRingsThenIsAnsweredThenEndsWithItsTalkTime() throws MediaException {
        Call call = start();
        assertEquals(CallState.RINGING, call.state());
        assertEquals("anchored:v=0 offer", call.offer(Side.CALLER, "v=0 offer"));
        clock.advance(Duration.ofSeconds(3));
        call.callee().identify("to-tag-9");
        assertEquals("anchored:v=0 answer", call.answer(Side.CALLEE, "v=0 answer"));
        assertTrue(call.answered());
        clock.advance(Duration.ofSeconds(42));
        assertTrue(call.end(200, EndedBy.CALLEE));

        assertEquals(List.of("Started RINGING", "Answered ANSWERED", "Ended ENDED"), events);
        assertEquals(List.of("offer CALLER from-tag-1", "answer CALLEE from-tag-1/to-tag-9"), media.asked);
        assertEquals(T0, call.startedAt());
        assertEquals(T0.plusSeconds(3), call.answeredAt());
        assertEquals(T0.plusSeconds(45), call.endedAt());
        assertEquals(Disposition.ANSWERED, call.disposition());
        assertEquals(EndedBy.CALLEE, call.endedBy());
        assertEquals(100, call.media().fromCaller().packets());
        assertEquals(99, call.media().fromCallee().packets());
        assertEquals(List.of("release"), callerSignaling.asked);
        assertEquals(List.of("release"), calleeSignaling.asked);
    }

    @Test
    void digitsArePlayedOneByOneFromTheGivenSideAndNonDigitsAreRefusedBeforeAnyIsPlayed() throws MediaException {
        Call call = start();
        call.sendDtmf(Side.CALLER, "1a#", 120);
        assertEquals(List.of("dtmf CALLER 1 120", "dtmf CALLER A 120", "dtmf CALLER # 120"), media.asked);
        assertThrows(IllegalArgumentException.class, () -> call.sendDtmf(Side.CALLEE, "12x", 100));
        assertEquals(3, media.asked.size(), "nothing of a bad string is played");
    }

    @Test
    void aCallEndsOnceItsMediaIsReleasedOnceAndItCannotBeAnsweredAfterwards() {
        Call call = start();
        assertTrue(call.end(486, EndedBy.CALLEE));
        assertFalse(call.end(200, EndedBy.CALLER));
        assertFalse(call.answered());
        assertFalse(call.hangUp(487, "Request Terminated"));

        assertEquals(1, media.releases.get());
        assertEquals(List.of("Started RINGING", "Ended ENDED"), events);
        assertEquals(Disposition.BUSY, call.disposition());
        assertEquals(486, call.finalStatus());
        assertEquals(EndedBy.CALLEE, call.endedBy());
        assertNull(call.answeredAt());
        assertEquals(List.of("release"), calleeSignaling.asked);
    }

    @Test
    void onlyTheFirstAnswerCounts() {
        Call call = start();
        assertTrue(call.answered());
        assertFalse(call.answered());
        assertEquals(List.of("Started RINGING", "Answered ANSWERED"), events);
    }

    @Test
    void aRingingCallHungUpByTheSystemEndsWithTheGivenStatus() {
        Call call = start();
        assertTrue(call.hangUp(480, "Temporarily Unavailable (no answer)"));
        assertEquals(List.of("hangUp 480", "release"), callerSignaling.asked);
        assertEquals(List.of("hangUp 480", "release"), calleeSignaling.asked);
        assertEquals(480, call.finalStatus());
        assertEquals(Disposition.NO_ANSWER, call.disposition());
        assertEquals(EndedBy.SYSTEM, call.endedBy());
    }

    @Test
    void anAnsweredCallHungUpByTheSystemIsAnAnsweredCall() {
        Call call = start();
        call.answered();
        assertTrue(call.hangUp(487, "Request Terminated"));
        assertEquals(200, call.finalStatus());
        assertEquals(Disposition.ANSWERED, call.disposition());
        assertEquals(EndedBy.SYSTEM, call.endedBy());
    }

    @Test
    void anUnreachableMediaServerDoesNotKeepACallFromEnding() {
        media.failRelease = new MediaUnavailableException("no answer in 1000 ms", null);
        Call call = start();
        assertTrue(call.end(200, EndedBy.CALLER));
        assertSame(MediaTotals.NONE, call.media());
        assertEquals(List.of("Started RINGING", "Ended ENDED"), events);
    }

    @Test
    void legsMustBeOnTheirOwnSides() {
        Leg a = new Leg(Side.CALLEE, LegKind.SIP, "201", "t", callerSignaling);
        Leg b = new Leg(Side.CALLER, LegKind.SIP, "202", null, calleeSignaling);
        assertThrows(IllegalArgumentException.class,
                () -> Call.start(CallId.of("x"), a, b, media, e -> { }, clock));
        assertTrue(events.isEmpty());
    }

    @Test
    void racingEndsEndTheCallOnce() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            Call call = Call.start(CallId.of("race-" + round), new Leg(Side.CALLER, LegKind.SIP, "201", "f", callerSignaling),
                    new Leg(Side.CALLEE, LegKind.SIP, "202", null, calleeSignaling), media, e -> { }, Clock.systemUTC());
            AtomicInteger won = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++) {
                EndedBy by = EndedBy.values()[i % 3];
                pool.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (call.end(200, by)) {
                        won.incrementAndGet();
                    }
                });
            }
            go.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(1, won.get(), "round " + round);
        }
        assertEquals(200, media.releases.get());
    }

    @Test
    void aCallIdIsNeverBlank() {
        assertThrows(IllegalArgumentException.class, () -> CallId.of(" "));
        assertThrows(IllegalArgumentException.class, () -> CallId.of(null));
        assertThrows(IllegalArgumentException.class, () -> CallId.of("x".repeat(256)));
    }
}
