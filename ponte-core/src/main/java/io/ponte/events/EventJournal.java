package io.ponte.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * Where this node's events enter the live stream: {@link #publish} stamps and queues (it never waits for
 * the database, so SIP threads may call it), and a background task appends the queue to the
 * {@link EventStore} every 20 ms, in order. While the database is down events wait, up to
 * {@value #MAX_WAITING}; beyond that the oldest are dropped with a warning (the call records, which
 * never drop anything, are the durable account of calls; the stream is the live one).
 */
@ApplicationScoped
public class EventJournal {

    private static final Logger LOG = Logger.getLogger(EventJournal.class.getName());
    static final int MAX_WAITING = 100_000;
    private static final int BATCH = 500;

    @Inject
    EventStore store;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    ManagedScheduledExecutorService scheduler;

    private final ConcurrentLinkedQueue<PonteEvent.Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();
    private String node;
    private ScheduledFuture<?> writer;

    @PostConstruct
    void start() {
        node = nodeName();
        writer = scheduler.scheduleWithFixedDelay(this::flush, 20, 20, TimeUnit.MILLISECONDS);
    }

    /** Queues event {@code type} with its own fields, stamped now; returns at once. */
    public void publish(String type, JsonObject payload) {
        queue.add(new PonteEvent.Pending(clock.instant(), type, payload));
        if (waiting.incrementAndGet() > MAX_WAITING) {
            synchronized (this) { // not while flush counts what it stored
                if (queue.poll() != null) {
                    waiting.decrementAndGet();
                }
            }
            LOG.warning(() -> "event stream: more than " + MAX_WAITING + " events wait for the database; the oldest is dropped");
        }
    }

    /** This node's name in the events: the server's node name, else the host name. */
    public String node() {
        return node;
    }

    /** Stores what is queued, in order; on failure it stays queued for the next round. */
    synchronized void flush() {
        while (!queue.isEmpty()) {
            List<PonteEvent.Pending> batch = new ArrayList<>();
            for (PonteEvent.Pending e : queue) {
                batch.add(e);
                if (batch.size() == BATCH) {
                    break;
                }
            }
            try {
                store.append(node, batch);
            } catch (RuntimeException e) {
                if (failing.compareAndSet(false, true)) {
                    LOG.warning("cannot store events now, " + waiting.get() + " kept for retry: " + e);
                }
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                queue.poll();
                waiting.decrementAndGet();
            }
            if (failing.compareAndSet(true, false)) {
                LOG.info("events are being stored again");
            }
        }
    }

    @PreDestroy
    void stop() {
        if (writer != null) {
            writer.cancel(false);
        }
        flush();
    }

    private static String nodeName() {
        String name = System.getProperty("jboss.node.name");
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "ponte";
        }
    }
}
