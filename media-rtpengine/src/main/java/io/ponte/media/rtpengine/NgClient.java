package io.ponte.media.rtpengine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ponte.media.rtpengine.bencode.Bencode;
import io.ponte.media.rtpengine.bencode.BencodeException;

/**
 * The ng control protocol over UDP (rtpengine docs/ng_control_protocol.md): each request is
 * {@code <cookie> <bencoded dictionary>}, and the reply carries the same cookie. A request is
 * retransmitted with the <em>same</em> cookie until a reply arrives or the timeout passes, so rtpengine
 * can recognise a retransmission and answer it from its cookie cache instead of acting twice.
 *
 * <p>Thread-safe; one socket and one receiver thread per client.
 */
public final class NgClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NgClient.class.getName());
    private static final int MAX_DATAGRAM = 65535;

    private final InetSocketAddress server;
    private final Duration timeout;
    private final Duration retransmitInterval;
    private final DatagramChannel channel;
    private final String cookiePrefix;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final Thread receiver;
    private volatile boolean closed;

    /**
     * @param server             rtpengine's {@code listen-ng} address
     * @param timeout            how long to wait for a reply in all
     * @param retransmitInterval how often to resend while waiting
     */
    public NgClient(InetSocketAddress server, Duration timeout, Duration retransmitInterval) throws IOException {
        this.server = server;
        this.timeout = timeout;
        this.retransmitInterval = retransmitInterval;
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0));
        byte[] prefix = new byte[4];
        new SecureRandom().nextBytes(prefix);
        this.cookiePrefix = HexFormat.of().formatHex(prefix) + "_";
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rtpengine-ng-timer"));
        this.receiver = daemon(this::receiveLoop, "rtpengine-ng-receiver " + server);
        receiver.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public InetSocketAddress server() {
        return server;
    }

    /**
     * Sends {@code request} and waits for the reply dictionary.
     *
     * @throws RtpengineErrorException       if rtpengine answered {@code result: error}
     * @throws RtpengineUnavailableException if no reply came within the timeout, or the client is closed
     */
    public Map<String, Object> request(Map<String, Object> request)
            throws RtpengineErrorException, RtpengineUnavailableException {
        String command = String.valueOf(request.get("command"));
        try {
            return send(request).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RtpengineUnavailableException("no reply from rtpengine at " + server + " to " + command
                    + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RtpengineErrorException err) {
                throw new RtpengineErrorException(command, err.errorReason());
            }
            if (cause instanceof RtpengineUnavailableException un) {
                throw un;
            }
            throw new RtpengineUnavailableException("rtpengine " + command + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RtpengineUnavailableException("interrupted waiting for rtpengine " + command, e);
        }
    }

    /** Sends {@code request}; the future completes with the reply, or exceptionally as {@link #request} throws. */
    public CompletableFuture<Map<String, Object>> send(Map<String, Object> request) {
        CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
        if (closed) {
            reply.completeExceptionally(new RtpengineUnavailableException("client closed"));
            return reply;
        }
        String cookie = cookiePrefix + sequence.incrementAndGet();
        byte[] body = Bencode.encode(request);
        ByteBuffer datagram = ByteBuffer.allocate(cookie.length() + 1 + body.length);
        datagram.put(cookie.getBytes(StandardCharsets.US_ASCII)).put((byte) ' ').put(body).flip();
        pending.put(cookie, reply);
        String command = String.valueOf(request.get("command"));
        ScheduledFuture<?> resend = timers.scheduleAtFixedRate(() -> transmit(cookie, datagram, reply),
                0, retransmitInterval.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> expiry = timers.schedule(() -> reply.completeExceptionally(new RtpengineUnavailableException(
                "no reply from rtpengine at " + server + " to " + command + " within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        reply.whenComplete((r, e) -> {
            resend.cancel(false);
            expiry.cancel(false);
            pending.remove(cookie);
        });
        return reply;
    }

    private void transmit(String cookie, ByteBuffer datagram, CompletableFuture<?> reply) {
        if (reply.isDone()) {
            return;
        }
        try {
            channel.send(datagram.duplicate(), server);
        } catch (IOException e) {
            LOG.log(Level.FINE, "sending " + cookie + " to " + server + " failed", e);
        }
    }

    private void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        while (!closed) {
            buf.clear();
            SocketAddress from;
            try {
                from = channel.receive(buf);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.FINE, "receive from rtpengine failed", e);
                continue;
            }
            if (from == null || !from.equals(server)) {
                continue; // only the configured rtpengine may answer
            }
            buf.flip();
            deliver(buf.array(), buf.limit());
        }
    }

    /** Parses one reply datagram and completes the request it answers. */
    void deliver(byte[] data, int length) {
        int space = -1;
        for (int i = 0; i < length; i++) {
            if (data[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space <= 0) {
            LOG.fine("dropping a reply without a cookie");
            return;
        }
        String cookie = new String(data, 0, space, StandardCharsets.US_ASCII);
        CompletableFuture<Map<String, Object>> reply = pending.get(cookie);
        if (reply == null) {
            return; // a duplicate reply to a retransmission, or a reply after the timeout
        }
        Map<String, Object> dict;
        try {
            dict = Bencode.decodeDictionary(data, space + 1, length - space - 1);
        } catch (BencodeException e) {
            reply.completeExceptionally(new RtpengineUnavailableException("unreadable reply from rtpengine: " + e.getMessage(), e));
            return;
        }
        Object result = dict.get("result");
        if ("error".equals(result)) {
            reply.completeExceptionally(new RtpengineErrorException("the request with cookie " + cookie,
                    String.valueOf(dict.getOrDefault("error-reason", "(no error-reason given)"))));
        } else {
            reply.complete(dict);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the ng socket", e);
        }
        timers.shutdownNow();
        pending.values().forEach(f -> f.completeExceptionally(new RtpengineUnavailableException("client closed")));
        receiver.interrupt();
    }
}
