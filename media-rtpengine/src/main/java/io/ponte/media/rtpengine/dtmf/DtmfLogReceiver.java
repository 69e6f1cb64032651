package io.ponte.media.rtpengine.dtmf;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives rtpengine's DTMF log ({@code --dtmf-log-dest=HOST:PORT} pointing here): one
 * {@link DtmfLogEvent} per datagram, from the rtpengine addresses given only, handed to a consumer on
 * this receiver's own thread. Datagrams from elsewhere and malformed ones are dropped (logged at FINE).
 */
public final class DtmfLogReceiver implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DtmfLogReceiver.class.getName());

    private final DatagramSocket socket;
    private final Thread thread;

    private DtmfLogReceiver(DatagramSocket socket, Set<InetAddress> sources, Consumer<DtmfLogEvent> consumer) {
        this.socket = socket;
        this.thread = new Thread(() -> receive(sources, consumer), "rtpengine-dtmf-log");
        this.thread.setDaemon(true);
    }

    /** Listens on {@code bind} for datagrams from {@code sources} (rtpengine's addresses). */
    public static DtmfLogReceiver start(InetSocketAddress bind, Set<InetAddress> sources, Consumer<DtmfLogEvent> consumer)
            throws SocketException {
        DtmfLogReceiver r = new DtmfLogReceiver(new DatagramSocket(bind), Set.copyOf(sources), consumer);
        r.thread.start();
        return r;
    }

    /** The address it listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void receive(Set<InetAddress> sources, Consumer<DtmfLogEvent> consumer) {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.WARNING, "rtpengine DTMF log: receive failed", e);
                }
                continue;
            }
            if (!sources.contains(packet.getAddress())) {
                LOG.fine(() -> "rtpengine DTMF log: datagram from " + packet.getAddress() + " dropped (not rtpengine)");
                continue;
            }
            String text = new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
            try {
                consumer.accept(DtmfLogEvent.parse(text));
            } catch (IllegalArgumentException e) {
                LOG.fine(() -> "rtpengine DTMF log: not an event: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "rtpengine DTMF log: handling " + text + " failed", e);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
