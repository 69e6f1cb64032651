package io.ponte.events;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One stream client's own writer, run on a thread of its own: it first sends what the client missed
 * (events before the {@link EventRing}'s floor, read from the store a page at a time), then follows the
 * ring. A write that blocks (the client stopped reading) blocks this thread only. A client that falls so
 * far behind that the ring no longer holds its next event is cut off with a last comment naming the id to
 * reconnect with; it then catches up from the store like any reconnecting client.
 */
final class StreamClient implements Runnable {

    /** Reads stored events after an id, lowest first: {@link EventStore#after}. */
    @FunctionalInterface
    interface Replay {
        List<PonteEvent> after(long id, int limit);
    }

    static final int PAGE = 200;
    private static final Logger LOG = Logger.getLogger(StreamClient.class.getName());

    private final EventSubscriber client;
    private final Long lastSeen;
    private final EventRing ring;
    private final Replay store;
    private final Duration keepAlive;
    private final Runnable ended;

    /**
     * A writer for {@code client}, which last saw {@code lastSeen} (null: only events from now on);
     * {@code ended} runs once when it stops, whatever the reason.
     */
    StreamClient(EventSubscriber client, Long lastSeen, EventRing ring, Replay store, Duration keepAlive, Runnable ended) {
        this.client = client;
        this.lastSeen = lastSeen;
        this.ring = ring;
        this.store = store;
        this.keepAlive = keepAlive;
        this.ended = ended;
    }

    @Override
    public void run() {
        try {
            client.open(this::stream);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "event stream client ended", e); // the store failed during its catch-up: it reconnects
        } finally {
            client.close();
            ended.run();
        }
    }

    private void stream() {
        try {
            long cursor = catchUp(lastSeen == null ? ring.head() : Math.min(lastSeen, ring.head()));
            while (cursor >= 0 && !ring.closed()) {
                List<PonteEvent> next = ring.after(cursor, PAGE, keepAlive.toMillis());
                if (next == null) {
                    LOG.info("event stream client cut off: its next event after " + cursor + " is no longer held (ring from "
                            + ring.floor() + " to " + ring.head() + ")");
                    client.cutOff("too slow: the events after " + cursor + " are no longer held here; reconnect with Last-Event-ID " + cursor);
                    return;
                }
                cursor = next.isEmpty() ? (ring.closed() || client.keepAlive() ? cursor : -1) : send(next, cursor);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the stored events after {@code cursor} up to the ring's floor; the new cursor, or -1 when the client went. */
    private long catchUp(long cursor) {
        while (cursor >= 0 && cursor < ring.floor()) {
            long floor = ring.floor();
            List<PonteEvent> page = store.after(cursor, PAGE).stream().filter(e -> e.id() <= floor).toList();
            // nothing stored between: the rest was purged (or never committed), the ring has what follows
            cursor = page.isEmpty() ? floor : send(page, cursor);
        }
        return cursor;
    }

    private long send(List<PonteEvent> events, long cursor) {
        for (PonteEvent e : events) {
            if (!client.deliver(e)) {
                return -1;
            }
            cursor = e.id();
        }
        return cursor;
    }
}
