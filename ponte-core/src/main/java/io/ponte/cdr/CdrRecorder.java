package io.ponte.cdr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ponte.call.CallEvent;
import io.ponte.call.CallListener;
import io.ponte.config.PonteSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writes call detail records, one per ended call, without ever holding up a SIP thread: {@link #record}
 * appends the record to the local {@link RecordJournal} (PONTE_CDR_JOURNAL_DIR, by default
 * {@code standalone/data/ponte/cdr-journal}) and returns; every 250 ms the journal is fsync'd and a
 * {@link RecordWriter} stores what it holds. While the database is unreachable records wait in the journal,
 * which survives a restart and a {@code kill -9}; records the database refuses become dead letters
 * ({@code call_record_rejected}) instead of blocking the others.
 */
@ApplicationScoped
public class CdrRecorder implements CallListener {

    private static final Logger LOG = Logger.getLogger(CdrRecorder.class.getName());
    private static final int BATCH = 500;
    private static final long SEGMENT_BYTES = 4L << 20;

    /** What the call records look like on this node, for the health and statistics views. */
    public record Backlog(long pending, long journalBytes, long storedSinceStart, long rejectedSinceStart,
                          long truncatedSinceStart, long unjournaledSinceStart) {
    }

    @Inject
    CdrStore store;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    ManagedScheduledExecutorService scheduler;

    private final AtomicBoolean failing = new AtomicBoolean();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder unjournaled = new LongAdder();
    private final AtomicLong lastFullWarning = new AtomicLong();
    private RecordJournal journal;
    private RecordWriter writer;
    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        String data = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        String configured = PonteSettings.runtimeValue("PONTE_CDR_JOURNAL_DIR");
        Path dir = configured == null || configured.isBlank() ? Path.of(data, "ponte", "cdr-journal") : Path.of(configured.trim());
        long maxBytes = PonteSettings.wholeNumber(PonteSettings::runtimeValue, "PONTE_CDR_JOURNAL_MAX_MB", 1024) * (1L << 20);
        try {
            journal = RecordJournal.open(dir, SEGMENT_BYTES, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the call record journal " + dir, e);
        }
        writer = new RecordWriter(journal, new RecordWriter.Sink() {
            @Override
            public void insert(List<CallDetail> records) {
                store.insert(records);
            }

            @Override
            public void reject(RecordWriter.Rejected rejected) {
                store.reject(rejected);
            }
        }, BATCH, dir.resolve("rejected.jsonl"));
        importSpool(Path.of(data, "ponte", "cdr-spool.jsonl"));
        LOG.info(() -> "call record journal " + dir + ": " + journal.pending() + " records waiting to be stored");
        task = scheduler.scheduleWithFixedDelay(this::flush, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** A call that ended is recorded; other events are no record's business. */
    @Override
    public void on(CallEvent event) {
        if (event instanceof CallEvent.Ended ended) {
            record(CallDetail.of(ended.call()));
        }
    }

    /**
     * Journals a record; returns once the kernel has it. Should the journal be full (the database away
     * for long), the record is written whole to the server log at SEVERE, the last place it can go.
     */
    public void record(CallDetail detail) {
        if (detail.truncatedFields() != null) {
            truncated.increment();
            LOG.info(() -> "call " + detail.callId() + ": " + detail.truncatedFields() + " cut to fit the call record");
        }
        String line = RecordLine.format(detail);
        try {
            journal.append(line);
        } catch (IOException e) {
            unjournaled.increment();
            long now = System.currentTimeMillis();
            long last = lastFullWarning.get();
            if (now - last > 60_000 && lastFullWarning.compareAndSet(last, now)) {
                LOG.severe("call records cannot be journaled: " + e.getMessage());
            }
            LOG.severe("call record not journaled, kept here: " + line);
        }
    }

    /** Records waiting to be stored (they stay in the journal while the database is down). */
    public long pending() {
        return journal.pending();
    }

    public Backlog backlog() {
        return new Backlog(journal.pending(), journal.bytes(), writer.stored(), writer.rejected(), truncated.sum(),
                unjournaled.sum());
    }

    /** Stores what the journal holds; on failure it stays there for the next round. */
    public void flush() {
        try {
            writer.flush();
            if (failing.compareAndSet(true, false)) {
                LOG.info("call records are being stored again");
            }
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "cannot store call records now, " + journal.pending() + " kept in the journal for retry: " + e);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        flush();
        if (journal.pending() > 0) {
            LOG.warning(() -> journal.pending() + " call records not stored yet; they wait in " + journal.directory()
                    + " for the next start");
        }
        try {
            journal.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the call record journal", e);
        }
    }

    /** The spool file of earlier versions (records kept over an undeploy): its lines move into the journal. */
    private void importSpool(Path spool) {
        if (!Files.exists(spool)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(spool, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (!line.isBlank()) {
                    journal.append(line);
                }
            }
            journal.sync();
            Files.delete(spool);
            LOG.info(() -> lines.size() + " spooled call records moved into the journal");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the call record spool " + spool + " into the journal", e);
        }
    }
}
