package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Baresip;
import io.ponte.it.support.BrowserPeer;
import io.ponte.it.support.Kamailio;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.RtpengineForClass;
import io.ponte.it.support.Sipp;
import io.ponte.it.support.TestSubscribers;
import io.ponte.it.support.TestTrunk;
import jakarta.json.JsonObject;

/**
 * Calls across the WebRTC bridge with real peers on both sides: a baresip desk phone (PCMU only) and
 * Alice, a ConnectyCube app user in headless Chromium on the stand-in's demo page with the official SDK.
 * Subscriber 811 (the phone) is ConnectyCube user Bob (1002) in the apps; subscriber 812, who has no
 * phone, is Alice (1001). Ponte is logged in to the stand-in's chat as both. The phone plays 440 Hz and
 * the browser 1000 Hz, so each direction is proved by the frequency the other side hears; rtpengine
 * transcodes between the phone's PCMU and the browser's Opus.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BridgeCallIT {

    @RegisterExtension
    static final RtpengineForClass RTPENGINE = new RtpengineForClass();

    private static final String PHONE = "811";
    private static final String PHONE_PASSWORD = "bridge-phone-pass";
    private static final String APP_EXTENSION = "812";
    private static final long ALICE = 1001;
    private static final long BOB = 1002;
    private static final int PHONE_TONE = 440;
    private static final int BROWSER_TONE = 1000;
    private static final int PHONE_SIP_PORT = 5191;
    private static final int SIPP_PHONE_PORT = 16951;

    private static BrowserPeer alice;
    private Instant testStart;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @BeforeAll
    static void subscribersMappedAndAliceOnline() throws Exception {
        for (String ext : new String[] {PHONE, APP_EXTENSION}) {
            AdminApi.deleteUser(ext);
        }
        // baresip 1.0 fails as soon as a challenge names SHA-256: MD5 only for these subscribers
        assertEquals(201, AdminApi.call("POST", "/api/users", "{\"extension\":\"" + PHONE + "\",\"displayName\":\"Bob's desk\","
                + "\"password\":\"" + PHONE_PASSWORD + "\",\"digestAlgorithms\":[\"MD5\"]}").statusCode());
        assertEquals(201, AdminApi.call("POST", "/api/users", "{\"extension\":\"" + APP_EXTENSION + "\",\"displayName\":\"Alice\","
                + "\"password\":\"alice-sip-pass\",\"digestAlgorithms\":[\"MD5\"]}").statusCode());
        map(PHONE, BOB, "bob", "bob-pw-2", "Bob");
        map(APP_EXTENSION, ALICE, "alice", "alice-pw-1", "Alice");
        Poll.untilTrue(Duration.ofSeconds(20), "both mapped identities online in the ConnectyCube chat",
                () -> bridgeHealth().getInt("mappingsOnline") == 2);
        alice = BrowserPeer.start("alice", "alice-pw-1", BROWSER_TONE);
    }

    @AfterAll
    static void cleanUp() {
        if (alice != null) {
            alice.close();
        }
        AdminApi.deleteUser(PHONE); // their mappings go with them
        AdminApi.deleteUser(APP_EXTENSION);
    }

    @BeforeEach
    void aliceIdleAndNoPhoneRegistered() {
        testStart = Instant.now();
        AdminApi.call("DELETE", "/api/registrations/" + PHONE, null); // 404 when there is none
        alice.awaitState("online", Duration.ofSeconds(15));
    }

    @Test
    void aPhoneCallsAnAppUserWhoAnswersAndBothHearEachOther() throws Exception {
        try (Baresip phone = Baresip.start(PHONE, PHONE_PASSWORD, PHONE_SIP_PORT, PHONE_TONE, 16, "/dial sip:" + APP_EXTENSION + "@127.0.0.1")) {
            alice.awaitState("incoming", Duration.ofSeconds(15));
            assertEquals(BOB, alice.incomingCallerId(), "the call comes from the phone's ConnectyCube identity: " + alice.diagnostics());
            alice.accept();
            alice.awaitState("connected", Duration.ofSeconds(15));
            JsonObject live = AdminApi.answeredCallOf(PHONE);
            assertEquals("CONNECTYCUBE", live.getJsonObject("calleeLeg").getString("kind"), live.toString());
            assertEquals(ALICE, live.getJsonObject("calleeLeg").getJsonNumber("connectycubeUserId").longValue(), live.toString());

            BrowserPeer.Audio heard = browserHearsThePhone();
            System.out.println("phone->app: the browser receives " + heard);
            assertTrue(heard.codec() != null && heard.codec().toLowerCase().contains("opus"),
                    "Opus on the WebRTC leg, transcoded from the phone's PCMU: " + heard);
            assertTrue(heard.packetsReceived() > 20 && heard.maxAudioLevel() > 0.01, "getStats shows inbound audio: " + heard);

            assertTrue(phone.awaitExit(40), "the phone hangs up after 16 s");
            alice.awaitState("hung-up", Duration.ofSeconds(10));
            assertThePhoneHeardTheBrowser(phone);
        }
        JsonObject cdr = AdminApi.newestCallRecord(PHONE, testStart);
        assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
        assertEquals(APP_EXTENSION, cdr.getString("callee"));
        assertEquals("CALLER", cdr.getString("hangupSide"));
        assertEquals("SIP", cdr.getJsonObject("callerLeg").getString("kind"), cdr.toString());
        assertEquals("CONNECTYCUBE", cdr.getJsonObject("calleeLeg").getString("kind"), cdr.toString());
        assertEquals(ALICE, cdr.getJsonObject("calleeLeg").getJsonNumber("connectycubeUserId").longValue());
        assertTrue(cdr.getJsonObject("fromCaller").getJsonNumber("packets").longValue() > 100, "phone's RTP anchored: " + cdr);
        assertTrue(cdr.getJsonObject("fromCallee").getJsonNumber("packets").longValue() > 100, "browser's RTP anchored: " + cdr);
        String callId = cdr.getString("callId");
        long offers = RTPENGINE.get().logText().lines().filter(l -> l.contains("[" + callId + "]") && l.contains("Received command 'offer'")).count();
        assertTrue(offers >= 2, "the browser's trickled candidates reached rtpengine (offers with the fragment flag): " + offers);
        BrowserPeer.Call seen = alice.lastCall();
        System.out.printf("setup phone->app: INVITE to the app ringing %d ms; the app's accept to the phone's 200 OK %d ms%n",
                Duration.between(Instant.parse(cdr.getString("startedAt")), seen.at("incoming")).toMillis(),
                Duration.between(seen.at("accepted"), Instant.parse(cdr.getString("answeredAt"))).toMillis());
    }

    @Test
    void anAppUserCallsThePhoneWhichAnswersAndTheAppHangsUp() throws Exception {
        try (Baresip phone = Baresip.start(PHONE, PHONE_PASSWORD, PHONE_SIP_PORT, PHONE_TONE, 60)) {
            Poll.untilTrue(Duration.ofSeconds(20), "the phone to register",
                    () -> ((JsonObject) AdminApi.getJson("/api/users/" + PHONE)).getBoolean("registered"));
            alice.call(BOB);
            alice.awaitState("connected", Duration.ofSeconds(20));
            JsonObject live = AdminApi.answeredCallOf(APP_EXTENSION);
            assertEquals("CONNECTYCUBE", live.getJsonObject("callerLeg").getString("kind"), live.toString());
            assertEquals(PHONE, live.getString("callee"));

            BrowserPeer.Audio heard = browserHearsThePhone();
            assertTrue(heard.packetsReceived() > 20 && heard.maxAudioLevel() > 0.01, "getStats shows inbound audio: " + heard);
            System.out.println("app->phone: the browser receives " + heard);
            // a few seconds of the browser's audio for the phone to record
            Poll.untilTrue(Duration.ofSeconds(15), "4 s of talk", () -> AdminApi.answeredCallOf(APP_EXTENSION)
                    .getJsonNumber("durationSeconds").longValue() >= 4);
            alice.hangUp();
            Poll.untilTrue(Duration.ofSeconds(10), "the phone to get BYE", () -> logOf(phone).contains("terminated"));
            assertThePhoneHeardTheBrowser(phone);
        }
        JsonObject cdr = AdminApi.newestCallRecord(APP_EXTENSION, testStart);
        assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
        assertEquals(PHONE, cdr.getString("callee"));
        assertEquals("CALLER", cdr.getString("hangupSide"), "the app hung up: " + cdr);
        assertEquals("CONNECTYCUBE", cdr.getJsonObject("callerLeg").getString("kind"), cdr.toString());
        assertEquals(ALICE, cdr.getJsonObject("callerLeg").getJsonNumber("connectycubeUserId").longValue());
        BrowserPeer.Call seen = alice.lastCall();
        System.out.printf("setup app->phone: the app's call to the phone answering (200 OK) %d ms; to the app's accepted %d ms%n",
                Duration.between(seen.at("calling"), Instant.parse(cdr.getString("answeredAt"))).toMillis(),
                Duration.between(seen.at("calling"), seen.at("accepted")).toMillis());
    }

    @Test
    void theAppUsersRejectionBusyOrSilenceReachesThePhone() throws Exception {
        phoneCallsAndTheAppDoes("declined", 603, "REJECTED");
        phoneCallsAndTheAppDoes("busy", 486, "BUSY");
        phoneCallsAndTheAppDoes(null, 480, "NO_ANSWER"); // PONTE_RING_TIMEOUT is 3 s in the tests
    }

    private void phoneCallsAndTheAppDoes(String rejectReason, int status, String disposition) {
        Instant start = Instant.now();
        alice.awaitState("online", Duration.ofSeconds(15));
        Sipp.Running caller = Sipp.start("call-rejected.xml", 16952, Map.of("caller", PHONE, "callee", APP_EXTENSION,
                "domain", TestSubscribers.DOMAIN), "-au", PHONE, "-ap", PHONE_PASSWORD, "-mp", "42000");
        alice.awaitState("incoming", Duration.ofSeconds(15));
        if (rejectReason != null) {
            alice.reject(rejectReason);
        } else {
            alice.awaitState("hung-up", Duration.ofSeconds(10)); // Ponte stops calling after the ring timeout
        }
        Sipp.Result result = caller.await();
        assertTrue(result.passed(), result.log());
        assertTrue(result.log().contains("SIP/2.0 " + status + " "), "the phone got " + status + ": " + result.log());
        JsonObject cdr = AdminApi.newestCallRecord(PHONE, start);
        assertEquals(disposition, cdr.getString("disposition"), cdr.toString());
        assertEquals(status, cdr.getInt("finalStatus"));
        assertEquals("CONNECTYCUBE", cdr.getJsonObject("calleeLeg").getString("kind"), cdr.toString());
    }

    @Test
    void thePhonesBusyDeclineOrSilenceReachesTheAppAsRejection() throws Exception {
        appCallsAndThePhoneDoes("callee-busy.xml", "busy", 486, "BUSY");
        appCallsAndThePhoneDoes("callee-declines.xml", "declined", 603, "REJECTED");
        appCallsAndThePhoneDoes("callee-cancelled.xml", "no-answer", 480, "NO_ANSWER");
    }

    private void appCallsAndThePhoneDoes(String phoneScenario, String reason, int status, String disposition) throws Exception {
        Instant start = Instant.now();
        alice.awaitState("online", Duration.ofSeconds(15));
        TestSubscribers.registerPhone(PHONE, PHONE_PASSWORD, SIPP_PHONE_PORT);
        Sipp.Running phone = Sipp.start(phoneScenario, SIPP_PHONE_PORT, Map.of(), "-mp", "41000");
        alice.call(BOB);
        alice.awaitState("rejected", Duration.ofSeconds(15));
        assertTrue(alice.events().stream().anyMatch(e -> e.contains("rejected by " + BOB) && e.contains(reason)),
                "the app was told " + reason + ": " + alice.events());
        Sipp.Result answered = phone.await();
        assertTrue(answered.passed(), answered.log());
        JsonObject cdr = AdminApi.newestCallRecord(APP_EXTENSION, start);
        assertEquals(disposition, cdr.getString("disposition"), cdr.toString());
        assertEquals(status, cdr.getInt("finalStatus"));
        assertEquals("CONNECTYCUBE", cdr.getJsonObject("callerLeg").getString("kind"), cdr.toString());
        assertEquals(PHONE, cdr.getString("callee"));
    }

    /**
     * An outside phone behind the provider (Kamailio) calls a DID of a trunk that maps it to 812, which has
     * no phone: its ConnectyCube app rings, the call placed from 811's identity (the trunk's appCaller), and
     * the outside phone's 200 carries rtpengine's G.711 while the browser gets WebRTC.
     */
    @Test
    void anOutsideCallThroughATrunkRingsTheMappedAppUser() throws Exception {
        try (Kamailio provider = Kamailio.start("provider.cfg", 5090);
             TestTrunk trunk = TestTrunk.create("{\"name\":\"provider-apps\",\"host\":\"127.0.0.1\",\"port\":5090,"
                     + "\"inbound\":{\"numbers\":{\"4930555812\":\"" + APP_EXTENSION + "\"},\"appCaller\":\"" + PHONE + "\"}}")) {
            Sipp.Running outside = Sipp.start("provider-phone-calls.xml", 16958, Map.of("caller", "0301234567", "callee", "4930555812"),
                    "-rsa", "127.0.0.1:5090", "-mp", "41600");
            // this call, not an earlier test's (awaitState looks back to the page's last action)
            Poll.untilTrue(Duration.ofSeconds(15), "alice's page to ring with the trunk's call", () -> {
                BrowserPeer.Call c = alice.lastCall();
                return c != null && "incoming".equals(c.direction()) && c.at("incoming").isAfter(testStart)
                        && "incoming".equals(alice.state());
            });
            assertEquals(BOB, alice.incomingCallerId(), "placed from the trunk's appCaller identity: " + alice.diagnostics());
            alice.accept();
            Sipp.Result result = outside.await();
            assertTrue(result.passed(), "the outside phone (through Kamailio, rtpengine's SDP in the 200, BYE after 1 s): " + result.log());
            alice.awaitState("hung-up", Duration.ofSeconds(10));
        }
        JsonObject cdr = AdminApi.newestCallRecord(APP_EXTENSION, testStart);
        assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
        assertEquals("0301234567", cdr.getString("caller"), cdr.toString());
        assertEquals(APP_EXTENSION, cdr.getString("callee"), cdr.toString());
        assertEquals("CONNECTYCUBE", cdr.getJsonObject("calleeLeg").getString("kind"), cdr.toString());
        assertEquals(ALICE, cdr.getJsonObject("calleeLeg").getJsonNumber("connectycubeUserId").longValue());
    }

    private static void map(String extension, long userId, String login, String password, String name) {
        var r = AdminApi.call("POST", "/api/mappings", "{\"extension\":\"" + extension + "\",\"connectycubeUserId\":" + userId
                + ",\"connectycubeLogin\":\"" + login + "\",\"connectycubePassword\":\"" + password + "\",\"displayName\":\""
                + name + "\",\"enabled\":true}");
        assertEquals(201, r.statusCode(), r.body());
    }

    /** The phone's recording holds the browser's 1 kHz, and not its own 440 Hz coming back. */
    private static void assertThePhoneHeardTheBrowser(Baresip phone) throws java.io.IOException {
        short[] heardByPhone = phone.heard();
        double browserTone = Baresip.power(heardByPhone, BROWSER_TONE);
        double ownTone = Baresip.power(heardByPhone, PHONE_TONE);
        assertTrue(browserTone > 0.01, "the phone heard the browser's 1 kHz (not silence): " + browserTone);
        assertTrue(browserTone > 100 * ownTone, "the phone heard the browser, not itself: " + browserTone + " vs " + ownTone);
    }

    /** What the browser hears once the phone's tone dominates it (within 10 s), or a failure saying what it heard. */
    private static BrowserPeer.Audio browserHearsThePhone() {
        BrowserPeer.Audio[] last = new BrowserPeer.Audio[1];
        try {
            return Poll.until(Duration.ofSeconds(10), "the browser to hear the phone's tone", () -> {
                last[0] = alice.audio(PHONE_TONE, BROWSER_TONE);
                return last[0].dominates(PHONE_TONE, BROWSER_TONE, 10) ? last[0] : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last heard: " + last[0] + "\n" + alice.diagnostics(), e);
        }
    }

    private static String logOf(Baresip phone) {
        try {
            return phone.log();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonObject bridgeHealth() {
        return ((JsonObject) AdminApi.getJson("/api/health")).getJsonObject("connectycube");
    }
}
