package io.ponte.bridge.connectycube.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ponte.bridge.connectycube.signaling.CallContext;
import io.ponte.bridge.connectycube.signaling.CallType;
import io.ponte.bridge.connectycube.signaling.IceCandidate;
import io.ponte.bridge.connectycube.signaling.SignalingEnvelope;
import io.ponte.bridge.connectycube.signaling.SignalingMessage;
import io.ponte.bridge.connectycube.signaling.UserInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two chat connections through a real Prosody started by the test on 127.0.0.1: signaling round
 * trips, and both connections come back by themselves after the server restarts.
 */
class ConnectyCubeChatTest {
    private static final String DOMAIN = "chat.ponte.test";
    private static final String SDP = "v=0\r\no=- 42 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n";

    static final class Recorder implements ChatListener {
        final List<SignalingEnvelope> received = new CopyOnWriteArrayList<>();
        final List<ConnectyCubeChat.State> states = new CopyOnWriteArrayList<>();
        final List<Throwable> causes = new CopyOnWriteArrayList<>();

        @Override
        public void onSignaling(SignalingEnvelope envelope) {
            received.add(envelope);
        }

        @Override
        public void onStateChanged(ConnectyCubeChat.State state, Throwable cause) {
            states.add(state);
            if (cause != null) {
                causes.add(cause);
            }
        }
    }

    @TempDir
    Path dir;
    private ScheduledExecutorService scheduler;
    private ProsodyServer prosody;

    @BeforeEach
    void startServer() throws Exception {
        assumeTrue(ProsodyServer.installed(),
                "prosody (and openssl) not installed: apt-get install prosody to run the chat test");
        scheduler = Executors.newScheduledThreadPool(2);
        prosody = ProsodyServer.start(dir, DOMAIN, Map.of("1001-385", "ana-secret-1", "1002-385", "bob-secret-2"));
    }

    @AfterEach
    void stopServer() throws Exception {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (prosody != null) {
            prosody.close();
        }
    }

    private ChatSettings settings() throws Exception {
        return settings(DOMAIN, ChatSettings.Tls.STARTTLS);
    }

    private ChatSettings settings(String domain, ChatSettings.Tls tls) throws Exception {
        return new ChatSettings(domain, "127.0.0.1", tls == ChatSettings.Tls.DIRECT ? prosody.directTlsPort() : prosody.port(),
                "385", tls, prosody.trustManager(), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.2), "ponte");
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            // poll interval: the condition is re-checked until it holds or the deadline passes
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            if (Thread.interrupted()) {
                throw new AssertionError("interrupted");
            }
        }
    }

    @Test
    void signalingRoundTripAndReconnectAfterServerRestart() throws Exception {
        Recorder anaSeen = new Recorder();
        Recorder bobSeen = new Recorder();
        // Ana over direct TLS (ConnectyCube's port 5223 style), Bob over STARTTLS
        try (ConnectyCubeChat ana = new ConnectyCubeChat(settings(DOMAIN, ChatSettings.Tls.DIRECT), 1001, "ana-secret-1",
                anaSeen, scheduler);
                ConnectyCubeChat bob = new ConnectyCubeChat(settings(), 1002, "bob-secret-2", bobSeen, scheduler)) {
            assertEquals("1001-385@chat.ponte.test", ana.jid());
            assertThrows(ChatUnavailableException.class, () -> ana.send(1002, hangUp("early")));
            ana.start();
            bob.start();
            await("both online", Duration.ofSeconds(20),
                    () -> ana.state() == ConnectyCubeChat.State.ONLINE && bob.state() == ConnectyCubeChat.State.ONLINE);

            SignalingMessage.Call call = new SignalingMessage.Call("9f0c1e2a-0000-4000-8000-000000000001",
                    CallContext.oneToOne(CallType.AUDIO, 1001, 1002), SDP, UserInfo.of("name", "Ana"), "web");
            String id = ana.send(1002, call);
            await("Bob to receive the call", Duration.ofSeconds(10), () -> !bobSeen.received.isEmpty());
            SignalingEnvelope got = bobSeen.received.get(0);
            assertEquals(call, got.message(), "decoded as sent (SDP line ends restored)");
            assertEquals(id, got.id());
            assertEquals(1001, got.fromUserId());
            assertTrue(got.from().startsWith("1001-385@chat.ponte.test/"), got.from());

            SignalingMessage.IceCandidates ice = new SignalingMessage.IceCandidates(call.sessionId(), call.context(),
                    List.of(new IceCandidate("candidate:1 1 udp 2122194687 127.0.0.1 40000 typ host", "0", 0)), "web");
            bob.send(1001, ice);
            await("Ana to receive the candidate", Duration.ofSeconds(10), () -> !anaSeen.received.isEmpty());
            assertEquals(ice, anaSeen.received.get(0).message());

            prosody.stop();
            await("both to notice the server is gone", Duration.ofSeconds(20),
                    () -> ana.state() != ConnectyCubeChat.State.ONLINE && bob.state() != ConnectyCubeChat.State.ONLINE);
            assertThrows(ChatUnavailableException.class, () -> ana.send(1002, hangUp("while down")));
            prosody.start();
            await("both back online by themselves", Duration.ofSeconds(30),
                    () -> ana.onlineCount() == 2 && bob.onlineCount() == 2
                            && ana.state() == ConnectyCubeChat.State.ONLINE && bob.state() == ConnectyCubeChat.State.ONLINE);
            assertTrue(anaSeen.states.contains(ConnectyCubeChat.State.WAITING_TO_RECONNECT), anaSeen.states.toString());

            bob.send(1001, hangUp("after restart"));
            await("Ana to receive the hang-up", Duration.ofSeconds(10), () -> anaSeen.received.size() == 2);
            assertEquals(hangUp("after restart"), anaSeen.received.get(1).message());
        }
    }

    @Test
    void wrongPasswordKeepsRetryingWithBackoffAndSaysWhy() throws Exception {
        Recorder seen = new Recorder();
        try (ConnectyCubeChat chat = new ConnectyCubeChat(settings(), 1001, "not-the-password", seen, scheduler)) {
            chat.start();
            await("two failed attempts", Duration.ofSeconds(20), () -> seen.causes.size() >= 2);
            assertEquals(0, chat.onlineCount());
            assertTrue(seen.causes.get(0).toString().contains("not-authorized"), seen.causes.get(0).toString());
            assertTrue(seen.causes.stream().noneMatch(c -> String.valueOf(c.getMessage()).contains("not-the-password")));
        }
        assertEquals(ConnectyCubeChat.State.CLOSED, seen.states.get(seen.states.size() - 1));
    }

    private static SignalingMessage.HangUp hangUp(String reason) {
        return new SignalingMessage.HangUp("9f0c1e2a-0000-4000-8000-000000000001",
                CallContext.oneToOne(CallType.AUDIO, 1001, 1002), UserInfo.of("reason", reason), "web");
    }
}
