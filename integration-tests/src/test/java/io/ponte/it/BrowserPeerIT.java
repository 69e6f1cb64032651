package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.ponte.it.support.BrowserPeer;
import io.ponte.it.support.Poll;

/**
 * The browser peer itself, without Ponte: two ConnectyCube app users in headless Chromium call each
 * other directly through the ConnectyCube stand-in the test launcher runs (chat signaling, WebRTC media
 * over loopback). Each browser's microphone plays its own tone, and each must hear the other's.
 */
class BrowserPeerIT {

    private static final Duration STATE = Duration.ofSeconds(15);
    private static final int ALICE_HZ = 440;
    private static final int BOB_HZ = 1000;

    /** Polls {@code who}'s received audio until {@code heard} dominates {@code own}; fails with the last reading. */
    private static BrowserPeer.Audio awaitTone(BrowserPeer who, int heard, int own) {
        BrowserPeer.Audio[] last = new BrowserPeer.Audio[1];
        try {
            return Poll.until(Duration.ofSeconds(10), who + " to hear " + heard + " Hz over " + own + " Hz", () -> {
                last[0] = who.audio(heard, own);
                return last[0].packetsReceived() > 0 && last[0].dominates(heard, own, 100) ? last[0] : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last: " + last[0] + "\n" + who.diagnostics(), e);
        }
    }

    @Test
    void aliceCallsBobBothHearTheOthersToneAndAliceHangsUp() throws Exception {
        try (BrowserPeer alice = BrowserPeer.start("alice", "alice-pw-1", ALICE_HZ);
                BrowserPeer bob = BrowserPeer.start("bob", "bob-pw-2", BOB_HZ)) {
            assertEquals(1001, alice.userId());
            assertEquals(1002, bob.userId());

            Instant dialled = Instant.now();
            alice.call(bob.userId());
            Instant rang = bob.awaitState("incoming", STATE);
            assertEquals(alice.userId(), bob.incomingCallerId());
            bob.accept();
            Instant aliceConnected = alice.awaitState("connected", STATE);
            Instant bobConnected = bob.awaitState("connected", STATE);
            assertFalse(rang.isBefore(dialled.minusMillis(50)), "the call arrived after it was made: " + dialled + " " + rang);

            BrowserPeer.Audio aliceHears = awaitTone(alice, BOB_HZ, ALICE_HZ);
            BrowserPeer.Audio bobHears = awaitTone(bob, ALICE_HZ, BOB_HZ);
            assertEquals("audio/opus", aliceHears.codec(), aliceHears.toString());
            assertEquals("audio/opus", bobHears.codec(), bobHears.toString());
            assertTrue(aliceHears.maxAudioLevel() > 0 && bobHears.maxAudioLevel() > 0, aliceHears + " / " + bobHears);

            BrowserPeer.Call aliceCall = alice.lastCall();
            BrowserPeer.Call bobCall = bob.lastCall();
            assertEquals(aliceCall.sessionId(), bobCall.sessionId(), "one ConnectyCube session on both sides");
            assertEquals("outgoing", aliceCall.direction());
            assertEquals(aliceConnected, aliceCall.at("connected"));
            assertEquals(bobConnected, bobCall.at("connected"));
            assertTrue(!bobCall.at("incoming").isAfter(bobCall.at("connected")), bobCall.toString());
            System.out.printf("browser to browser: rang after %d ms, connected %d ms after accepting; alice hears %s; bob hears %s%n",
                    Duration.between(aliceCall.at("calling"), rang).toMillis(),
                    Duration.between(bobCall.at("accepted"), bobConnected).toMillis(), aliceHears, bobHears);

            alice.hangUp();
            Instant bobSawEnd = bob.awaitState("hung-up", STATE);
            assertTrue(bob.lastCall().times().containsKey("hung-up"), () -> bob.diagnostics());
            assertFalse(bobSawEnd.isBefore(alice.lastCall().at("hung-up").minusMillis(50)), "bob saw the end after alice hung up");
        }
    }

    @Test
    void bobRejectsAsBusyAndAliceIsTold() throws Exception {
        try (BrowserPeer alice = BrowserPeer.start("alice", "alice-pw-1", ALICE_HZ);
                BrowserPeer bob = BrowserPeer.start("bob", "bob-pw-2", BOB_HZ)) {
            alice.call(bob.userId());
            bob.awaitState("incoming", STATE);
            bob.reject("busy");
            alice.awaitState("rejected", STATE);
            assertTrue(alice.events().stream().anyMatch(e -> e.contains("rejected by " + bob.userId()) && e.contains("\"busy\"")),
                    () -> alice.diagnostics());
            assertTrue(bob.lastCall().times().containsKey("rejected"), () -> bob.diagnostics());
            assertFalse(alice.lastCall().times().containsKey("connected"), () -> alice.diagnostics());
        }
    }
}
