package io.ponte.events;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest events this node has let out, shared by all of its stream clients: each client reads from
 * it at its own pace, so one that reads slowly delays nobody else, and memory stays at {@code capacity}
 * events however many clients there are. Ids only increase. The {@link #floor} is the highest id the ring
 * no longer holds (or the head it started from): a client whose last event is below it has fallen behind
 * by more than the ring holds.
 */
final class EventRing {

    private final PonteEvent[] slots;
    private int first;
    private int size;
    private long floor;
    private long head;
    private boolean closed;

    EventRing(int capacity, long head) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.slots = new PonteEvent[capacity];
        this.floor = head;
        this.head = head;
    }

    /** Adds events (ids above {@link #head}, lowest first), dropping the oldest beyond the capacity, and wakes the readers. */
    synchronized void append(List<PonteEvent> events) {
        for (PonteEvent e : events) {
            if (e.id() <= head) {
                throw new IllegalArgumentException("event " + e.id() + " is not after " + head);
            }
            if (size == slots.length) {
                floor = slots[first].id();
                slots[first] = null;
                first = (first + 1) % slots.length;
                size--;
            }
            slots[(first + size) % slots.length] = e;
            size++;
            head = e.id();
        }
        if (!events.isEmpty()) {
            notifyAll();
        }
    }

    /** The highest id let out. */
    synchronized long head() {
        return head;
    }

    /** The highest id not held (every event above it, up to the head, is). */
    synchronized long floor() {
        return floor;
    }

    /**
     * Up to {@code max} events after {@code cursor}, waiting up to {@code waitMillis} for the first: empty
     * when none came in time (or the ring is closed), null when {@code cursor} is below the floor (what follows
     * it is no longer held).
     */
    synchronized List<PonteEvent> after(long cursor, int max, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (true) {
            if (cursor < floor) {
                return null;
            }
            if (head > cursor) {
                List<PonteEvent> out = new ArrayList<>(Math.min(max, size));
                for (int i = firstAfter(cursor); i < size && out.size() < max; i++) {
                    out.add(slots[(first + i) % slots.length]);
                }
                return out;
            }
            long left = deadline - System.nanoTime();
            if (closed || left <= 0) {
                return List.of();
            }
            wait(Math.max(1, left / 1_000_000L));
        }
    }

    /** Wakes every reader for good: {@link #after} then answers at once. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean closed() {
        return closed;
    }

    /** The position (0 = oldest held) of the first event with an id above {@code cursor}. */
    private int firstAfter(long cursor) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (slots[(first + mid) % slots.length].id() <= cursor) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
