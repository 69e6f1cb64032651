package io.ponte.cdr;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ponte.call.CallEvent;
import io.ponte.call.CallListener;
import io.ponte.media.MediaCounters;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * Writes call detail records, one per ended call, without ever holding up a SIP thread: {@link #record}
 * only queues; a background task stores the queue every 250 ms. While the database is unreachable records stay queued
 * and are retried; on undeploy whatever could not be stored is spooled to a file in the server's data
 * directory and stored first thing at the next start. No record is dropped.
 */
@ApplicationScoped
public class CdrRecorder implements CallListener {

    private static final Logger LOG = Logger.getLogger(CdrRecorder.class.getName());
    private static final int BATCH = 500;

    @Inject
    CdrStore store;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    ManagedScheduledExecutorService scheduler;

    private final ConcurrentLinkedQueue<CallDetail> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private ScheduledFuture<?> writer;
    private Path spool;

    @PostConstruct
    void start() {
        spool = Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")), "ponte", "cdr-spool.jsonl");
        readSpool();
        writer = scheduler.scheduleWithFixedDelay(this::flush, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** A call that ended is recorded; other events are no record's business. */
    @Override
    public void on(CallEvent event) {
        if (event instanceof CallEvent.Ended ended) {
            record(CallDetail.of(ended.call()));
        }
    }

    /** Queues a record; returns at once. */
    public void record(CallDetail detail) {
        queue.add(detail);
    }

    /** Records waiting to be stored (they stay here while the database is down). */
    public int pending() {
        return queue.size();
    }

    /** Stores what is queued; on failure everything stays queued for the next round. */
    public synchronized void flush() {
        while (!queue.isEmpty()) {
            List<CallDetail> batch = new ArrayList<>();
            for (CallDetail d : queue) {
                batch.add(d);
                if (batch.size() == BATCH) {
                    break;
                }
            }
            try {
                store.insert(batch);
            } catch (RuntimeException e) {
                if (failing.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "cannot store call records now, " + queue.size() + " kept for retry: " + e);
                }
                return;
            }
            batch.forEach(queue::remove);
            if (failing.compareAndSet(true, false)) {
                LOG.info("call records are being stored again");
            }
        }
    }

    @PreDestroy
    void stop() {
        if (writer != null) {
            writer.cancel(false);
        }
        flush();
        if (!queue.isEmpty()) {
            writeSpool();
        }
    }

    private void writeSpool() {
        try {
            Files.createDirectories(spool.getParent());
            StringBuilder lines = new StringBuilder();
            for (CallDetail d : queue) {
                lines.append(toJson(d)).append('\n');
            }
            Files.writeString(spool, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            LOG.warning(() -> queue.size() + " call records could not be stored; spooled to " + spool);
            queue.clear();
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "could not spool " + queue.size() + " call records to " + spool, e);
        }
    }

    private void readSpool() {
        if (!Files.exists(spool)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(spool, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (!line.isBlank()) {
                    queue.add(fromJson(line));
                }
            }
            Files.delete(spool);
            LOG.info(() -> lines.size() + " spooled call records queued for storing");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the call record spool " + spool, e);
        }
    }

    static String toJson(CallDetail d) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("callId", d.callId()).add("caller", d.caller()).add("callee", d.callee())
                .add("startedAt", d.startedAt().toString()).add("endedAt", d.endedAt().toString())
                .add("finalStatus", d.finalStatus());
        if (d.answeredAt() != null) {
            b.add("answeredAt", d.answeredAt().toString());
        }
        if (d.hangupSide() != null) {
            b.add("hangupSide", d.hangupSide());
        }
        if (d.fromCaller() != null) {
            b.add("fromCaller", counters(d.fromCaller()));
        }
        if (d.fromCallee() != null) {
            b.add("fromCallee", counters(d.fromCallee()));
        }
        b.add("callerKind", d.callerKind()).add("calleeKind", d.calleeKind());
        if (d.callerConnectycubeUserId() != null) {
            b.add("callerConnectycubeUserId", d.callerConnectycubeUserId());
        }
        if (d.calleeConnectycubeUserId() != null) {
            b.add("calleeConnectycubeUserId", d.calleeConnectycubeUserId());
        }
        return b.build().toString();
    }

    private static JsonObjectBuilder counters(MediaCounters c) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("packets", c.packets()).add("bytes", c.bytes()).add("errors", c.errors());
        if (c.mos() != null) {
            b.add("lost", c.lost()).add("jitterMillis", c.jitterMillis()).add("mos", c.mos());
        }
        return b;
    }

    static CallDetail fromJson(String line) {
        try (JsonReader r = Json.createReader(new StringReader(line))) {
            JsonObject o = r.readObject();
            return new CallDetail(o.getString("callId"), o.getString("caller"), o.getString("callee"),
                    Instant.parse(o.getString("startedAt")),
                    o.containsKey("answeredAt") ? Instant.parse(o.getString("answeredAt")) : null,
                    Instant.parse(o.getString("endedAt")), o.getInt("finalStatus"),
                    o.containsKey("hangupSide") ? o.getString("hangupSide") : null,
                    counters(o.get("fromCaller")), counters(o.get("fromCallee")),
                    o.getString("callerKind", "SIP"), o.getString("calleeKind", "SIP"),
                    userId(o, "callerConnectycubeUserId"), userId(o, "calleeConnectycubeUserId"));
        }
    }

    private static Long userId(JsonObject o, String key) {
        return o.containsKey(key) ? o.getJsonNumber(key).longValue() : null;
    }

    private static MediaCounters counters(JsonValue v) {
        if (!(v instanceof JsonObject o)) {
            return null;
        }
        boolean quality = o.containsKey("mos");
        return new MediaCounters(o.getJsonNumber("packets").longValue(), o.getJsonNumber("bytes").longValue(),
                o.getJsonNumber("errors").longValue(), quality ? o.getJsonNumber("lost").longValue() : null,
                quality ? o.getJsonNumber("jitterMillis").longValue() : null,
                quality ? o.getJsonNumber("mos").doubleValue() : null);
    }
}
