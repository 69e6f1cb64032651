package io.ponte.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal keeps every line until it is committed, across reopening, segment rolls and a torn last line. */
class RecordJournalTest {

    @TempDir
    Path dir;

    private static List<String> lines(RecordJournal.Batch b) {
        return b.entries().stream().map(RecordJournal.Entry::line).toList();
    }

    @Test
    void linesComeBackInOrderAndGoOnlyWhenCommitted() throws IOException {
        try (RecordJournal j = RecordJournal.open(dir, 1 << 20, 1 << 20)) {
            j.append("one");
            j.append("two");
            j.append("three");
            assertEquals(3, j.pending());
            RecordJournal.Batch first = j.read(2);
            assertEquals(List.of("one", "two"), lines(first));
            assertEquals(List.of("one", "two"), lines(j.read(2)), "not committed: read again from the same place");
            j.commit(first);
            assertEquals(1, j.pending());
            RecordJournal.Batch rest = j.read(10);
            assertEquals(List.of("three"), lines(rest));
            j.commit(rest);
            assertEquals(0, j.pending());
            assertEquals(0, j.bytes());
            assertTrue(j.read(10).isEmpty());
        }
    }

    @Test
    void whatWasNotCommittedIsPendingAfterReopeningAndNewLinesFollowIt() throws IOException {
        try (RecordJournal j = RecordJournal.open(dir, 1 << 20, 1 << 20)) {
            for (int i = 0; i < 5; i++) {
                j.append("r" + i);
            }
            j.commit(j.read(2));
        } // no sync, no orderly stop needed: the lines are in the files
        try (RecordJournal j = RecordJournal.open(dir, 1 << 20, 1 << 20)) {
            assertEquals(3, j.pending());
            j.append("r5");
            assertEquals(List.of("r2", "r3", "r4", "r5"), lines(j.read(10)));
        }
    }

    @Test
    void segmentsRollAndThoseBehindTheCursorAreDeleted() throws IOException {
        try (RecordJournal j = RecordJournal.open(dir, 64, 1 << 20)) {
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String line = "record-number-" + i;
                written.add(line);
                j.append(line);
            }
            assertTrue(segmentFiles() > 5, "several segments: " + segmentFiles());
            List<String> read = new ArrayList<>();
            for (RecordJournal.Batch b = j.read(7); !b.isEmpty(); b = j.read(7)) {
                read.addAll(lines(b));
                j.commit(b);
            }
            assertEquals(written, read);
            assertEquals(1, segmentFiles(), "only the segment being written is left");
        }
    }

    @Test
    void aTornLastLineIsReadBackAsSuchAndTheLinesAfterTheRestartFollowIt() throws IOException {
        try (RecordJournal j = RecordJournal.open(dir, 1 << 20, 1 << 20)) {
            j.append("whole");
        }
        try (Stream<Path> files = Files.list(dir)) {
            Path segment = files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().reduce((a, b) -> b).orElseThrow();
            Files.writeString(segment, "{\"callId\":\"half", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        try (RecordJournal j = RecordJournal.open(dir, 1 << 20, 1 << 20)) {
            assertEquals(2, j.pending());
            j.append("after");
            RecordJournal.Batch b = j.read(10);
            assertEquals(List.of("whole", "{\"callId\":\"half", "after"), lines(b));
            assertEquals(List.of(true, false, true), b.entries().stream().map(RecordJournal.Entry::complete).toList());
            j.commit(b);
            assertEquals(0, j.pending());
        }
    }

    @Test
    void aFullJournalRefusesUntilRecordsAreCommitted() throws IOException {
        try (RecordJournal j = RecordJournal.open(dir, 1 << 20, 20)) {
            j.append("123456789"); // 10 bytes with its end of line
            j.append("abcdefghi");
            assertThrows(RecordJournal.FullException.class, () -> j.append("x"));
            j.commit(j.read(1));
            j.append("x");
            assertEquals(2, j.pending());
        }
    }

    @Test
    void aCommittedCursorSurvivesAndAnUnreadableOneIsNotGuessedAt() throws IOException {
        try (RecordJournal j = RecordJournal.open(dir, 1 << 20, 1 << 20)) {
            j.append("a");
            j.commit(j.read(1));
        }
        try (RecordJournal j = RecordJournal.open(dir, 1 << 20, 1 << 20)) {
            assertEquals(0, j.pending());
            assertFalse(j.read(1).entries().size() > 0);
        }
        Files.writeString(dir.resolve("cursor"), "garbage");
        assertThrows(IOException.class, () -> RecordJournal.open(dir, 1 << 20, 1 << 20));
    }

    private long segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-")).count();
        }
    }
}
