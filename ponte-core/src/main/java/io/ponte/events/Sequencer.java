package io.ponte.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which stored events may go out, so that clients see ids only increase and a client that
 * reconnects after id N misses nothing. Ids come from one database sequence, but a row with a lower id
 * can commit after one with a higher id (two nodes appending at once), so a hole in the ids may fill a
 * moment later: events stop at a hole until it fills or {@code holeWait} has passed (a rolled-back
 * append leaves a hole for ever). Used by one thread.
 */
final class Sequencer {

    private final Duration holeWait;
    private long head;
    private Instant holeSince;

    Sequencer(long head, Duration holeWait) {
        this.head = head;
        this.holeWait = holeWait;
    }

    /** The highest id let out so far. */
    long head() {
        return head;
    }

    /** Of {@code stored} (ids above {@link #head}, lowest first), those that may go out now; advances the head. */
    List<PonteEvent> release(List<PonteEvent> stored, Instant now) {
        List<PonteEvent> out = new ArrayList<>();
        for (PonteEvent e : stored) {
            if (e.id() <= head) {
                continue;
            }
            if (e.id() != head + 1) {
                if (holeSince == null) {
                    holeSince = now;
                }
                if (Duration.between(holeSince, now).compareTo(holeWait) < 0) {
                    break;
                }
            }
            out.add(e);
            head = e.id();
            holeSince = null;
        }
        return out;
    }
}
