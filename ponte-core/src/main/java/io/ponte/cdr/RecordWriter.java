package io.ponte.cdr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;


/**
 * Moves call records from the {@link RecordJournal} into the database, a batch at a time, and sets aside
 * what the database refuses for its content, so that nothing can hold up the records behind it.
 *
 * <p>A batch is stored in one transaction. When the database refuses it for its content (SQLSTATE class
 * 22, data exception, or 23, integrity constraint violation), its records are stored one by one and each
 * one refused again goes to the dead letters with the database's reason; a journal line that holds no
 * record (torn by a crash, or unreadable) goes there too. Any other failure (the database unreachable, a
 * timeout) leaves the batch in the journal for the next round: records are stored idempotently by their
 * record id, so a batch stored twice is stored once.
 */
public final class RecordWriter {

    /** Where records go. Implementations throw whatever their database driver throws. */
    public interface Sink {
        /** Stores {@code records} in one transaction; records already stored (same record id) are skipped. */
        void insert(List<CallDetail> records);

        /** Stores a refused record aside, with why (a dead letter); one already set aside is skipped. */
        void reject(Rejected rejected);
    }

    /** A dead letter: the record (its JSON, or the raw line), and why it was not stored. */
    public record Rejected(UUID recordId, String callId, String record, String reason) {
    }

    private final RecordJournal journal;
    private final Sink sink;
    private final int batchSize;
    private final Path rejectedFile;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /**
     * @param rejectedFile where a dead letter goes when the database refuses even that (JSON lines)
     */
    public RecordWriter(RecordJournal journal, Sink sink, int batchSize, Path rejectedFile) {
        this.journal = journal;
        this.sink = sink;
        this.batchSize = batchSize;
        this.rejectedFile = rejectedFile;
    }

    /**
     * Stores everything the journal holds, batch after batch.
     *
     * @throws RuntimeException from the sink when the database cannot take records now: what is not stored
     *         stays in the journal
     */
    public synchronized void flush() {
        try {
            journal.sync();
            for (RecordJournal.Batch batch = journal.read(batchSize); !batch.isEmpty(); batch = journal.read(batchSize)) {
                List<CallDetail> records = new ArrayList<>(batch.entries().size());
                List<Rejected> refused = new ArrayList<>();
                for (RecordJournal.Entry e : batch.entries()) {
                    if (!e.complete()) {
                        refused.add(new Rejected(null, null, e.line(), "torn journal line: the server stopped while writing it"));
                        continue;
                    }
                    try {
                        records.add(RecordLine.parse(e.line()));
                    } catch (RuntimeException unreadable) {
                        refused.add(new Rejected(null, null, e.line(), "unreadable journal line: " + unreadable));
                    }
                }
                int unreadable = refused.size();
                store(records, refused);
                for (Rejected r : refused) {
                    setAside(r);
                }
                journal.commit(batch);
                stored.addAndGet(records.size() - (refused.size() - unreadable));
                rejected.addAndGet(refused.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the call record journal in " + journal.directory() + " failed", e);
        }
    }

    private void store(List<CallDetail> records, List<Rejected> refused) {
        if (records.isEmpty()) {
            return;
        }
        try {
            sink.insert(records);
        } catch (RuntimeException batchRefused) {
            if (!refusesContent(batchRefused)) {
                throw batchRefused;
            }
            for (CallDetail r : records) {
                try {
                    sink.insert(List.of(r));
                } catch (RuntimeException e) {
                    if (!refusesContent(e)) {
                        throw e;
                    }
                    refused.add(new Rejected(r.recordId(), r.callId(), RecordLine.format(r), reason(e)));
                }
            }
        }
    }

    private void setAside(Rejected r) throws IOException {
        Rejected safe = new Rejected(r.recordId(), r.callId(), noNul(r.record()), noNul(r.reason()));
        try {
            sink.reject(safe);
        } catch (RuntimeException e) {
            if (!refusesContent(e)) {
                throw e;
            }
            String line = RecordLine.JSON.createObjectBuilder().add("record", safe.record())
                    .add("reason", safe.reason() + "; not storable as a dead letter either: " + reason(e)).build() + "\n";
            Files.writeString(rejectedFile, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** Records stored since this writer started. */
    public long stored() {
        return stored.get();
    }

    /** Records set aside (dead letters) since this writer started. */
    public long rejected() {
        return rejected.get();
    }

    /**
     * Whether {@code failure} is the database refusing the data itself (SQLSTATE class 22 or 23) rather than
     * being unable to take it now.
     */
    static boolean refusesContent(Throwable failure) {
        return sqlCause(failure).map(SQLException::getSQLState).map(s -> s.startsWith("22") || s.startsWith("23")).orElse(false);
    }

    /** The first SQLException with an SQLSTATE in {@code failure}'s causes (the driver's own report). */
    private static java.util.Optional<SQLException> sqlCause(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return java.util.Optional.of(sql);
            }
        }
        return java.util.Optional.empty();
    }

    /** The database's own words for a refusal: the SQLSTATE and the driver's message, one line. */
    private static String reason(Throwable failure) {
        return sqlCause(failure).map(sql -> "SQLSTATE " + sql.getSQLState() + ": " + oneLine(sql.getMessage()))
                .orElseGet(() -> oneLine(String.valueOf(failure)));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static String noNul(String s) {
        return s == null ? null : s.replace("\u0000", "\\u0000");
    }
}
