package io.ponte.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No record can hold up the others: refused ones become dead letters, an outage keeps everything for later. */
class RecordWriterTest {

    private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path dir;

    /** A database as the writer sees it: it refuses records whose caller is "refuse", and can be down. */
    static final class FakeDatabase implements RecordWriter.Sink {
        final Map<UUID, CallDetail> rows = new LinkedHashMap<>();
        final List<RecordWriter.Rejected> deadLetters = new ArrayList<>();
        boolean down;
        boolean refusesDeadLetters;
        int transactions;

        @Override
        public void insert(List<CallDetail> records) {
            transactions++;
            if (down) {
                throw new IllegalStateException("connection refused", new SQLException("Connection refused", "08001"));
            }
            for (CallDetail r : records) {
                if (r.caller().equals("refuse")) {
                    throw new RuntimeException("could not execute statement",
                            new SQLException("ERROR: new row violates check constraint", "23514"));
                }
            }
            records.forEach(r -> rows.putIfAbsent(r.recordId(), r));
        }

        @Override
        public void reject(RecordWriter.Rejected r) {
            if (down) {
                throw new IllegalStateException(new SQLException("Connection refused", "08001"));
            }
            if (refusesDeadLetters) {
                throw new IllegalStateException(new SQLException("value too long", "22001"));
            }
            deadLetters.add(r);
        }
    }

    private static CallDetail call(String caller, String callee) {
        return new CallDetail(UUID.randomUUID(), "cid-" + callee, caller, callee, START, START.plusSeconds(1),
                START.plusSeconds(5), 200, "CALLER", null, null);
    }

    private RecordJournal journal() throws IOException {
        return RecordJournal.open(dir.resolve("journal"), 1 << 20, 1 << 24);
    }

    @Test
    void aRecordTheDatabaseRefusesIsSetAsideAndTheOnesAroundItAreStored() throws IOException {
        FakeDatabase db = new FakeDatabase();
        try (RecordJournal j = journal()) {
            RecordWriter w = new RecordWriter(j, db, 500, dir.resolve("rejected.jsonl"));
            CallDetail before = call("861", "100");
            CallDetail bad = call("refuse", "101");
            CallDetail after = call("861", "102");
            for (CallDetail d : List.of(before, bad, after)) {
                j.append(RecordLine.format(d));
            }
            w.flush();
            assertEquals(List.of(before.recordId(), after.recordId()), List.copyOf(db.rows.keySet()));
            assertEquals(1, db.deadLetters.size());
            RecordWriter.Rejected dead = db.deadLetters.get(0);
            assertEquals(bad.recordId(), dead.recordId());
            assertEquals("cid-101", dead.callId());
            assertEquals(bad, RecordLine.parse(dead.record()), "the dead letter holds the whole record");
            assertTrue(dead.reason().startsWith("SQLSTATE 23514: "), dead.reason());
            assertEquals(0, j.pending(), "nothing is left to block the queue");
            assertEquals(2, w.stored());
            assertEquals(1, w.rejected());

            CallDetail next = call("861", "103");
            j.append(RecordLine.format(next));
            w.flush();
            assertTrue(db.rows.containsKey(next.recordId()), "the next call's record is stored too");
        }
    }

    @Test
    void duringAnOutageEverythingStaysInTheJournalAndIsStoredOnceWhenTheDatabaseIsBack() throws IOException {
        FakeDatabase db = new FakeDatabase();
        List<CallDetail> calls = List.of(call("861", "200"), call("861", "201"), call("862", "202"));
        try (RecordJournal j = journal()) {
            RecordWriter w = new RecordWriter(j, db, 2, dir.resolve("rejected.jsonl"));
            db.down = true;
            for (CallDetail d : calls) {
                j.append(RecordLine.format(d));
            }
            assertThrows(IllegalStateException.class, w::flush);
            assertThrows(IllegalStateException.class, w::flush);
            assertEquals(3, j.pending());
            assertTrue(db.deadLetters.isEmpty(), "an outage is no reason to set a record aside");
        }
        // the server died here; at the next start the journal still holds the three
        try (RecordJournal j = journal()) {
            assertEquals(3, j.pending());
            db.down = false;
            new RecordWriter(j, db, 2, dir.resolve("rejected.jsonl")).flush();
            assertEquals(calls.stream().map(CallDetail::recordId).toList(), List.copyOf(db.rows.keySet()));
            assertEquals(0, j.pending());
        }
    }

    @Test
    void aBatchStoredButNotCommittedBeforeACrashIsStoredOnce() throws IOException {
        FakeDatabase db = new FakeDatabase();
        CallDetail d = call("861", "300");
        try (RecordJournal j = journal()) {
            j.append(RecordLine.format(d));
            db.insert(List.of(RecordLine.parse(j.read(10).entries().get(0).line()))); // stored, then the server died
        }
        try (RecordJournal j = journal()) {
            new RecordWriter(j, db, 10, dir.resolve("rejected.jsonl")).flush();
            assertEquals(1, db.rows.size());
            assertEquals(0, j.pending());
        }
    }

    @Test
    void tornAndUnreadableLinesBecomeDeadLettersWithTheirText() throws IOException {
        FakeDatabase db = new FakeDatabase();
        try (RecordJournal j = journal()) {
            j.append("{\"callId\":\"x\"}"); // no caller, no times
            j.append("not json at all");
            CallDetail good = call("861", "400");
            j.append(RecordLine.format(good));
            new RecordWriter(j, db, 10, dir.resolve("rejected.jsonl")).flush();
            assertEquals(List.of(good.recordId()), List.copyOf(db.rows.keySet()));
            assertEquals(List.of("{\"callId\":\"x\"}", "not json at all"),
                    db.deadLetters.stream().map(RecordWriter.Rejected::record).toList());
            assertTrue(db.deadLetters.get(1).reason().startsWith("unreadable journal line"), db.deadLetters.get(1).reason());
        }
    }

    @Test
    void aDeadLetterTheDatabaseRefusesTooGoesToTheRejectedFile() throws IOException {
        FakeDatabase db = new FakeDatabase();
        db.refusesDeadLetters = true;
        Path file = dir.resolve("rejected.jsonl");
        try (RecordJournal j = journal()) {
            j.append(RecordLine.format(call("refuse", "500")));
            new RecordWriter(j, db, 10, file).flush();
            assertEquals(0, j.pending());
        }
        String kept = Files.readString(file);
        assertTrue(kept.contains("cid-500") && kept.contains("SQLSTATE 23514") && kept.contains("SQLSTATE 22001"), kept);
    }

    @Test
    void onlyDataAndConstraintErrorsCountAsRefusals() {
        assertTrue(RecordWriter.refusesContent(new RuntimeException(new SQLException("too long", "22001"))));
        assertTrue(RecordWriter.refusesContent(new SQLException("null", "23502")));
        assertTrue(!RecordWriter.refusesContent(new RuntimeException(new SQLException("gone", "08006"))));
        assertTrue(!RecordWriter.refusesContent(new SQLException("shutting down", "57P01")));
        assertTrue(!RecordWriter.refusesContent(new IllegalStateException("no SQL state at all")));
    }
}
