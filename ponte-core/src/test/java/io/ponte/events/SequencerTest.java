package io.ponte.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class SequencerTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static List<PonteEvent> stored(long... ids) {
        return LongStream.of(ids).mapToObj(id -> new PonteEvent(id, T0, "call.started", "n1", "{}")).toList();
    }

    private static List<Long> ids(List<PonteEvent> events) {
        return events.stream().map(PonteEvent::id).toList();
    }

    @Test
    void contiguousEventsGoOutAtOnce() {
        Sequencer s = new Sequencer(10, Duration.ofSeconds(2));
        assertEquals(List.of(11L, 12L, 13L), ids(s.release(stored(11, 12, 13), T0)));
        assertEquals(13, s.head());
    }

    @Test
    void eventsWaitAtAHoleUntilItFills() {
        Sequencer s = new Sequencer(10, Duration.ofSeconds(2));
        assertEquals(List.of(11L), ids(s.release(stored(11, 13, 14), T0)), "12 may still commit");
        assertEquals(List.of(), ids(s.release(stored(13, 14), T0.plusMillis(500))));
        assertEquals(List.of(12L, 13L, 14L), ids(s.release(stored(12, 13, 14), T0.plusSeconds(1))));
    }

    @Test
    void aHoleThatNeverFillsIsPassedAfterTheWait() {
        Sequencer s = new Sequencer(10, Duration.ofSeconds(2));
        assertEquals(List.of(), ids(s.release(stored(12), T0)));
        assertEquals(List.of(), ids(s.release(stored(12), T0.plusMillis(1999))));
        assertEquals(List.of(12L, 13L), ids(s.release(stored(12, 13), T0.plusSeconds(2))));
        assertEquals(13, s.head());
    }

    @Test
    void eachHoleGetsItsOwnWait() {
        Sequencer s = new Sequencer(10, Duration.ofSeconds(2));
        assertEquals(List.of(), ids(s.release(stored(12), T0)));
        assertEquals(List.of(12L), ids(s.release(stored(12, 14), T0.plusSeconds(3))), "the second hole is new");
        assertEquals(List.of(14L), ids(s.release(stored(14), T0.plusSeconds(5))));
    }

    @Test
    void idsAtOrBelowTheHeadAreNeverRepeated() {
        Sequencer s = new Sequencer(10, Duration.ofSeconds(2));
        assertEquals(List.of(11L), ids(s.release(stored(9, 10, 11), T0)));
    }
}
