package io.ponte.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Feeds this node's stream clients from the {@link EventStore}, which every node appends to: one task
 * reads the events after the last one delivered every {@code PONTE_EVENT_POLL_MILLIS} and gives each to
 * every client, in id order. A client that joins with the id of the last event it saw is first given what
 * it missed (if still retained), then the live events. Old events are deleted once a minute.
 */
@ApplicationScoped
public class EventFeed {

    private static final Logger LOG = Logger.getLogger(EventFeed.class.getName());
    private static final int BATCH = 1000;
    private static final Duration HOLE_WAIT = Duration.ofSeconds(2);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    @Inject
    EventStore store;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    ManagedScheduledExecutorService scheduler;

    private final ConcurrentLinkedQueue<Subscription> joining = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();
    private EventSettings settings;
    // the poller's own, touched by its thread only
    private final List<Subscription> live = new ArrayList<>();
    private Sequencer sequencer;
    private Instant lastKeepAlive = Instant.EPOCH;
    private Instant lastPurge = Instant.EPOCH;
    private ScheduledFuture<?> poller;

    private record Subscription(EventSubscriber client, Long lastSeen) {
    }

    @PostConstruct
    void start() {
        settings = EventSettings.fromRuntime();
        long every = settings.poll().toMillis();
        poller = scheduler.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.cancel(false);
        }
    }

    /**
     * Adds a client: it gets every event after {@code lastSeen} that is still retained, then every new
     * one; with {@code lastSeen} null, only events from now on.
     */
    public void subscribe(EventSubscriber client, Long lastSeen) {
        joining.add(new Subscription(client, lastSeen));
    }

    /** One round: new clients catch up, new events go to every client, idle connections are kept open. */
    synchronized void poll() {
        try {
            Instant now = clock.instant();
            if (sequencer == null) {
                sequencer = new Sequencer(store.head(), HOLE_WAIT);
            }
            for (Subscription s; (s = joining.peek()) != null; joining.poll()) {
                catchUp(s);
                live.add(s);
            }
            List<PonteEvent> fresh = sequencer.release(store.after(sequencer.head(), BATCH), now);
            for (PonteEvent e : fresh) {
                live.removeIf(s -> !s.client().deliver(e));
            }
            if (!fresh.isEmpty()) {
                lastKeepAlive = now;
            } else if (Duration.between(lastKeepAlive, now).compareTo(KEEP_ALIVE) >= 0) {
                live.removeIf(s -> !s.client().keepAlive());
                lastKeepAlive = now;
            }
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

    /** What a joining client missed: the retained events after its last one, up to where the others are. */
    private void catchUp(Subscription s) {
        long from = s.lastSeen() == null ? sequencer.head() : Math.min(s.lastSeen(), sequencer.head());
        while (from < sequencer.head()) {
            List<PonteEvent> missed = store.after(from, BATCH);
            if (missed.isEmpty()) {
                return;
            }
            for (Iterator<PonteEvent> it = missed.iterator(); it.hasNext() && from < sequencer.head();) {
                PonteEvent e = it.next();
                if (e.id() > sequencer.head()) {
                    return;
                }
                if (!s.client().deliver(e)) {
                    return;
                }
                from = e.id();
            }
        }
    }

    /** Clients connected to this node now. */
    public synchronized int clients() {
        return live.size() + joining.size();
    }
}
