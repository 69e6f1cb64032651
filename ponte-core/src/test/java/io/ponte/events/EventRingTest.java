package io.ponte.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class EventRingTest {

    static List<PonteEvent> events(long... ids) {
        return LongStream.of(ids).mapToObj(id -> new PonteEvent(id, Instant.EPOCH, "call.started", "n1", "{}")).toList();
    }

    static List<Long> ids(List<PonteEvent> events) {
        return events == null ? null : events.stream().map(PonteEvent::id).toList();
    }

    @Test
    void aReaderGetsWhatFollowsItsCursorInPages() throws Exception {
        EventRing ring = new EventRing(10, 100);
        ring.append(events(101, 102, 104, 107));
        assertEquals(List.of(102L, 104L), ids(ring.after(101, 2, 0)));
        assertEquals(List.of(104L, 107L), ids(ring.after(103, 5, 0)), "a cursor between ids (a hole) reads from the next one");
        assertEquals(List.of(), ids(ring.after(107, 5, 0)), "nothing new yet");
    }

    @Test
    void theOldestFallOutAndAReaderBelowTheFloorIsToldSo() throws Exception {
        EventRing ring = new EventRing(3, 0);
        ring.append(events(1, 2, 3, 4, 5));
        assertEquals(2, ring.floor());
        assertEquals(5, ring.head());
        assertEquals(List.of(3L, 4L, 5L), ids(ring.after(2, 10, 0)));
        assertNull(ring.after(1, 10, 0), "event 2 is gone: the reader has fallen behind");
    }

    @Test
    void aWaitingReaderWakesForTheNextEventAndAtClose() throws Exception {
        EventRing ring = new EventRing(4, 7);
        Thread appender = new Thread(() -> ring.append(events(8)));
        appender.start();
        assertEquals(List.of(8L), ids(ring.after(7, 4, 10_000)));
        appender.join();
        Thread closer = new Thread(ring::close);
        closer.start();
        assertEquals(List.of(), ids(ring.after(8, 4, 10_000)), "woken by close, not by the 10 s wait");
        closer.join();
    }

    @Test
    void idsOnlyIncrease() {
        EventRing ring = new EventRing(4, 7);
        assertThrows(IllegalArgumentException.class, () -> ring.append(events(7)));
    }
}
