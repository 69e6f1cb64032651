package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
import io.ponte.it.support.TestSubscribers;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Click-to-call over REST (RFC 3725): two real softphones, the {@code from} one rung first, then the
 * {@code to} one; both hear each other through rtpengine, a real SSE client watches the call's events,
 * and the record says what happened. Failures end the call with a disposition.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClickToCallIT {

    @RegisterExtension
    static final RtpengineForClass RTPENGINE = new RtpengineForClass();

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void theFromPhoneRingsFirstThenBothHearEachOtherAndTheStreamShowsTheCall() throws Exception {
        Instant started = Instant.now();
        TestSubscribers.provisionMd5Only("811", "click-a-pass");
        TestSubscribers.provisionMd5Only("812", "click-b-pass");
        try (Baresip a = Baresip.start("811", "click-a-pass", 5212, 440, 60);
             Baresip b = Baresip.start("812", "click-b-pass", 5222, 1000, 60);
             EventStream events = EventStream.open(null)) {
            TestSubscribers.awaitRegistered("811");
            TestSubscribers.awaitRegistered("812");
            Instant clicked = Instant.now();
            var placed = AdminApi.call("POST", "/api/calls", "{\"from\":\"811\",\"to\":\"812\"}");
            assertEquals(201, placed.statusCode(), placed.body());
            JsonObject call = ((JsonObject) AdminApi.json(placed));
            String id = call.getString("callId");
            assertTrue(placed.headers().firstValue("Location").orElse("").endsWith("/api/calls/" + id), placed.headers().toString());
            assertEquals("811", call.getString("caller"));
            assertEquals("812", call.getString("callee"));

            Received answered = events.await(WAIT, "call.answered", EventStream.call("call.answered", id));
            Duration setup = Duration.between(clicked, Instant.parse(answered.call().getString("answeredAt")));
            Poll.untilTrue(WAIT, "the from phone shown who it will talk to, the to phone who calls",
                    () -> a.logged("call on line 1 from sip:812@") && b.logged("call on line 1 from sip:811@"));
            // talk until rtpengine has carried 4 s of audio each way (50 packets/s per side)
            Poll.untilTrue(WAIT, "4 s of RTP both ways through rtpengine", () -> {
                JsonObject live = (JsonObject) AdminApi.getJson("/api/calls/" + id);
                return live.containsKey("rtpTotal") && !live.isNull("rtpTotal")
                        && live.getJsonObject("rtpTotal").getJsonNumber("packets").longValue() >= 400;
            });
            assertEquals(204, AdminApi.call("DELETE", "/api/calls/" + id, null).statusCode());
            Received ended = events.await(WAIT, "call.ended", EventStream.call("call.ended", id));
            assertEquals("ANSWERED", ended.call().getString("disposition"));
            assertEquals("SYSTEM", ended.call().getString("endedBy"));

            List<Received> mine = events.received().stream().filter(e -> e.data().containsKey("call")
                    && e.call().getString("id").equals(id)).toList();
            List<String> types = mine.stream().map(Received::type).toList();
            assertEquals("call.started", types.get(0), types.toString());
            assertTrue(types.indexOf("call.answered") < types.indexOf("call.ended"), types.toString());
            // the from phone alerts before the to phone is even called (a phone that answers at once may send no 180)
            List<String> ringing = mine.stream().filter(e -> e.type().equals("call.ringing")).map(e -> e.call().getString("ringingSide")).toList();
            assertTrue(ringing.equals(List.of("caller", "callee")) || ringing.equals(List.of("callee")) || ringing.equals(List.of("caller")),
                    "ringing sides in order: " + ringing);
            long maxDelay = mine.stream().mapToLong(e -> e.delay().toMillis()).max().orElseThrow();
            System.out.printf("click-to-call setup (POST to answered by the callee) %d ms; events %s;"
                    + " delivery delay per event %s ms (max %d ms)%n", setup.toMillis(), types,
                    mine.stream().map(e -> e.delay().toMillis()).toList(), maxDelay);

            Poll.untilTrue(WAIT, "both phones' recordings", () -> a.recorded() && b.recorded());
            Baresip.assertHeardEachOther(a, 440, b, 1000);
            JsonObject cdr = AdminApi.newestCallRecord("811", started);
            assertEquals(id, cdr.getString("callId"), cdr.toString());
            assertEquals("812", cdr.getString("callee"));
            assertEquals("ANSWERED", cdr.getString("disposition"));
            assertTrue(cdr.getJsonObject("fromCaller").getJsonNumber("packets").longValue() > 100, cdr.toString());
            assertTrue(cdr.getJsonObject("fromCallee").getJsonNumber("packets").longValue() > 100, cdr.toString());
        } finally {
            AdminApi.deleteUser("811");
            AdminApi.deleteUser("812");
        }
    }

    @Test
    void anUnregisteredFromOrAnUnknownToEndsTheCallWithAClearRecord() {
        Instant started = Instant.now();
        TestSubscribers.provisionMd5Only("813", "click-c-pass");
        TestSubscribers.provisionMd5Only("814", "click-d-pass");
        try (EventStream events = EventStream.open(null)) {
            String offline = placed("{\"from\":\"813\",\"to\":\"814\"}");
            JsonObject ended = events.await(WAIT, "the call to an unregistered phone to end",
                    EventStream.call("call.ended", offline)).call();
            assertEquals(480, ended.getInt("finalStatus"), ended.toString());
            assertEquals("NO_ANSWER", ended.getString("disposition"));

            String unknown = placed("{\"from\":\"813\",\"to\":\"8999\"}");
            JsonObject failed = events.await(WAIT, "the call to nobody to end", EventStream.call("call.ended", unknown)).call();
            assertEquals(404, failed.getInt("finalStatus"), failed.toString());
            assertEquals("FAILED", failed.getString("disposition"));
            JsonObject cdr = AdminApi.newestCallRecord("813", started);
            assertTrue(List.of(offline, unknown).contains(cdr.getString("callId")), cdr.toString());
        } finally {
            AdminApi.deleteUser("813");
            AdminApi.deleteUser("814");
        }
    }

    @Test
    void aBadBodyGetsAProblemNamingTheField() {
        var missing = AdminApi.call("POST", "/api/calls", "{\"to\":\"812\"}");
        assertEquals(400, missing.statusCode(), missing.body());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(missing.body().contains("from"), missing.body());
        var letters = AdminApi.call("POST", "/api/calls", "{\"from\":\"811\",\"to\":\"sales\"}");
        assertEquals(400, letters.statusCode(), letters.body());
        assertTrue(letters.body().contains("\"to\""), letters.body());
    }

    private static String placed(String body) {
        var r = AdminApi.call("POST", "/api/calls", body);
        assertEquals(201, r.statusCode(), r.body());
        return ((JsonObject) AdminApi.json(r)).getString("callId");
    }
}
