package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Baresip;
import io.ponte.it.support.EventStream;
import io.ponte.it.support.EventStream.Received;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.RtpengineForClass;
import io.ponte.it.support.Sipp;
import io.ponte.it.support.TestSubscribers;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * Blind transfer, asked over REST and by a phone's REFER (RFC 3515): the party that stays is re-INVITEd
 * for a fresh offer and joined to the target in a new call, the other party is released, the remaining
 * parties hear each other, and the records show both calls. A party that refuses to be moved keeps its
 * call, and the transferor's final NOTIFY says so.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransferIT {

    @RegisterExtension
    static final RtpengineForClass RTPENGINE = new RtpengineForClass();

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void aCallTransferredOverRestJoinsTheCallerToTheTargetWithAudio() throws Exception {
        Instant started = Instant.now();
        TestSubscribers.provisionMd5Only("851", "xfer-a-pass");
        TestSubscribers.provisionMd5Only("852", "xfer-b-pass");
        TestSubscribers.provisionMd5Only("853", "xfer-c-pass");
        try (Baresip b = Baresip.start("852", "xfer-b-pass", 5272, 1000, 60);
             Baresip c = Baresip.start("853", "xfer-c-pass", 5282, 1500, 60);
             EventStream events = EventStream.open(null)) {
            TestSubscribers.awaitRegistered("852");
            TestSubscribers.awaitRegistered("853");
            try (Baresip a = Baresip.start("851", "xfer-a-pass", 5292, 440, 60, "/dial sip:852@127.0.0.1")) {
                String first = AdminApi.answeredCallOf("851").getString("callId");
                var refused = AdminApi.call("POST", "/api/calls/" + first + "/transfer", "{\"side\":\"caller\",\"to\":\"8999\"}");
                assertEquals(409, refused.statusCode(), refused.body());
                var bad = AdminApi.call("POST", "/api/calls/" + first + "/transfer", "{\"side\":\"both\",\"to\":\"853\"}");
                assertEquals(400, bad.statusCode(), bad.body());
                assertTrue(bad.body().contains("side"), bad.body());

                var moved = AdminApi.call("POST", "/api/calls/" + first + "/transfer", "{\"side\":\"caller\",\"to\":\"853\"}");
                assertEquals(202, moved.statusCode(), moved.body());
                String second = ((JsonObject) AdminApi.json(moved)).getString("callId");
                Received transferred = events.await(WAIT, "call.transferred", EventStream.call("call.transferred", first));
                assertEquals(second, transferred.data().getString("newCallId"));
                assertEquals("caller", transferred.data().getString("stays"));
                events.await(WAIT, "the new call answered", EventStream.call("call.answered", second));
                JsonObject firstEnded = events.await(WAIT, "the first call to end", EventStream.call("call.ended", first)).call();
                assertEquals("Transferred to 853 (call " + second + ")", firstEnded.getString("reason"), firstEnded.toString());
                Poll.untilTrue(WAIT, "4 s of RTP each way in the new call", () -> {
                    JsonObject live = (JsonObject) AdminApi.getJson("/api/calls/" + second);
                    if (live.isNull("rtpTotal") || live.getJsonObject("rtpTotal").getJsonNumber("packets").longValue() < 400) {
                        return false;
                    }
                    // each side's own streams, as the record counts them (fromCaller, fromCallee): the total
                    // alone can reach 400 with one side still at 199
                    java.util.Map<String, Long> bySide = ((JsonArray) AdminApi.getJson("/api/rtp-streams")).stream()
                            .map(JsonObject.class::cast).filter(x -> second.equals(x.getString("callId")))
                            .collect(java.util.stream.Collectors.groupingBy(x -> x.getString("tag"),
                                    java.util.stream.Collectors.summingLong(x -> x.getJsonNumber("packets").longValue())));
                    return bySide.size() == 2 && bySide.values().stream().allMatch(n -> n >= 200);
                });
                assertEquals(204, AdminApi.call("DELETE", "/api/calls/" + second, null).statusCode());
                // C hears A; A's side is judged at rtpengine (below): baresip 1.0 keeps its jitter buffer across
                // the new RTP stream a transfer brings and drops it as late when its sequence numbers are lower
                // than the old stream's (README, Transfers), so A's own recording is empty in half the runs
                Poll.untilTrue(WAIT, "C's recording", () -> c.recorded());
                short[] heardByC = c.heard();
                double cGetsA = Baresip.power(heardByC, 440);
                assertTrue(cGetsA > 0.01 && cGetsA > 100 * Baresip.power(heardByC, 1500), "C heard A's 440 Hz: " + cGetsA);
                // phone B was released by Ponte's BYE (baresip: "session closed: Connection reset by peer")
                // before it was stopped; its log is flushed when it stops
                b.close();
                String bLog = b.log();
                int released = bLog.indexOf("session closed: Connection reset by peer");
                assertTrue(released >= 0 && released < bLog.indexOf("terminated by signal"), "B got a BYE before it stopped: " + bLog);

                JsonArray records = Poll.until(WAIT, "both records", () -> {
                    JsonArray r = ((JsonObject) AdminApi.getJson("/api/calls/history?extension=851&from=" + started)).getJsonArray("calls");
                    return r.size() >= 2 ? r : null;
                });
                JsonObject toC = record(records, second);
                JsonObject toB = record(records, first);
                assertEquals("853", toC.getString("callee"), toC.toString());
                assertEquals("ANSWERED", toC.getString("disposition"));
                for (String side : List.of("fromCaller", "fromCallee")) { // 4 s and more each way through rtpengine
                    assertTrue(toC.getJsonObject(side).getJsonNumber("packets").longValue() >= 200, side + ": " + toC);
                }
                assertEquals("852", toB.getString("callee"), toB.toString());
                assertEquals("SYSTEM", toB.getString("hangupSide"), "the first call ended by the transfer: " + toB);
            }
        } finally {
            for (String ext : List.of("851", "852", "853")) {
                AdminApi.deleteUser(ext);
            }
        }
    }

    @Test
    void aPhonesReferTransfersTheOtherPartyAndIsToldAndReleased() throws Exception {
        Instant started = Instant.now();
        TestSubscribers.each(List.of("844", "845", "846"), () -> {
            try (EventStream events = EventStream.open(null)) {
                Sipp.silence(); // the transferee talks to the target after the move
            TestSubscribers.registerPhone("845", TestSubscribers.CALLER_PASSWORD, 16945);
                TestSubscribers.registerPhone("846", TestSubscribers.CALLER_PASSWORD, 16946);
                Sipp.Running transferor = Sipp.start("callee-refers.xml", 16945, Map.of("target", "846", "domain", TestSubscribers.DOMAIN), "-mp", "45000");
                Sipp.Running target = Sipp.start("call-uas.xml", 16946, Map.of(), "-mp", "46000", "-rtp_echo");
                Sipp.Result caller = Sipp.run("call-uac-transferred.xml", Map.of("caller", "844", "callee", "845", "domain", TestSubscribers.DOMAIN),
                        "-au", "844", "-ap", TestSubscribers.CALLER_PASSWORD, "-mp", "47000");
                Sipp.Result refer = transferor.await();
                Sipp.Result reached = target.await();
                assertTrue(refer.passed(), "transferor (202, NOTIFY 100, NOTIFY 200 terminated, BYE): " + refer.log());
                assertTrue(caller.passed(), "caller (re-INVITE without SDP, then talks to the target): " + caller.log());
                assertTrue(reached.passed(), "target (called with rtpengine's SDP, BYE at the end): " + reached.log());
                Received transferred = events.await(WAIT, "call.transferred", e -> e.type().equals("call.transferred")
                        && e.data().getString("target").equals("846"));
                assertEquals("caller", transferred.data().getString("stays"));
                JsonArray records = Poll.until(WAIT, "both records", () -> {
                    JsonArray r = ((JsonObject) AdminApi.getJson("/api/calls/history?extension=844&from=" + started)).getJsonArray("calls");
                    return r.size() >= 2 ? r : null;
                });
                JsonObject toTarget = record(records, transferred.data().getString("newCallId"));
                assertEquals("846", toTarget.getString("callee"));
            for (String side : List.of("fromCaller", "fromCallee")) { // the transferee and the target talk (echoed) through rtpengine
                assertTrue(toTarget.getJsonObject(side).getJsonNumber("packets").longValue() >= 100, side + ": " + toTarget);
            }
                assertEquals("CALLER", toTarget.getString("hangupSide"), toTarget.toString());
                assertEquals("SYSTEM", record(records, transferred.call().getString("id")).getString("hangupSide"));
            }
        });
    }

    @Test
    void aReferTheOtherPartyRefusesEndsWithAFailureNotifyAndTheCallGoesOn() throws Exception {
        Instant started = Instant.now();
        TestSubscribers.each(List.of("847", "848", "849"), () -> {
            TestSubscribers.registerPhone("848", TestSubscribers.CALLER_PASSWORD, 16948);
            TestSubscribers.registerPhone("849", TestSubscribers.CALLER_PASSWORD, 16949); // reachable, never rung
            Sipp.Running transferor = Sipp.start("callee-refers-refused.xml", 16948, Map.of("target", "849", "domain", TestSubscribers.DOMAIN),
                    "-mp", "45200");
            Sipp.Result caller = Sipp.run("call-uac-refuses-transfer.xml", Map.of("caller", "847", "callee", "848", "domain", TestSubscribers.DOMAIN),
                    "-au", "847", "-ap", TestSubscribers.CALLER_PASSWORD, "-mp", "47200");
            Sipp.Result refer = transferor.await();
            assertTrue(refer.passed(), "transferor (202, NOTIFY 100, NOTIFY 488 terminated, then its own BYE): " + refer.log());
            assertTrue(caller.passed(), "caller (refuses the re-INVITE with 488, then gets the BYE): " + caller.log());
            JsonArray records = Poll.until(WAIT, "the records", () -> {
                JsonArray r = ((JsonObject) AdminApi.getJson("/api/calls/history?extension=847&from=" + started)).getJsonArray("calls");
                return r.size() >= 2 ? r : null;
            });
            JsonObject call = records.stream().map(JsonObject.class::cast).filter(r -> "848".equals(r.getString("callee")))
                    .findFirst().orElseThrow(() -> new AssertionError("no record of the call to 848: " + records));
            assertEquals("ANSWERED", call.getString("disposition"), call.toString());
            assertEquals("CALLEE", call.getString("hangupSide"), "the call went on until the transferor hung up: " + call);
            JsonObject attempt = records.stream().map(JsonObject.class::cast).filter(r -> "849".equals(r.getString("callee")))
                    .findFirst().orElseThrow(() -> new AssertionError("no record of the transfer attempt: " + records));
            assertEquals(488, attempt.getInt("finalStatus"), "the attempt failed with the caller's refusal: " + attempt);
        });
    }

    /**
     * Attended transfer (RFC 5589 section 7): 855 answers 854 on one line (B1), calls 856 on its other line
     * (B2, the consultation call), then REFERs 854 to 856 with Replaces naming the consultation dialog. 854
     * is re-INVITEd without SDP, 856 is re-INVITEd on its existing dialog with the new call's rtpengine offer,
     * both of 855's lines are released, and 854 and 856 talk until 854 hangs up.
     */
    @Test
    void anAttendedTransferJoinsTheTwoOtherPartiesOnTheirOwnDialogsAndReleasesTheTransferor() throws Exception {
        Instant started = Instant.now();
        TestSubscribers.each(List.of("854", "855", "856"), () -> {
            try (EventStream events = EventStream.open(null)) {
                TestSubscribers.registerPhone("855", TestSubscribers.CALLER_PASSWORD, 16955);
                TestSubscribers.registerPhone("856", TestSubscribers.CALLER_PASSWORD, 16956);
                Sipp.silence(); // what the transferee says to the target, echoed back by the target (-rtp_echo)
                Sipp.Running target = Sipp.start("callee-joined.xml", 16956, Map.of(), "-mp", "45400", "-rtp_echo");
                String consultId = "consult-" + System.currentTimeMillis() + "@127.0.0.1"; // records keep Call-IDs: one per run
                Sipp.Running consulting = Sipp.start("call-uac-consults.xml", 16957,
                        Map.of("caller", "855", "callee", "856", "domain", TestSubscribers.DOMAIN),
                        "-au", "855", "-ap", TestSubscribers.CALLER_PASSWORD, "-mp", "45600", "-cid_str", consultId.replace("127.0.0.1", "%s"));
                String ponteTag = Poll.until(WAIT, "the consultation call to be answered", () -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("SIP/2.0 200 OK.*?To: <sip:856@[^>]*>;tag=([^\\s;]+)",
                            java.util.regex.Pattern.DOTALL).matcher(consulting.messages());
                    return m.find() ? m.group(1) : null;
                });
                String replaces = consultId.replace("@", "%40") + "%3Bto-tag%3D" + ponteTag + "%3Bfrom-tag%3Dconsult-b";
                Sipp.Running transferor = Sipp.start("callee-refers-replaces.xml", 16955,
                        Map.of("target", "856", "domain", TestSubscribers.DOMAIN, "replaces", replaces), "-mp", "45800");
                Sipp.Result caller = Sipp.run("call-uac-transferred.xml", Map.of("caller", "854", "callee", "855", "domain", TestSubscribers.DOMAIN),
                        "-au", "854", "-ap", TestSubscribers.CALLER_PASSWORD, "-mp", "47400");
                Sipp.Result refer = transferor.await();
                Sipp.Result consultation = consulting.await();
                Sipp.Result joined = target.await();
                assertTrue(refer.passed(), "transferor's first line (202, NOTIFY 100, NOTIFY 200 terminated, BYE): " + refer.log());
                assertTrue(caller.passed(), "transferee (re-INVITE without SDP, then talks to the target): " + caller.log());
                assertTrue(consultation.passed(), "transferor's second line (released with a BYE): " + consultation.log());
                assertTrue(joined.passed(), "target (re-INVITEd on its dialog with rtpengine's SDP, BYE at the end): " + joined.log());
                Received transferred = events.await(WAIT, "call.transferred of the first call", e -> e.type().equals("call.transferred")
                        && e.call().getJsonObject("callee").getString("party").equals("855")
                        && e.call().getJsonObject("caller").getString("party").equals("854"));
                String newCall = transferred.data().getString("newCallId");
                JsonArray records = Poll.until(WAIT, "the three records", () -> {
                    JsonArray r = ((JsonObject) AdminApi.getJson("/api/calls/history?from=" + started)).getJsonArray("calls");
                    return r.size() >= 3 ? r : null;
                }, () -> AdminApi.getJson("/api/calls/history?from=" + started) + " live: " + AdminApi.getJson("/api/calls"));
                JsonObject joinedCall = record(records, newCall);
                assertEquals("854", joinedCall.getString("caller"), joinedCall.toString());
                assertEquals("856", joinedCall.getString("callee"), joinedCall.toString());
                assertEquals("ANSWERED", joinedCall.getString("disposition"), joinedCall.toString());
                assertEquals("CALLER", joinedCall.getString("hangupSide"), joinedCall.toString());
                for (String side : List.of("fromCaller", "fromCallee")) { // about 3 s of 20 ms packets each way through rtpengine
                    assertTrue(joinedCall.getJsonObject(side).getJsonNumber("packets").longValue() >= 100, side + ": " + joinedCall);
                }
                JsonObject consultRecord = record(records, consultId);
                assertEquals("856", consultRecord.getString("callee"), consultRecord.toString());
                assertEquals("SYSTEM", consultRecord.getString("hangupSide"), "the consultation call ended by the transfer: " + consultRecord);
            }
        });
    }

    private static JsonObject record(JsonArray records, String callId) {
        return records.stream().map(JsonObject.class::cast).filter(r -> r.getString("callId").equals(callId)).findFirst()
                .orElseThrow(() -> new AssertionError("no record of " + callId + " in " + records));
    }
}
