package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ponte.it.support.Rtpengine;
import io.ponte.media.rtpengine.CallStats;
import io.ponte.media.rtpengine.MediaOptions;
import io.ponte.media.rtpengine.RtpengineClient;
import io.ponte.media.rtpengine.RtpengineClient.SdpReply;
import io.ponte.media.rtpengine.RtpengineErrorException;
import io.ponte.media.rtpengine.RtpengineUnavailableException;

/**
 * Ponte's ng client against the real rtpengine: an offer/answer anchors a call, RTP sent by one "phone"
 * reaches the other through rtpengine, query counts it, delete ends it.
 */
class RtpengineClientIT {

    private static Rtpengine rtpengine;
    private static RtpengineClient client;

    @BeforeAll
    static void start() throws IOException {
        rtpengine = Rtpengine.start(22222, 30000, 30999);
        client = RtpengineClient.connect(rtpengine.address(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (rtpengine != null) {
            rtpengine.close();
        }
    }

    private static String sdp(String sessionId, int port) {
        return "v=0\r\no=- " + sessionId + " 1 IN IP4 127.0.0.1\r\ns=phone\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n";
    }

    private static int audioPort(String sdp) {
        Matcher m = Pattern.compile("(?m)^m=audio (\\d+) ").matcher(sdp);
        assertTrue(m.find(), sdp);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void pingIsAnswered() throws Exception {
        client.ping();
    }

    @Test
    void aCallIsAnchoredAndItsRtpRelayedCountedAndDeleted() throws Exception {
        String callId = "it-" + System.nanoTime() + "@127.0.0.1";
        try (DatagramSocket caller = new DatagramSocket(new InetSocketAddress("127.0.0.1", 40000));
             DatagramSocket callee = new DatagramSocket(new InetSocketAddress("127.0.0.1", 42000))) {
            SdpReply toCallee = client.offer(callId, "caller-tag", sdp("1001", 40000), MediaOptions.anchoredRtp());
            int calleeSendsTo = audioPort(toCallee.sdp());
            assertNotEquals(40000, calleeSendsTo, "the callee is given rtpengine's port, not the caller's");
            assertTrue(toCallee.sdp().contains("c=IN IP4 127.0.0.1"), toCallee.sdp());
            assertTrue(toCallee.sdp().contains("RTP/AVP 0 8 101"), "codecs kept: " + toCallee.sdp());

            SdpReply toCaller = client.answer(callId, "caller-tag", "callee-tag", sdp("2002", 42000), MediaOptions.anchoredRtp());
            int callerSendsTo = audioPort(toCaller.sdp());
            assertNotEquals(42000, callerSendsTo);
            assertNotEquals(calleeSendsTo, callerSendsTo);

            // 50 packets (1 s of G.711) from the caller arrive at the callee through rtpengine
            int received = relay(caller, callerSendsTo, callee, 50);
            assertTrue(received >= 45, "RTP relayed through rtpengine: " + received + " of 50");

            CallStats live = client.query(callId);
            assertTrue(live.tags().containsKey("caller-tag") && live.tags().containsKey("callee-tag"), live.toString());
            assertTrue(live.rtpTotal().packets() >= received, "rtpengine counted the packets: " + live.rtpTotal());
            assertTrue(client.list(1000).contains(callId));

            CallStats last = client.delete(callId, "caller-tag");
            assertTrue(last.rtpTotal().packets() >= received, "final statistics come with the delete: " + last.rtpTotal());
            assertFalse(client.list(1000).contains(callId), "nothing left behind");
            RtpengineErrorException gone = assertThrows(RtpengineErrorException.class, () -> client.query(callId));
            assertTrue(gone.errorReason().toLowerCase().contains("unknown call"), gone.errorReason());
        }
    }

    /** An audio offer as Chromium makes it (captured through the connectycube SDK), candidates trickled later. */
    private static final String BROWSER_OFFER = String.join("\r\n",
            "v=0", "o=- 5292274420703833924 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "a=msid-semantic: WMS 49bf0003-bc2d-4ac8-ba06-f509172df132",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:RWyz", "a=ice-pwd:fcMj1dFRy4PNsZIougudSijn", "a=ice-options:trickle",
            "a=fingerprint:sha-256 68:92:E7:DA:B0:1E:69:03:62:A4:F2:D0:D1:2A:1E:A9:F1:53:CA:6B:51:74:87:4C:E2:4B:69:13:9B:2F:9C:41",
            "a=setup:actpass", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:126 telephone-event/8000", "");

    @Test
    void aPhonesOfferReachesABrowserAsIceAndDtlsSrtpWithOpusAdded() throws Exception {
        String callId = "it-webrtc-" + System.nanoTime() + "@127.0.0.1";
        String toBrowser = client.offer(callId, "phone-tag", sdp("1003", 40100), MediaOptions.webrtc()).sdp();
        try {
            assertTrue(toBrowser.contains(" UDP/TLS/RTP/SAVPF "), toBrowser);
            assertTrue(toBrowser.contains("a=fingerprint:sha-256 "), "DTLS-SRTP: " + toBrowser);
            assertTrue(toBrowser.contains("a=setup:actpass"), toBrowser);
            assertTrue(toBrowser.contains("a=ice-ufrag:") && toBrowser.contains("a=candidate:"), "ICE: " + toBrowser);
            assertTrue(toBrowser.contains("a=rtcp-mux"), toBrowser);
            assertFalse(toBrowser.contains("a=crypto:"), "no SDES keys next to DTLS: " + toBrowser);
            assertTrue(toBrowser.contains("opus/48000/2"), "Opus offered for transcoding: " + toBrowser);
            assertTrue(toBrowser.contains("UDP/TLS/RTP/SAVPF 96 0 8"), "Opus first, then G.711: " + toBrowser);
            assertTrue(toBrowser.contains("PCMU/8000"), "the phone's own codec kept: " + toBrowser);
        } finally {
            client.delete(callId, "phone-tag");
        }
    }

    @Test
    void aBrowsersOfferReachesAPhoneAsPlainRtpWithG711() throws Exception {
        String callId = "it-webrtc-" + System.nanoTime() + "@127.0.0.1";
        String toPhone = client.offer(callId, "browser-tag", BROWSER_OFFER, MediaOptions.rtpFromWebrtc()).sdp();
        try {
            assertTrue(toPhone.contains(" RTP/AVP "), toPhone);
            assertFalse(toPhone.contains("a=fingerprint") || toPhone.contains("a=ice-") || toPhone.contains("a=candidate"),
                    "nothing a desk phone cannot read: " + toPhone);
            assertTrue(toPhone.contains("c=IN IP4 127.0.0.1"), toPhone);
            assertTrue(toPhone.contains("PCMU/8000") && toPhone.contains("PCMA/8000"), toPhone);
            assertNotEquals(9, audioPort(toPhone), "rtpengine's port: " + toPhone);
            String toBrowser = client.answer(callId, "browser-tag", "phone-tag", sdp("1004", 40200), MediaOptions.webrtc()).sdp();
            assertTrue(toBrowser.contains(" UDP/TLS/RTP/SAVPF ") && toBrowser.contains("a=fingerprint:"), toBrowser);
            assertTrue(toBrowser.contains("a=setup:"), toBrowser);
            assertTrue(toBrowser.contains("a=candidate:"), toBrowser);
        } finally {
            client.delete(callId, "browser-tag");
        }
    }

    /** A browser's answer before its candidates are known: zero address, port 9, only Opus. */
    private static final String BROWSER_ANSWER = String.join("\r\n",
            "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:Xw3k", "a=ice-pwd:2hNvqIx0cYtdkNzTnXHq0s9R", "a=ice-options:trickle",
            "a=fingerprint:sha-256 68:92:E7:DA:B0:1E:69:03:62:A4:F2:D0:D1:2A:1E:A9:F1:53:CA:6B:51:74:87:4C:E2:4B:69:13:9B:2F:9C:41",
            "a=setup:active", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "");

    @Test
    void aBrowsersAnswerReachesThePhoneAsSendrecvG711AtRtpenginesAddress() throws Exception {
        String callId = "it-webrtc-" + System.nanoTime() + "@127.0.0.1";
        client.offer(callId, "phone-tag", sdp("1005", 40300), MediaOptions.webrtc());
        try {
            String toPhone = client.answer(callId, "phone-tag", "browser-tag", BROWSER_ANSWER, MediaOptions.rtpFromWebrtc()).sdp();
            assertTrue(toPhone.contains(" RTP/AVP 0"), "PCMU, transcoded from the browser's Opus: " + toPhone);
            assertFalse(toPhone.contains("0.0.0.0"), "no hold address: " + toPhone);
            assertFalse(toPhone.contains("a=sendonly") || toPhone.contains("a=inactive"), "not a hold: " + toPhone);
            assertFalse(toPhone.contains("a=fingerprint") || toPhone.contains("a=ice-"), toPhone);
            client.trickle(callId, "browser-tag",
                    "a=ice-ufrag:Xw3k\r\na=mid:0\r\na=candidate:842163049 1 udp 2122260223 127.0.0.1 50000 typ host generation 0\r\n");
        } finally {
            client.delete(callId, "phone-tag");
        }
    }

    @Test
    void anAnswerForAnUnknownCallIsRefusedWithItsReason() {
        RtpengineErrorException e = assertThrows(RtpengineErrorException.class,
                () -> client.answer("no-such-call@127.0.0.1", "a", "b", sdp("3", 44000), MediaOptions.anchoredRtp()));
        assertEquals("answer", e.command());
        assertFalse(e.errorReason().isBlank());
    }

    @Test
    void aSilentMediaServerIsReportedUnavailable() throws Exception {
        try (RtpengineClient nobody = RtpengineClient.connect(new InetSocketAddress("127.0.0.1", 22299), Duration.ofMillis(600))) {
            assertThrows(RtpengineUnavailableException.class, nobody::ping);
        }
    }

    private static int relay(DatagramSocket from, int toPort, DatagramSocket to, int count) throws IOException {
        to.setSoTimeout(300);
        byte[] packet = new byte[12 + 160];
        int received = 0;
        for (int seq = 0; seq < count; seq++) {
            packet[0] = (byte) 0x80;        // RTP version 2
            packet[1] = 0;                  // payload type 0, PCMU
            packet[2] = (byte) (seq >> 8);
            packet[3] = (byte) seq;
            int ts = seq * 160;
            packet[4] = (byte) (ts >> 24);
            packet[5] = (byte) (ts >> 16);
            packet[6] = (byte) (ts >> 8);
            packet[7] = (byte) ts;
            packet[8] = 0x12;               // SSRC
            packet[9] = 0x34;
            packet[10] = 0x56;
            packet[11] = 0x78;
            from.send(new DatagramPacket(packet, packet.length, new InetSocketAddress("127.0.0.1", toPort)));
            try {
                DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
                to.receive(in);
                if (in.getLength() == packet.length) {
                    received++;
                }
            } catch (SocketTimeoutException e) {
                // lost or still learning the path; counted as not received
            }
        }
        return received;
    }
}
