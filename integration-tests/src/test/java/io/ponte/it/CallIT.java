package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.RtpengineForClass;
import io.ponte.it.support.Sipp;
import io.ponte.it.support.TestDatabase;
import io.ponte.it.support.TestSubscribers;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/** A subscriber calls another through Ponte's B2BUA, with the media anchored by the real rtpengine. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallIT {

    private static final String DOMAIN = "ponte.local";
    @RegisterExtension
    static final RtpengineForClass RTPENGINE = new RtpengineForClass();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    private static java.time.Instant scenarioStart;

    @org.junit.jupiter.api.BeforeEach
    void markStart() {
        scenarioStart = java.time.Instant.now();
    }

    /**
     * After every scenario nothing of it is left: no call in the API or in rtpengine, and no SIP session in
     * the container. Sessions go when their last transaction has ended, and the SIP stack keeps a finished
     * non-INVITE transaction 32 s (RFC 3261 timer J), so this waits about that long each time.
     */
    @AfterEach
    void nothingIsLeftBehind() {
        assertNoMediaLeft();
        AdminApi.awaitNoCallOrSipSession();
    }

    /** Registers {@code ext}'s phone at 127.0.0.1:{@code port} with digest authentication. */
    @Test
    void twoSubscribersTalkThroughRtpengineAndTheMediaIsReleasedAfterBye() throws Exception {
        TestSubscribers.pair("701", "702", () -> {
            TestSubscribers.registerPhone("702", "callee-pass", 16900);
            Sipp.Running callee = Sipp.start("call-uas.xml", 16900, Map.of(), "-mp", "41000");
            Sipp.Result caller = Sipp.run("call-uac.xml", Map.of("caller", "701", "callee", "702", "domain", DOMAIN),
                    "-au", "701", "-ap", "caller-pass", "-mp", "42000");
            Sipp.Result answered = callee.await();
            assertTrue(caller.passed(), "caller: " + caller.log());
            assertTrue(answered.passed(), "callee: " + answered.log());
            JsonObject cdr = AdminApi.newestCallRecord("701", scenarioStart);
            assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
            assertEquals(200, cdr.getInt("finalStatus"));
            assertEquals("702", cdr.getString("callee"));
            assertEquals("CALLER", cdr.getString("hangupSide"));
            long talked = cdr.getJsonNumber("durationMs").longValue();
            assertTrue(talked >= 900 && talked <= 2000, "the caller talked 1 s (SIPp pause): " + talked + " ms");
            int billed = cdr.getInt("billableSeconds");
            assertTrue(billed == (talked + 999) / 1000, "billable seconds round the talk time up: " + cdr);
            assertTrue(cdr.containsKey("fromCaller") && cdr.containsKey("fromCallee"), "media counters from rtpengine: " + cdr);
            assertNoMediaLeft(); // the BYE released the media
        });
    }

    /** Runs a call from {@code caller} to {@code callee} (whose phone runs {@code calleeScenario}). */
    private static void call(String callerScenario, String calleeScenario, String caller, String callee, int calleePort,
                             java.util.function.BiConsumer<Sipp.Result, Sipp.Result> check) throws Exception {
        AdminApi.deleteUser(caller);
        AdminApi.deleteUser(callee);
        AdminApi.createUser(caller, "Caller", "caller-pass");
        AdminApi.createUser(callee, "Callee", "callee-pass");
        try {
            TestSubscribers.registerPhone(callee, "callee-pass", calleePort);
            Sipp.Running phone = Sipp.start(calleeScenario, calleePort, Map.of(), "-mp", "41000");
            Sipp.Result callerResult = Sipp.run(callerScenario, Map.of("caller", caller, "callee", callee, "domain", DOMAIN),
                    "-au", caller, "-ap", "caller-pass", "-mp", "42000");
            check.accept(callerResult, phone.await()); // nothingIsLeftBehind() checks the media is gone
        } finally {
            AdminApi.deleteUser(caller);
            AdminApi.deleteUser(callee);
        }
    }

    private static void assertNoMediaLeft() {
        Poll.untilTrue(Duration.ofSeconds(10), "rtpengine to hold no call", () -> RTPENGINE.get().heldCalls() == 0);
    }

    @Test
    void aCallerOfferingSrtpKeepsAnEncryptedLegWhileThePlainCalleeIsOfferedRtp() throws Exception {
        call("call-uac-srtp.xml", "call-uas.xml", "773", "774", 16917, (caller, callee) -> {
            assertTrue(caller.passed(), "caller (200 with RTP/SAVP and rtpengine's a=crypto): " + caller.log());
            assertTrue(callee.passed(), "callee (offered plain RTP/AVP): " + callee.log());
        });
        assertEquals("ANSWERED", AdminApi.newestCallRecord("773", scenarioStart).getString("disposition"));
    }

    @Test
    void aByeWithTheChallengesToTagIs481AndTheCallGoesOnUntilTheRealBye() throws Exception {
        call("call-uac-stale-tag-bye.xml", "call-uas.xml", "721", "722", 16916, (caller, callee) -> {
            assertTrue(caller.passed(), "caller (481 for the stale tag, then 200): " + caller.log());
            assertTrue(callee.passed(), "callee (one BYE, after the real one): " + callee.log());
        });
        JsonObject cdr = AdminApi.newestCallRecord("721", scenarioStart);
        assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
        assertEquals("CALLER", cdr.getString("hangupSide"));
        assertTrue(cdr.getJsonNumber("durationMs").longValue() >= 1400,
                "the call lasted past the stale BYE (1 s) until the real one (0.5 s later): " + cdr);
    }

    @Test
    void aBusyCalleesAnswerReachesTheCaller() throws Exception {
        call("call-rejected.xml", "callee-busy.xml", "711", "712", 16901, (caller, callee) -> {
            assertTrue(callee.passed(), "callee: " + callee.log());
            assertTrue(caller.passed(), "caller: " + caller.log());
            assertTrue(caller.log().contains("SIP/2.0 486 Busy Here"), caller.log());
        });
        JsonObject cdr = AdminApi.newestCallRecord("711", scenarioStart);
        assertEquals("BUSY", cdr.getString("disposition"), cdr.toString());
        assertEquals(486, cdr.getInt("finalStatus"));
        assertEquals(0, cdr.getInt("billableSeconds"));
    }

    @Test
    void aCalleeWhoDeclinesIsRelayedAs603AndRecordedRejected() throws Exception {
        call("call-rejected.xml", "callee-declines.xml", "719", "720", 16914, (caller, callee) -> {
            assertTrue(callee.passed(), "callee: " + callee.log());
            assertTrue(caller.passed(), "caller: " + caller.log());
            assertTrue(caller.log().contains("SIP/2.0 603 Decline"), caller.log());
        });
        JsonObject cdr = AdminApi.newestCallRecord("719", scenarioStart);
        assertEquals("REJECTED", cdr.getString("disposition"), cdr.toString());
        assertEquals(603, cdr.getInt("finalStatus"));
    }

    @Test
    void aCallerWhoHangsUpWhileItRingsCancelsTheCallee() throws Exception {
        call("call-cancel.xml", "callee-cancelled.xml", "713", "714", 16902, (caller, callee) -> {
            assertTrue(caller.passed(), "caller (487 expected): " + caller.log());
            assertTrue(callee.passed(), "callee (CANCEL expected): " + callee.log());
        });
        JsonObject cdr = AdminApi.newestCallRecord("713", scenarioStart);
        assertEquals("CANCELLED", cdr.getString("disposition"), cdr.toString());
        assertEquals(487, cdr.getInt("finalStatus"));
        assertEquals("CALLER", cdr.getString("hangupSide"));
    }

    @Test
    void allOfTheCalleesPhonesRingAndTheFirstToAnswerGetsTheCall() throws Exception {
        TestSubscribers.pair("751", "752", () -> {
            TestSubscribers.registerPhone("752", "callee-pass", 16910); // the desk phone answers
            TestSubscribers.registerPhone("752", "callee-pass", 16911); // the softphone rings until cancelled
            assertEquals(2, ((JsonObject) AdminApi.getJson("/api/users/752")).getJsonArray("contacts").size());
            Sipp.Running desk = Sipp.start("call-uas.xml", 16910, Map.of(), "-mp", "41000");
            Sipp.Running soft = Sipp.start("callee-cancelled.xml", 16911, Map.of(), "-mp", "41100");
            Sipp.Result caller = Sipp.run("call-uac.xml", Map.of("caller", "751", "callee", "752", "domain", DOMAIN),
                    "-au", "751", "-ap", "caller-pass", "-mp", "42000");
            assertTrue(caller.passed(), "caller: " + caller.log());
            assertTrue(desk.await().passed(), "the desk phone answered and got the BYE");
            assertTrue(soft.await().passed(), "the softphone was cancelled when the desk phone answered");
            assertEquals("ANSWERED", AdminApi.newestCallRecord("751", scenarioStart).getString("disposition"));
            assertNoMediaLeft();
        });
    }

    @Test
    void holdByReInviteCrossesToTheOtherPhoneThroughRtpengine() throws Exception {
        call("call-uac-hold.xml", "callee-held.xml", "761", "762", 16912, (caller, callee) -> {
            assertTrue(callee.passed(), "callee (re-INVITE with a=sendonly expected): " + callee.log());
            assertTrue(caller.passed(), "caller (200 with a=recvonly expected): " + caller.log());
        });
        assertEquals("ANSWERED", AdminApi.newestCallRecord("761", scenarioStart).getString("disposition"));
    }

    @Test
    void infoWithinTheCallReachesTheOtherPhoneAndItsAnswerComesBack() throws Exception {
        call("call-uac-info.xml", "callee-info.xml", "763", "764", 16913, (caller, callee) -> {
            assertTrue(callee.passed(), "callee (the INFO with Page=front-desk expected): " + callee.log());
            assertTrue(caller.passed(), "caller (200 to its INFO expected): " + caller.log());
        });
    }

    @Test
    void aCalleeWhoNeverAnswersIsCancelledAfterTheRingTimeout() throws Exception {
        // the integration tests run with PONTE_RING_TIMEOUT=3
        call("call-rejected.xml", "callee-cancelled.xml", "717", "718", 16908, (caller, callee) -> {
            assertTrue(caller.passed(), "caller (480 expected): " + caller.log());
            assertTrue(caller.log().contains("SIP/2.0 480 Temporarily Unavailable (no answer)"), caller.log());
            assertTrue(callee.passed(), "callee (CANCEL expected): " + callee.log());
        });
        JsonObject cdr = AdminApi.newestCallRecord("717", scenarioStart);
        assertEquals("NO_ANSWER", cdr.getString("disposition"), cdr.toString());
        assertEquals(480, cdr.getInt("finalStatus"));
        assertEquals("SYSTEM", cdr.getString("hangupSide"));
    }

    @Test
    void aCalleeWhoHangsUpEndsTheCallForTheCaller() throws Exception {
        call("call-uac-hung-up.xml", "callee-hangs-up.xml", "715", "716", 16903, (caller, callee) -> {
            assertTrue(callee.passed(), "callee: " + callee.log());
            assertTrue(caller.passed(), "caller (BYE expected): " + caller.log());
        });
        JsonObject cdr = AdminApi.newestCallRecord("715", scenarioStart);
        assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
        assertEquals("CALLEE", cdr.getString("hangupSide"));
    }

    @Test
    void aCallThatEndsWhileTheDatabaseIsDownIsRecordedOnceItIsBack() throws Exception {
        TestSubscribers.pair("731", "732", () -> {
            TestSubscribers.registerPhone("732", "callee-pass", 16904);
            Sipp.Running callee = Sipp.start("call-uas.xml", 16904, Map.of(), "-mp", "41000");
            Sipp.Running caller = Sipp.start("call-uac-long.xml", 16905,
                    Map.of("caller", "731", "callee", "732", "domain", DOMAIN), "-au", "731", "-ap", "caller-pass",
                    "-mp", "42000", "-d", "6000");
            Poll.untilTrue(Duration.ofSeconds(15), "the call to be up (rtpengine holds it)", () -> RTPENGINE.get().heldCalls() > 0);
            TestDatabase.stop(); // the call is up; it will end while the database is down
            try {
                assertTrue(caller.await().passed(), "the call itself needs no database once it is up");
                assertTrue(callee.await().passed());
            } finally {
                TestDatabase.start();
            }
            JsonObject cdr = AdminApi.newestCallRecord("731", scenarioStart);
            assertEquals("ANSWERED", cdr.getString("disposition"), "recorded after the outage: " + cdr);
            assertTrue(cdr.getJsonNumber("durationMs").longValue() >= 5000, cdr.toString());
        });
    }

    @Test
    void anAdministratorSeesTheLiveCallAndHangsItUpOverRest() throws Exception {
        TestSubscribers.pair("741", "742", () -> {
            TestSubscribers.registerPhone("742", "callee-pass", 16906);
            Sipp.Running callee = Sipp.start("call-uas.xml", 16906, Map.of(), "-mp", "41000");
            Sipp.Running caller = Sipp.start("call-uac-hung-up.xml", 16907,
                    Map.of("caller", "741", "callee", "742", "domain", DOMAIN), "-au", "741", "-ap", "caller-pass", "-mp", "42000");
            JsonObject live = AdminApi.answeredCallOf("741");
            String callId = live.getString("callId");
            JsonObject one = (JsonObject) AdminApi.getJson("/api/calls/" + callId);
            assertEquals("742", one.getString("callee"));
            assertTrue(one.containsKey("rtpTotal") && !one.isNull("rtpTotal"), "live media counters from rtpengine: " + one);
            JsonArray streams = (JsonArray) AdminApi.getJson("/api/rtp-streams");
            assertTrue(streams.stream().map(JsonObject.class::cast).filter(x -> callId.equals(x.getString("callId")))
                    .map(x -> x.getString("tag")).distinct().count() == 2, "rtpengine streams of both sides: " + streams);

            assertEquals(204, AdminApi.call("DELETE", "/api/calls/" + callId, null).statusCode());
            assertTrue(caller.await().passed(), "the caller got Ponte's BYE");
            assertTrue(callee.await().passed(), "the callee got Ponte's BYE");
            assertEquals(404, AdminApi.call("DELETE", "/api/calls/" + callId, null).statusCode());
            assertEquals(0, ((JsonArray) AdminApi.getJson("/api/calls")).size());
            JsonObject cdr = AdminApi.newestCallRecord("741", scenarioStart);
            assertEquals("ANSWERED", cdr.getString("disposition"));
            assertEquals("SYSTEM", cdr.getString("hangupSide"));
            assertNoMediaLeft();
            JsonObject stats = ((JsonObject) AdminApi.getJson("/api/statistics")).getJsonObject("calls");
            assertTrue(stats.getJsonNumber("attempts").longValue() >= 1 && stats.getJsonNumber("peak").longValue() >= 1, stats.toString());
            assertTrue(stats.getJsonObject("ended").getJsonNumber("ANSWERED").longValue() >= 1, stats.toString());
        });
    }

    @Test
    void aCallRtpengineNoLongerAnchorsIsHungUpAndRecorded() throws Exception {
        TestSubscribers.pair("771", "772", () -> {
            TestSubscribers.registerPhone("772", "callee-pass", 16915);
            // both phones wait up to 60 s for a BYE: Ponte looks at its calls every 15 s
            Sipp.Running callee = Sipp.start("call-uas.xml", 16915, Map.of(),
                    "-timeout", "90s", "-recv_timeout", "60000", "-mp", "41000");
            Sipp.Running caller = Sipp.start("call-uac-hung-up.xml", 16916, Map.of("caller", "771", "callee", "772",
                    "domain", DOMAIN), "-timeout", "90s", "-recv_timeout", "60000", "-au", "771", "-ap", "caller-pass",
                    "-mp", "42000");
            JsonObject live = AdminApi.answeredCallOf("771");
            RTPENGINE.get().forget(live.getString("callId")); // what rtpengine does when the call's RTP times out

            assertTrue(caller.await().passed(), "the caller got Ponte's BYE");
            assertTrue(callee.await().passed(), "the callee got Ponte's BYE");
            AdminApi.awaitNoLiveCall(); // the phones may see their BYE before Ponte has recorded the call
            JsonObject cdr = AdminApi.newestCallRecord("771", scenarioStart);
            assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
            assertEquals("SYSTEM", cdr.getString("hangupSide"), cdr.toString());
        });
    }

    @Test
    void aCallToAnUnregisteredSubscriberGets480AndToAnUnknownOne404() throws Exception {
        String since = java.time.Instant.now().minusSeconds(1).toString();
        TestSubscribers.pair("703", "704", () -> {
            Sipp.Result away = Sipp.run("call-rejected.xml", Map.of("caller", "703", "callee", "704", "domain", DOMAIN),
                    "-au", "703", "-ap", "caller-pass");
            assertTrue(away.passed(), away.log());
            assertTrue(away.log().contains("SIP/2.0 480"), away.log());
            Sipp.Result unknown = Sipp.run("call-rejected.xml", Map.of("caller", "703", "callee", "799", "domain", DOMAIN),
                    "-au", "703", "-ap", "caller-pass");
            assertTrue(unknown.passed(), unknown.log());
            assertTrue(unknown.log().contains("SIP/2.0 404"), unknown.log());
            JsonArray calls = Poll.until(Duration.ofSeconds(10), "both call records", () -> {
                JsonArray a = ((JsonObject) AdminApi.getJson("/api/calls/history?extension=703&from=" + since)).getJsonArray("calls");
                return a.size() == 2 ? a : null;
            });
            assertEquals("FAILED", calls.getJsonObject(0).getString("disposition"), calls.toString());
            assertEquals(404, calls.getJsonObject(0).getInt("finalStatus"));
            assertEquals("NO_ANSWER", calls.getJsonObject(1).getString("disposition"), calls.toString());
            assertEquals(480, calls.getJsonObject(1).getInt("finalStatus"));
        });
    }
}
