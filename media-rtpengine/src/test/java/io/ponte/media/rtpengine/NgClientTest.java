package io.ponte.media.rtpengine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The UDP transport against a peer on loopback that behaves like a lossy or silent rtpengine: the
 * request is retransmitted with the same cookie, the reply is matched by cookie, silence times out.
 * (Talking to the real rtpengine is tested in the integration tests.)
 */
class NgClientTest {

    @Test
    void aLostRequestIsRetransmittedWithTheSameCookie() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             NgClient client = new NgClient((InetSocketAddress) peer.getLocalSocketAddress(), Duration.ofSeconds(3), Duration.ofMillis(100))) {
            List<String> cookies = new ArrayList<>();
            Thread responder = new Thread(() -> {
                try {
                    byte[] buf = new byte[2048];
                    for (int i = 0; i < 2; i++) { // the first one is "lost"
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        peer.receive(p);
                        String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
                        cookies.add(text.substring(0, text.indexOf(' ')));
                        if (i == 1) {
                            byte[] reply = (cookies.get(1) + " d6:result4:ponge").getBytes(StandardCharsets.US_ASCII);
                            peer.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            responder.start();
            Map<String, Object> reply = client.request(Map.of("command", "ping"));
            responder.join(5000);
            assertEquals("pong", reply.get("result"));
            assertEquals(2, cookies.size());
            assertEquals(cookies.get(0), cookies.get(1), "a retransmission keeps its cookie");
        }
    }

    @Test
    void anErrorReplyCarriesTheErrorReason() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             NgClient client = new NgClient((InetSocketAddress) peer.getLocalSocketAddress(), Duration.ofSeconds(3), Duration.ofMillis(500))) {
            Thread responder = new Thread(() -> {
                try {
                    byte[] buf = new byte[2048];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    peer.receive(p);
                    String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
                    byte[] reply = (text.substring(0, text.indexOf(' ')) + " " + Golden.text("error.reply")).getBytes(StandardCharsets.US_ASCII);
                    peer.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            responder.start();
            RtpengineErrorException e = assertThrows(RtpengineErrorException.class,
                    () -> client.request(Map.of("command", "query", "call-id", "nope")));
            assertEquals("Unknown call-id", e.errorReason());
            assertEquals("query", e.command());
        }
    }

    @Test
    void silenceTimesOutAsUnavailable() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             NgClient client = new NgClient((InetSocketAddress) peer.getLocalSocketAddress(), Duration.ofMillis(400), Duration.ofMillis(100))) {
            RtpengineUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(RtpengineUnavailableException.class, () -> client.request(Map.of("command", "ping"))),
                    "a silent rtpengine must not hang the caller");
            assertTrue(e.getMessage().contains("no reply"), e.getMessage());
        }
    }

    @Test
    void aClosedClientFailsFast() throws Exception {
        NgClient client = new NgClient(new InetSocketAddress("127.0.0.1", 9), Duration.ofSeconds(1), Duration.ofMillis(200));
        client.close();
        assertThrows(RtpengineUnavailableException.class, () -> client.request(Map.of("command", "ping")));
    }

    @Test
    void hostPortParsing() {
        assertEquals(new InetSocketAddress("127.0.0.1", 22222), RtpengineClient.address("127.0.0.1:22222"));
        assertThrows(IllegalArgumentException.class, () -> RtpengineClient.address("127.0.0.1"));
    }
}
