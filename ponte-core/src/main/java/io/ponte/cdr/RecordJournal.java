package io.ponte.cdr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The call records' write-ahead journal on local disk: every record is appended here before anything else
 * happens to it, and leaves only once the database holds it. An append is one {@code write} to the file
 * (in the kernel as soon as it returns, so a {@code kill -9} of the server loses nothing); {@link #sync}
 * makes the appended lines durable against a crash of the machine too, in batches.
 *
 * <p>Layout: {@code segment-<n>.jsonl} files, one record a line, a new segment every {@code segmentBytes};
 * and {@code cursor}, holding the segment and byte offset where the first record not yet stored starts.
 * Segments wholly behind the cursor are deleted. At open, appends go to a fresh segment, so a line a dying
 * server left half written stays the last (torn) line of its segment and is read back as such.
 *
 * <p>Appends may come from any thread; {@link #read} and {@link #commit} from one reader at a time. The
 * journal holds at most {@code maxBytes} not yet stored; past that {@link #append} refuses.
 */
public final class RecordJournal implements AutoCloseable {

    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".jsonl";
    private static final int CHUNK = 1 << 20;

    /** Where reading stands: a segment and a byte offset in it. */
    public record Position(long segment, long offset) {
    }

    /** A line read back; {@code complete} is false for a torn line (no end of line: its writer died). */
    public record Entry(String line, boolean complete) {
    }

    /** Lines read, where reading then stands, and the bytes they took. */
    public record Batch(List<Entry> entries, Position end, long bytes) {
        public boolean isEmpty() {
            return entries.isEmpty() && bytes == 0;
        }
    }

    /** The journal holds {@code maxBytes} of records not yet stored: nothing more is taken. */
    public static final class FullException extends IOException {
        private static final long serialVersionUID = 1L;

        FullException(String message) {
            super(message);
        }
    }

    private final Path dir;
    private final long segmentBytes;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Object appendLock = new Object();
    private FileChannel out;
    /** Segments rolled over and not yet fsync'd: {@link #sync} forces and closes them, outside the append lock. */
    private final List<FileChannel> retired = new ArrayList<>();
    private long outSegment;
    private long outSize;
    private boolean dirty;
    private Position cursor;

    private RecordJournal(Path dir, long segmentBytes, long maxBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.maxBytes = maxBytes;
    }

    /**
     * Opens the journal in {@code dir} (created if missing): what it holds from the cursor on is pending,
     * and appends go to a new segment.
     */
    public static RecordJournal open(Path dir, long segmentBytes, long maxBytes) throws IOException {
        if (segmentBytes < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("segment and journal sizes must be positive");
        }
        RecordJournal j = new RecordJournal(dir, segmentBytes, maxBytes);
        Files.createDirectories(dir);
        List<Long> segments = j.segments();
        Position cursor = j.readCursor().orElse(new Position(segments.isEmpty() ? 0 : segments.get(0), 0));
        long held = 0;
        long lines = 0;
        for (long s : segments) {
            Path file = j.segment(s);
            if (s < cursor.segment()) {
                Files.delete(file);
                continue;
            }
            byte[] data = Files.readAllBytes(file);
            int from = s == cursor.segment() ? (int) Math.min(cursor.offset(), data.length) : 0;
            held += data.length - from;
            for (int i = from; i < data.length; i++) {
                if (data[i] == '\n') {
                    lines++;
                }
            }
            if (data.length > from && data[data.length - 1] != '\n') {
                lines++; // a torn last line is read back (and set aside) too
            }
        }
        j.cursor = cursor;
        j.bytes.set(held);
        j.pending.set(lines);
        j.outSegment = Math.max(cursor.segment(), segments.isEmpty() ? 0 : segments.get(segments.size() - 1)) + 1;
        j.out = FileChannel.open(j.segment(j.outSegment), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return j;
    }

    /**
     * Appends one record's line (without its end of line). Returns once the kernel has it.
     *
     * @throws FullException if the journal already holds its maximum of records not yet stored
     */
    public void append(String line) throws IOException {
        byte[] data = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (appendLock) {
            if (out == null) {
                throw new ClosedChannelException();
            }
            if (bytes.get() + data.length > maxBytes) {
                throw new FullException("the call record journal " + dir + " holds " + bytes.get()
                        + " bytes not yet stored (the most it takes is " + maxBytes + ")");
            }
            ByteBuffer buf = ByteBuffer.wrap(data);
            try {
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
            } catch (IOException e) {
                if (buf.position() > 0) {
                    roll(); // what was written stays the torn end of that segment, not the start of the next line
                }
                throw e;
            }
            outSize += data.length;
            dirty = true;
            bytes.addAndGet(data.length);
            pending.incrementAndGet();
            if (outSize >= segmentBytes) {
                roll();
            }
        }
    }

    /** Makes what was appended so far durable (fsync); appends carry on meanwhile. */
    public void sync() throws IOException {
        FileChannel channel = null;
        List<FileChannel> rolled;
        synchronized (appendLock) {
            rolled = List.copyOf(retired);
            retired.clear();
            if (dirty && out != null) {
                dirty = false;
                channel = out;
            }
        }
        for (FileChannel old : rolled) {
            try (old) {
                old.force(false);
            }
        }
        if (channel != null) {
            try {
                channel.force(false);
            } catch (ClosedChannelException e) {
                // closed by close() meanwhile, which forced it
            }
        }
    }

    /** Up to {@code max} lines from the cursor on; the cursor moves only with {@link #commit}. */
    public Batch read(int max) throws IOException {
        long lastSegment;
        long lastSize;
        synchronized (appendLock) {
            lastSegment = outSegment;
            lastSize = outSize;
        }
        List<Entry> entries = new ArrayList<>();
        Position at = cursor;
        long taken = 0;
        while (entries.size() < max) {
            Path file = segment(at.segment());
            long end = at.segment() == lastSegment ? lastSize : Files.exists(file) ? Files.size(file) : 0;
            if (at.offset() >= end) {
                if (at.segment() >= lastSegment) {
                    break;
                }
                at = new Position(at.segment() + 1, 0);
                continue;
            }
            byte[] data = new byte[(int) Math.min(CHUNK, end - at.offset())];
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining() && in.read(buf, at.offset() + buf.position()) >= 0) {
                    // fill
                }
            }
            int start = 0;
            for (int i = 0; i < data.length && entries.size() < max; i++) {
                if (data[i] == '\n') {
                    entries.add(new Entry(new String(data, start, i - start, StandardCharsets.UTF_8), true));
                    start = i + 1;
                }
            }
            boolean wholeRest = at.offset() + data.length == end;
            if (start == 0 && entries.size() < max && (at.segment() < lastSegment || !wholeRest)) {
                // no end of line in what is left of a finished segment (or in a whole chunk): a torn line
                entries.add(new Entry(new String(data, StandardCharsets.UTF_8), false));
                start = data.length;
            }
            if (start == 0) {
                break;
            }
            taken += start;
            at = new Position(at.segment(), at.offset() + start);
        }
        return new Batch(List.copyOf(entries), at, taken);
    }

    /** The lines of {@code batch} are stored: the cursor moves past them (durably) and spent segments go. */
    public void commit(Batch batch) throws IOException {
        Path tmp = dir.resolve("cursor.tmp");
        Files.writeString(tmp, batch.end().segment() + " " + batch.end().offset() + "\n", StandardCharsets.US_ASCII);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, dir.resolve("cursor"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        cursor = batch.end();
        bytes.addAndGet(-batch.bytes());
        pending.addAndGet(-batch.entries().size());
        for (long s : segments()) {
            if (s < cursor.segment()) {
                Files.deleteIfExists(segment(s));
            }
        }
    }

    /** Records appended and not yet committed. */
    public long pending() {
        return pending.get();
    }

    /** Bytes those records take. */
    public long bytes() {
        return bytes.get();
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        sync();
        synchronized (appendLock) {
            if (out != null) {
                out.force(false);
                out.close();
                out = null;
            }
        }
    }

    /** A new segment for appends; the old one is forced and closed by the next {@link #sync}, not here under the lock. */
    private void roll() throws IOException {
        try {
            retired.add(out);
        } finally {
            outSegment++;
            outSize = 0;
            dirty = false;
            out = FileChannel.open(segment(outSegment), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
    }

    private Path segment(long n) {
        return dir.resolve(String.format("%s%020d%s", PREFIX, n, SUFFIX));
    }

    private List<Long> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(PREFIX) && n.endsWith(SUFFIX))
                    .map(n -> n.substring(PREFIX.length(), n.length() - SUFFIX.length()))
                    .filter(n -> n.chars().allMatch(Character::isDigit) && !n.isEmpty())
                    .map(Long::parseLong).sorted().toList();
        }
    }

    private java.util.Optional<Position> readCursor() throws IOException {
        Path file = dir.resolve("cursor");
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        String[] parts = text.split(" ");
        try {
            if (parts.length == 2) {
                return java.util.Optional.of(new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("the call record journal's cursor " + file + " is unreadable: '" + text + "'");
    }
}
