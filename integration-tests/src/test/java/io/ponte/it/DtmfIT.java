package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
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
import jakarta.json.JsonObject;

/**
 * DTMF end to end: RFC 4733 digits from one phone reach the other through rtpengine, a digit sent as SIP
 * INFO is turned into RFC 4733 for the other phone, digits posted to the API are played into the call,
 * and every digit appears on the event stream (rtpengine reports them to Ponte).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DtmfIT {

    @RegisterExtension
    static final RtpengineForClass RTPENGINE = new RtpengineForClass();

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void rfc4733AndInfoDigitsFromAPhoneReachTheOtherPhoneAndTheStream() throws Exception {
        TestSubscribers.provisionMd5Only("826", "dtmf-b-pass");
        AdminApi.deleteUser("825");
        AdminApi.createUser("825", "DTMF caller", "dtmf-a-pass");
        try (Baresip callee = Baresip.start("826", "dtmf-b-pass", 5242, 1000, 60);
             EventStream events = EventStream.open(null)) {
            TestSubscribers.awaitRegistered("826");
            Sipp.silence(); // for the caller scenario's rtp_stream
            Sipp.Result caller = Sipp.run("call-uac-dtmf.xml", Map.of("caller", "825", "callee", "826", "domain", TestSubscribers.DOMAIN),
                    "-au", "825", "-ap", "dtmf-a-pass", "-mp", "43000");
            assertTrue(caller.passed(), "caller (200 to its INFO from Ponte): " + caller.log());
            Poll.untilTrue(WAIT, "the callee phone to receive digits 1 (RFC 4733) and 5 (sent as INFO)",
                    () -> callee.logged("received event: '1'") && callee.logged("received event: '5' (end=1)"));
            Received one = digit(events, "1");
            Received five = digit(events, "5");
            assertEquals("caller", one.data().getString("side"), one.data().toString());
            assertEquals("caller", five.data().getString("side"), five.data().toString());
            assertEquals(one.call().getString("id"), five.call().getString("id"));
            System.out.printf("DTMF events: digit 1 after %d ms, digit 5 after %d ms%n", one.delay().toMillis(), five.delay().toMillis());
        } finally {
            AdminApi.deleteUser("825");
            AdminApi.deleteUser("826");
        }
    }

    @Test
    void digitsPostedToTheApiArePlayedToTheCallee() throws Exception {
        TestSubscribers.provisionMd5Only("827", "dtmf-c-pass");
        TestSubscribers.provisionMd5Only("828", "dtmf-d-pass");
        try (Baresip b = Baresip.start("828", "dtmf-d-pass", 5252, 1000, 60);
             EventStream events = EventStream.open(null)) {
            TestSubscribers.awaitRegistered("828");
            try (Baresip a = Baresip.start("827", "dtmf-c-pass", 5262, 440, 60, "/dial sip:828@127.0.0.1")) {
                String id = AdminApi.answeredCallOf("827").getString("callId");
                var bad = AdminApi.call("POST", "/api/calls/" + id + "/dtmf", "{\"digits\":\"12x\"}");
                assertEquals(400, bad.statusCode(), bad.body());
                assertTrue(bad.body().contains("digits"), bad.body());
                assertEquals(404, AdminApi.call("POST", "/api/calls/no-such-call/dtmf", "{\"digits\":\"1\"}").statusCode());
                var played = AdminApi.call("POST", "/api/calls/" + id + "/dtmf", "{\"digits\":\"9#\"}");
                assertEquals(202, played.statusCode(), played.body());
                Poll.untilTrue(WAIT, "the callee phone to receive 9 and #",
                        () -> b.logged("received event: '9' (end=1)") && b.logged("received event: '#' (end=1)"));
                assertTrue(!a.logged("received event:"), "the caller's phone gets nothing: " + a.log());
                assertEquals("caller", digit(events, "9").data().getString("side"), "played from the caller's side");
                digit(events, "#");
                assertEquals(204, AdminApi.call("DELETE", "/api/calls/" + id, null).statusCode());
            }
        } finally {
            AdminApi.deleteUser("827");
            AdminApi.deleteUser("828");
        }
    }

    private static Received digit(EventStream events, String digit) {
        return events.await(WAIT, "call.dtmf " + digit, e -> e.type().equals("call.dtmf") && e.data().getString("digit").equals(digit));
    }
}
