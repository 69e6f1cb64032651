package io.ponte.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code GET /api/events} over a plain socket whose reader can stop reading: with a small receive buffer
 * the server's writes to it soon block, as they do for a client on a stalled network or a frozen tab.
 */
public final class SseSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final String head;

    private SseSocket(Socket socket, InputStream in, String head) {
        this.socket = socket;
        this.in = in;
        this.head = head;
    }

    /** Connects as the administrator, reads the response head (status line and headers) and stops there. */
    public static SseSocket open() throws IOException {
        URI base = URI.create(PonteServer.HTTP);
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAccept: text/event-stream\r\n"
                + "Authorization: " + AdminApi.basic(PonteServer.ADMIN_USER, PonteServer.ADMIN_PASSWORD) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return new SseSocket(s, in, head.toString(StandardCharsets.ISO_8859_1));
    }

    /** The HTTP status of the answer. */
    public int status() {
        return head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
    }

    /** The status line and headers. */
    public String head() {
        return head;
    }

    /**
     * Reads on until {@code marker} has come or {@code timeout} has passed; the last few kilobytes read (the
     * raw body, chunked as it came), which end with the marker and the rest of its line when it came.
     */
    public String readUntil(String marker, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[65536];
        socket.setSoTimeout(500);
        String tail = "";
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return tail;
                }
                String seen = tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                int at = seen.indexOf(marker);
                if (at >= 0) {
                    int lineEnd = seen.indexOf('\n', at + marker.length());
                    return seen.substring(Math.max(0, at - 4096), lineEnd < 0 ? seen.length() : lineEnd);
                }
                tail = seen.substring(Math.max(0, seen.length() - 4096));
            } catch (SocketTimeoutException e) {
                // keep reading until the deadline
            }
        }
        return tail;
    }

    /**
     * Reads the rest of the stream on a thread of its own as fast as it comes, undoing the chunked transfer
     * coding (RFC 9112 section 7.1), and keeps each event's id with the moment it arrived: a client that
     * reads at full speed, unlike the JDK's line-by-line body handler.
     */
    public java.util.Map<Long, java.time.Instant> readEvents() {
        java.util.Map<Long, java.time.Instant> arrived = new java.util.concurrent.ConcurrentHashMap<>();
        Thread reader = new Thread(() -> {
            try {
                socket.setSoTimeout(0);
                java.io.BufferedInputStream chunked = new java.io.BufferedInputStream(in, 1 << 16);
                StringBuilder line = new StringBuilder();
                while (true) {
                    String size = readLine(chunked);
                    if (size == null || size.isEmpty() && (size = readLine(chunked)) == null) {
                        return;
                    }
                    int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (n == 0) {
                        return;
                    }
                    byte[] data = chunked.readNBytes(n);
                    for (byte b : data) {
                        if (b == '\n') {
                            if (line.length() > 4 && line.charAt(0) == 'i' && line.charAt(1) == 'd' && line.charAt(2) == ':') {
                                arrived.put(Long.parseLong(line.substring(3).trim()), java.time.Instant.now());
                            }
                            line.setLength(0);
                        } else if (line.length() < 64) {
                            line.append((char) b);
                        }
                    }
                    readLine(chunked); // the CRLF after the chunk's data
                }
            } catch (IOException | RuntimeException e) {
                // the stream ended
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return arrived;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) >= 0;) {
            if (c == '\n') {
                return b.toString().strip();
            }
            b.append((char) c);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
