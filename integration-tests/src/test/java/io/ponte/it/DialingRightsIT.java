package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.RtpengineForClass;
import io.ponte.it.support.ServerLog;
import io.ponte.it.support.Sipp;
import io.ponte.it.support.TestSubscribers;
import io.ponte.it.support.TestTrunk;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * Toll-fraud rules as a subscriber's phone meets them: a trunk classes its numbers by prefix
 * ({@code 00}: international, {@code 0900}: premium); a subscriber allowed only national numbers dialing
 * {@code 00...}, and any subscriber with the default rights dialing {@code 0900...}, gets {@code 403} and
 * nothing goes out; a subscriber allowed one call at once gets {@code 403} for a second call while the
 * first goes on; each refusal is a call record and a {@code security.log} line.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DialingRightsIT {

    @RegisterExtension
    static final RtpengineForClass RTPENGINE = new RtpengineForClass();
    private static final String CLASSED_TRUNK = "{\"name\":\"classed-provider\",\"host\":\"127.0.0.1\",\"port\":5090,"
            + "\"outbound\":{\"prefixes\":[\"0\"],\"strip\":1,\"classes\":{\"00\":\"international\",\"0900\":\"premium\"}}}";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void aSubscriberWithoutInternationalRightsCannotDialZeroZeroAndNobodyDialsPremiumByDefault() throws Exception {
        Instant start = Instant.now();
        try (TestTrunk trunk = TestTrunk.create(CLASSED_TRUNK)) {
            assertEquals("international", trunk.view().getJsonObject("outbound").getJsonObject("classes").getString("00"), trunk.view().toString());
            AdminApi.deleteUser("871");
            TestSubscribers.each(List.of("870"), () -> {
                var created = AdminApi.call("POST", "/api/users", "{\"extension\":\"871\",\"password\":\"" + TestSubscribers.CALLER_PASSWORD
                        + "\",\"rights\":{\"dialing\":[\"national\"]}}");
                assertEquals(201, created.statusCode(), created.body());
                try {
                    JsonObject view = (JsonObject) AdminApi.getJson("/api/users/871");
                    assertEquals(List.of("national"), view.getJsonObject("rights").getJsonArray("dialing").getValuesAs(JsonString::getString));
                    String refusal = refusalOf("871", "00442079460000");
                    assertTrue(refusal.contains("SIP/2.0 403 Forbidden (international numbers not allowed)"), refusal);
                    String premium = refusalOf("870", "0900123456");
                    assertTrue(premium.contains("SIP/2.0 403 Forbidden (premium numbers not allowed)"), premium);
                    JsonObject cdr = AdminApi.newestCallRecord("871", start);
                    assertEquals(403, cdr.getInt("finalStatus"), cdr.toString());
                    assertEquals("SYSTEM", cdr.getString("hangupSide"), cdr.toString());
                    List<String> refused = ServerLog.lines("security.log").stream().filter(l -> l.contains("CALL_REFUSED")).toList();
                    assertTrue(refused.stream().anyMatch(l -> l.contains("caller=871 callee=0442079460000")), refused.toString());
                    assertTrue(refused.stream().anyMatch(l -> l.contains("caller=870 callee=900123456")), refused.toString());
                } finally {
                    AdminApi.deleteUser("871");
                }
            });
        }
        AdminApi.awaitNoCallOrSipSession(); // a refused call leaves no session behind
    }

    @Test
    void badRightsGetProblemsNamingTheField() {
        var badClass = AdminApi.call("POST", "/api/users", "{\"extension\":\"875\",\"password\":\"long-enough-1\","
                + "\"rights\":{\"dialing\":[\"Inter national\"]}}");
        assertEquals(400, badClass.statusCode(), badClass.body());
        assertTrue(badClass.body().contains("rights.dialing"), badClass.body());
        var badLimit = AdminApi.call("POST", "/api/users", "{\"extension\":\"875\",\"password\":\"long-enough-1\",\"rights\":{\"maxCalls\":0}}");
        assertEquals(400, badLimit.statusCode(), badLimit.body());
        assertTrue(badLimit.body().contains("rights.maxCalls"), badLimit.body());
        var badTrunkClass = AdminApi.call("POST", "/api/trunks", "{\"name\":\"x\",\"host\":\"h\",\"outbound\":{\"classes\":{\"00\":\"Intl!\"}}}");
        assertEquals(400, badTrunkClass.statusCode(), badTrunkClass.body());
        assertTrue(badTrunkClass.body().contains("outbound.classes"), badTrunkClass.body());
    }

    @Test
    void aSubscriberOverItsLimitOfCallsAtOnceGets403WhileItsFirstCallGoesOn() throws Exception {
        Instant start = Instant.now();
        TestSubscribers.each(List.of("873"), () -> {
            AdminApi.deleteUser("872");
            var created = AdminApi.call("POST", "/api/users", "{\"extension\":\"872\",\"password\":\"" + TestSubscribers.CALLER_PASSWORD
                    + "\",\"rights\":{\"maxCalls\":1}}");
            assertEquals(201, created.statusCode(), created.body());
            try {
                TestSubscribers.registerPhone("873", TestSubscribers.CALLER_PASSWORD, 16972);
                Sipp.Running phone = Sipp.start("call-uas.xml", 16972, Map.of(), "-mp", "41600");
                Map<String, String> keys = Map.of("caller", "872", "callee", "873", "domain", TestSubscribers.DOMAIN);
                Sipp.Running first = Sipp.start("call-uac-long.xml", 16973, keys, "-au", "872", "-ap", TestSubscribers.CALLER_PASSWORD,
                        "-d", "3000", "-mp", "42600");
                AdminApi.answeredCallOf("872");
                Sipp.Result second = Sipp.run("call-forbidden.xml", keys, "-au", "872", "-ap", TestSubscribers.CALLER_PASSWORD);
                assertTrue(second.passed(), "the second call: " + second.log());
                assertTrue(second.log().contains("SIP/2.0 403 Forbidden (at most 1 call at once)"), second.log());
                Sipp.Result firstDone = first.await();
                assertTrue(firstDone.passed(), "the first call went on to its BYE: " + firstDone.log());
                assertTrue(phone.await().passed(), "873's phone rang once, for the first call only");
                jakarta.json.JsonArray records = io.ponte.it.support.Poll.until(java.time.Duration.ofSeconds(10), "both calls of 872 recorded", () -> {
                    jakarta.json.JsonArray calls = ((JsonObject) AdminApi.getJson("/api/calls/history?extension=872&from=" + start)).getJsonArray("calls");
                    return calls.size() == 2 ? calls : null;
                });
                assertEquals(403, records.getJsonObject(0).getInt("finalStatus"), "the second call, refused: " + records);
                assertEquals("ANSWERED", records.getJsonObject(1).getString("disposition"), "the first call: " + records);
            } finally {
                AdminApi.deleteUser("872");
            }
        });
        AdminApi.awaitNoCallOrSipSession();
    }

    /** The messages of a call from {@code caller} to {@code dialed} that Ponte must refuse. */
    private static String refusalOf(String caller, String dialed) {
        Sipp.Result r = Sipp.run("call-forbidden.xml", Map.of("caller", caller, "callee", dialed, "domain", TestSubscribers.DOMAIN),
                "-au", caller, "-ap", TestSubscribers.CALLER_PASSWORD);
        assertTrue(r.passed(), "the refused call: " + r.log());
        return r.log();
    }
}
