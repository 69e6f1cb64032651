package io.ponte.events;

import static io.ponte.events.EventRingTest.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

class StreamClientTest {

    /** A client that records what it was sent; {@code stall} blocks every delivery until released. */
    static final class Recording implements EventSubscriber {
        final List<Long> ids = new ArrayList<>();
        final List<String> comments = new ArrayList<>();
        final CountDownLatch stall;
        volatile int entered;
        volatile boolean closed;

        Recording(CountDownLatch stall) {
            this.stall = stall;
        }

        @Override
        public void open(Runnable stream) {
            stream.run();
        }

        @Override
        public boolean deliver(PonteEvent event) {
            entered++;
            try {
                stall.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            synchronized (this) {
                ids.add(event.id());
            }
            return true;
        }

        @Override
        public boolean keepAlive() {
            return true;
        }

        @Override
        public synchronized void cutOff(String reason) {
            comments.add(reason);
        }

        @Override
        public void close() {
            closed = true;
        }

        synchronized List<Long> ids() {
            return List.copyOf(ids);
        }
    }

    private static final StreamClient.Replay NOTHING_STORED = (id, limit) -> List.of();

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static Thread start(StreamClient c) {
        Thread t = new Thread(c);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aStalledClientHoldsUpNobodyAndIsCutOffOnceItFallsOutOfTheRing() throws Exception {
        EventRing ring = new EventRing(4, 0);
        CountDownLatch stalled = new CountDownLatch(1);
        Recording slow = new Recording(stalled);
        Recording live = new Recording(new CountDownLatch(0));
        CountDownLatch ended = new CountDownLatch(2);
        Thread slowWriter = start(new StreamClient(slow, 0L, ring, NOTHING_STORED, Duration.ofSeconds(15), ended::countDown));
        start(new StreamClient(live, 0L, ring, NOTHING_STORED, Duration.ofSeconds(15), ended::countDown));
        ring.append(events(1));
        await("the live client has event 1", () -> live.ids().equals(List.of(1L)));
        await("the slow client is stuck writing event 1", () -> slow.entered == 1);
        for (long[] batch : new long[][] {{2, 3, 4}, {5, 6, 7}, {8, 9}}) { // each within the ring's 4
            ring.append(events(batch));
            long last = batch[batch.length - 1];
            await("the live client has every event up to " + last + " while the other is stuck", () -> live.ids().contains(last));
        }
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 9).boxed().toList(), live.ids());
        assertEquals(2, ended.getCount());
        stalled.countDown();
        slowWriter.join(10_000);
        assertEquals(List.of(1L), slow.ids(), "it was writing event 1 when it stalled");
        assertEquals(1, slow.comments.size());
        assertTrue(slow.comments.get(0).contains("Last-Event-ID 1"), slow.comments.toString());
        assertTrue(slow.closed);
        assertEquals(1, ended.getCount(), "the cut-off client gave its slot back; the live one goes on");
        ring.close();
        assertTrue(ended.await(10, TimeUnit.SECONDS));
        assertTrue(live.closed);
    }

    @Test
    void aReconnectingClientCatchesUpFromTheStoreInPagesThenFollowsTheRing() throws Exception {
        List<PonteEvent> stored = events(java.util.stream.LongStream.rangeClosed(1, 450).toArray());
        List<Integer> pages = new ArrayList<>();
        StreamClient.Replay store = (id, limit) -> {
            synchronized (pages) {
                pages.add(limit);
            }
            return stored.stream().filter(e -> e.id() > id).limit(limit).toList();
        };
        EventRing ring = new EventRing(100, 440); // the ring started at 440: 441 onwards are in it
        ring.append(stored.subList(440, 450));
        Recording client = new Recording(new CountDownLatch(0));
        CountDownLatch ended = new CountDownLatch(1);
        start(new StreamClient(client, 5L, ring, store, Duration.ofSeconds(15), ended::countDown));
        await("events 6 to 450", () -> client.ids().size() == 445);
        assertEquals(java.util.stream.LongStream.rangeClosed(6, 450).boxed().toList(), client.ids());
        synchronized (pages) {
            assertTrue(pages.stream().allMatch(l -> l == StreamClient.PAGE), pages.toString());
            assertEquals(3, pages.size(), "435 stored events before the ring, in pages of " + StreamClient.PAGE + ": " + pages);
        }
        ring.append(events(451));
        await("the live event after the catch-up", () -> client.ids().contains(451L));
        ring.close();
        assertTrue(ended.await(10, TimeUnit.SECONDS));
    }
}
