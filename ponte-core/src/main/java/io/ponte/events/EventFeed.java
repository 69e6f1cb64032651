package io.ponte.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Feeds this node's stream clients from the {@link EventStore}, which every node appends to: one task
 * reads the events after the last one let out every {@code PONTE_EVENT_POLL_MILLIS} and adds them, in id
 * order, to an {@link EventRing} of the newest {@code PONTE_EVENT_CLIENT_BACKLOG}; each client has a
 * thread of its own that sends from the ring at the client's pace ({@link StreamClient}), so a client that
 * stops reading holds up nobody. Streams are limited per node and per API user. Old events are deleted
 * once a minute.
 */
@ApplicationScoped
public class EventFeed {

    /** Whether a stream was opened, or which limit kept it out. */
    public enum Opened { OPENED, NODE_FULL, USER_FULL, UNAVAILABLE }

    private static final Logger LOG = Logger.getLogger(EventFeed.class.getName());
    private static final int BATCH = 1000;
    private static final Duration HOLE_WAIT = Duration.ofSeconds(2);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    @Inject
    EventStore store;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
    ManagedThreadFactory threads;

    private final AtomicBoolean failing = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();
    private EventSettings settings;
    private StreamSlots slots;
    /** The most events read a round: at most half the ring, so that a client keeping up is never cut off by one burst. */
    private int roundLimit;
    // set once, by whichever of the poller or a joining client first reaches the database
    private volatile Sequencer sequencer;
    private volatile EventRing ring;
    // the poller's own
    private Instant lastPurge = Instant.EPOCH;
    private ScheduledFuture<?> poller;

    @PostConstruct
    void start() {
        settings = EventSettings.fromRuntime();
        slots = new StreamSlots(settings.maxStreams(), settings.maxStreamsPerUser());
        roundLimit = Math.min(BATCH, Math.max(1, settings.clientBacklog() / 2));
        long every = settings.poll().toMillis();
        poller = scheduler.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.cancel(false);
        }
        EventRing r = ring;
        if (r != null) {
            r.close();
        }
    }

    /**
     * Opens a stream for {@code client} of API user {@code user}: it gets every event after {@code lastSeen}
     * that is still retained, then every new one; with {@code lastSeen} null, only events from now on. Not
     * opened when this node or that user has its most streams open, or the database cannot be read.
     */
    public Opened subscribe(EventSubscriber client, Long lastSeen, String user) {
        EventRing r;
        try {
            r = ring();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "event stream: cannot open a stream now", e);
            return Opened.UNAVAILABLE;
        }
        Opened admission = slots.acquire(user);
        if (admission != Opened.OPENED) {
            return admission;
        }
        StreamClient writer = new StreamClient(client, lastSeen, r, store::after, KEEP_ALIVE, () -> slots.release(user));
        try {
            Thread t = threads.newThread(writer);
            t.setName("ponte-event-stream-" + t.getId());
            t.start();
        } catch (RuntimeException | Error e) {
            slots.release(user);
            throw e;
        }
        return Opened.OPENED;
    }

    /** One round: the events let out since the last round join the ring; old ones are purged once a minute. */
    void poll() {
        try {
            Instant now = clock.instant();
            EventRing r = ring();
            r.append(sequencer.release(store.after(sequencer.head(), roundLimit), now));
            if (Duration.between(lastPurge, now).toMinutes() >= 1) {
                lastPurge = now;
                int purged = store.purge(now.minus(settings.retention()));
                if (purged > 0) {
                    LOG.fine(() -> purged + " events past their retention deleted");
                }
            }
            if (failing.compareAndSet(true, false)) {
                LOG.info("event stream: the database answers again");
            }
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "event stream: cannot read events now, retrying: " + e);
            }
        }
    }

    /** The ring, started at the store's head the first time the database answers. */
    private EventRing ring() {
        EventRing r = ring;
        if (r == null) {
            synchronized (this) {
                r = ring;
                if (r == null) {
                    long head = store.head();
                    sequencer = new Sequencer(head, HOLE_WAIT);
                    r = new EventRing(settings.clientBacklog(), head);
                    ring = r;
                }
            }
        }
        return r;
    }

    /** Streams open on this node now. */
    public int clients() {
        return slots.open();
    }
}
