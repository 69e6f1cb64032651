package io.ponte.it.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A minimal SIP user agent over UDP for what SIPp cannot do (SHA-256 digest, replays, hand-made
 * malformed requests). It sends one request at a time, retransmits like RFC 3261 timer A, and returns
 * the final response.
 */
public final class SipClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server = new InetSocketAddress("127.0.0.1", PonteServer.SIP_PORT);

    /** A parsed SIP response. Header names are lower-case. */
    public record Response(int status, String reason, Map<String, List<String>> headers, String raw) {
        public List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        public String first(String name) {
            List<String> v = all(name);
            return v.isEmpty() ? null : v.get(0);
        }
    }

    public SipClient() throws IOException {
        this("127.0.0.1");
    }

    /** A client sending from {@code localAddress} (any 127.x.y.z: another source on the loopback). */
    public SipClient(String localAddress) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.setSoTimeout(500);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String address() {
        return socket.getLocalAddress().getHostAddress();
    }

    public static String newCallId() {
        return UUID.randomUUID() + "@127.0.0.1";
    }

    /** A REGISTER for {@code ext}; {@code extraHeaders} are complete header lines (Contact, Expires, Authorization...). */
    public String register(String ext, String domain, String callId, int cseq, List<String> extraHeaders) {
        return request("REGISTER", "sip:" + domain, ext, ext, domain, callId, cseq, extraHeaders);
    }

    /** An INVITE from {@code from} to {@code to}, without a body; {@code extraHeaders} are complete header lines. */
    public String invite(String from, String to, String domain, String callId, List<String> extraHeaders) {
        List<String> headers = new ArrayList<>();
        headers.add("Contact: <sip:" + from + "@127.0.0.1:" + port() + ">");
        headers.addAll(extraHeaders);
        return request("INVITE", "sip:" + to + "@" + domain, from, to, domain, callId, 1, headers);
    }

    private String request(String method, String uri, String from, String to, String domain, String callId, int cseq,
                           List<String> extraHeaders) {
        StringBuilder b = new StringBuilder();
        b.append(method).append(' ').append(uri).append(" SIP/2.0\r\n");
        b.append("Via: SIP/2.0/UDP ").append(address()).append(':').append(port()).append(";branch=z9hG4bK").append(UUID.randomUUID().toString().replace("-", "")).append("\r\n");
        b.append("From: <sip:").append(from).append('@').append(domain).append(">;tag=").append(Integer.toHexString(callId.hashCode())).append("\r\n");
        b.append("To: <sip:").append(to).append('@').append(domain).append(">\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        b.append("Max-Forwards: 70\r\n");
        b.append("User-Agent: ponte-it\r\n");
        for (String h : extraHeaders) {
            b.append(h).append("\r\n");
        }
        b.append("Content-Length: 0\r\n\r\n");
        return b.toString();
    }

    /**
     * Sends {@code request} and returns the first final response to it (same Call-ID and CSeq: a late
     * answer to an earlier request, such as the 200 repeated for a retransmission, is skipped),
     * retransmitting until it comes.
     */
    public Response send(String request) throws IOException {
        String callId = headerOf(request, "Call-ID");
        String cseq = headerOf(request, "CSeq");
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 8_000_000_000L;
        int interval = 500;
        long nextSend = 0;
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextSend) {
                socket.send(new DatagramPacket(bytes, bytes.length, server));
                nextSend = System.nanoTime() + interval * 1_000_000L;
                interval = Math.min(interval * 2, 4000);
            }
            try {
                Response r = receive();
                if (!java.util.Objects.equals(callId, r.first("Call-ID")) || !java.util.Objects.equals(cseq, r.first("CSeq"))) {
                    continue; // an answer to something sent before
                }
                if (r.status() >= 200) {
                    return r;
                }
                nextSend = Long.MAX_VALUE; // a provisional answer stops retransmission
            } catch (SocketTimeoutException e) {
                // keep waiting, retransmit when due
            }
        }
        throw new IOException("no final response within 8 s to:\n" + request);
    }

    private static String headerOf(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Sends raw bytes and does not wait for anything. */
    public void sendRaw(String datagram) throws IOException {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** Waits up to {@code millis} for a response to something sent with {@link #sendRaw}. */
    public Response await(int millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                return receive();
            } catch (SocketTimeoutException e) {
                // until the deadline
            }
        }
        return null;
    }

    private Response receive() throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        String raw = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        String[] lines = raw.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", headers, raw);
    }

    @Override
    public void close() {
        socket.close();
    }
}
