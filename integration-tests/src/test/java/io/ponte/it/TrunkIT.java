package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
import io.ponte.it.support.Kamailio;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.RtpengineForClass;
import io.ponte.it.support.ServerLog;
import io.ponte.it.support.SipClient;
import io.ponte.it.support.Sipp;
import io.ponte.it.support.TestSubscribers;
import io.ponte.it.support.TestTrunk;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * SIP trunks with a real peer: Kamailio as the provider (registrar with digest auth, realm provider.test,
 * and its call routing: calls from Ponte challenged with 407 and sent to a SIPp phone at 127.0.0.1:5091,
 * calls from that phone sent to Ponte; record-routed). A trunk created over REST registers, shows
 * REGISTERED in the API, refreshes before its time is up on the same Call-ID, unregisters when deleted; a
 * wrong password shows FAILED with the provider's 401; the password is never returned nor logged. A
 * subscriber's call to 0 + number goes out through the trunk (prefix stripped, challenge answered) and
 * an outside call to the trunk's DID rings the extension it maps to, both anchored by rtpengine and recorded.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TrunkIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final RtpengineForClass RTPENGINE = new RtpengineForClass();
    private static final String CALLING_TRUNK = "{\"name\":\"provider-calls\",\"host\":\"127.0.0.1\",\"port\":5090,"
            + "\"username\":\"ponte-trunk\",\"password\":\"trunk-secret\","
            + "\"outbound\":{\"prefixes\":[\"0\"],\"strip\":1},\"inbound\":{\"numbers\":{\"4930123456\":\"862\"}}}";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void aTrunkRegistersRefreshesAndUnregistersWithKamailioAsTheProvider() throws Exception {
        try (Kamailio provider = Kamailio.start("provider.cfg", 5090)) {
            var created = AdminApi.call("POST", "/api/trunks", "{\"name\":\"provider\",\"host\":\"127.0.0.1\",\"port\":5090,"
                    + "\"transport\":\"udp\",\"username\":\"ponte-trunk\",\"password\":\"trunk-secret\",\"register\":true,\"registerExpires\":20}");
            assertEquals(201, created.statusCode(), created.body());
            assertFalse(created.body().contains("trunk-secret"), "the password is never returned: " + created.body());
            JsonObject trunk = ((JsonObject) AdminApi.json(created));
            assertTrue(trunk.getBoolean("passwordSet"));
            String path = "/api/trunks/" + trunk.getJsonNumber("id").longValue();
            try {
                JsonObject registered = Poll.until(WAIT, "the trunk to show REGISTERED", () -> {
                    JsonObject t = (JsonObject) AdminApi.getJson(path);
                    var regs = t.getJsonArray("registrations");
                    return !regs.isEmpty() && "REGISTERED".equals(regs.getJsonObject(0).getString("state")) ? regs.getJsonObject(0) : null;
                });
                assertEquals(200, registered.getInt("lastStatus"), registered.toString());
                assertTrue(registered.getJsonNumber("expiresInSeconds").longValue() <= 20, registered.toString());
                assertEquals(1, provider.logLines("PROVIDER REGISTER user=ponte-trunk").size(), provider.logText());
                // 20 s granted: refreshed with a fifth (5 s at least) left, on the same Call-ID with a higher CSeq
                List<String> twice = Poll.until(WAIT, "a refresh", () -> {
                    List<String> lines = provider.logLines("PROVIDER REGISTER user=ponte-trunk");
                    return lines.size() >= 2 ? lines : null;
                });
                assertEquals(field(twice.get(0), "callid"), field(twice.get(1), "callid"), twice.toString());
                assertTrue(Integer.parseInt(field(twice.get(1), "cseq")) > Integer.parseInt(field(twice.get(0), "cseq")), twice.toString());
                assertTrue(twice.get(0).contains("contact=<sip:ponte-trunk@127.0.0.1:5060;transport=udp>"), twice.get(0));
            } finally {
                assertEquals(204, AdminApi.call("DELETE", path, null).statusCode());
            }
            Poll.untilTrue(WAIT, "the unregistration (Expires: 0)", () -> provider.logLines("PROVIDER REGISTER").stream()
                    .anyMatch(l -> l.endsWith("expires=0")));
            assertEquals(404, AdminApi.call("GET", path, null).statusCode());

            var wrong = AdminApi.call("POST", "/api/trunks", "{\"name\":\"wrong\",\"host\":\"127.0.0.1\",\"port\":5090,"
                    + "\"username\":\"ponte-trunk\",\"password\":\"not-the-secret\",\"register\":true,\"registerExpires\":20}");
            assertEquals(201, wrong.statusCode(), wrong.body());
            String wrongPath = "/api/trunks/" + ((JsonObject) AdminApi.json(wrong)).getJsonNumber("id").longValue();
            try {
                JsonObject failed = Poll.until(WAIT, "the wrong password to show FAILED", () -> {
                    var regs = ((JsonObject) AdminApi.getJson(wrongPath)).getJsonArray("registrations");
                    return !regs.isEmpty() && "FAILED".equals(regs.getJsonObject(0).getString("state")) ? regs.getJsonObject(0) : null;
                });
                assertEquals(401, failed.getInt("lastStatus"), failed.toString());
            } finally {
                AdminApi.call("DELETE", wrongPath, null);
            }
            assertEquals(java.util.Optional.empty(), ServerLog.fileContaining("trunk-secret"), "a log holds the trunk's password");
            assertEquals(java.util.Optional.empty(), ServerLog.fileContaining("not-the-secret"), "a log holds the wrong password");
        }
    }

    @Test
    void aSubscribersCallGoesOutThroughTheTrunkWithItsPrefixStrippedAndTheChallengeAnswered() throws Exception {
        Instant start = Instant.now();
        try (Kamailio provider = Kamailio.start("provider.cfg", 5090); TestTrunk trunk = TestTrunk.create(CALLING_TRUNK)) {
            assertEquals(List.of("0"), trunk.view().getJsonObject("outbound").getJsonArray("prefixes").getValuesAs(JsonString::getString));
            TestSubscribers.each(List.of("861"), () -> {
                Sipp.Running outside = Sipp.start("provider-phone-answers.xml", 5091, Map.of(), "-mp", "41200");
                Sipp.Result caller = Sipp.run("call-uac.xml", Map.of("caller", "861", "callee", "0555123", "domain", TestSubscribers.DOMAIN),
                        "-au", "861", "-ap", TestSubscribers.CALLER_PASSWORD, "-mp", "42200");
                Sipp.Result answered = outside.await();
                assertTrue(caller.passed(), "the subscriber's call (answered with rtpengine's SDP): " + caller.log());
                assertTrue(answered.passed(), "the outside phone (offered rtpengine's SDP, got the BYE): " + answered.log());
                List<String> out = provider.logLines("PROVIDER OUT");
                assertEquals(1, out.size(), "one INVITE got past the provider's challenge: " + provider.logText());
                assertTrue(out.get(0).contains("to=555123 from=861 user=ponte-trunk"), out.get(0));
                JsonObject cdr = AdminApi.newestCallRecord("861", start);
                assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
                assertEquals("555123", cdr.getString("callee"), "the record names the number sent out: " + cdr);
                assertEquals("CALLER", cdr.getString("hangupSide"), cdr.toString());
                long talked = cdr.getJsonNumber("durationMs").longValue();
                assertTrue(talked >= 900 && talked <= 2500, "a second of call: " + cdr);
                assertTrue(cdr.containsKey("fromCaller") && cdr.containsKey("fromCallee"), "media counters from rtpengine: " + cdr);
            });
        }
        AdminApi.awaitNoLiveCall();
    }

    @Test
    void anOutsideCallToTheTrunksNumberRingsTheExtensionItMapsTo() throws Exception {
        Instant start = Instant.now();
        try (Kamailio provider = Kamailio.start("provider.cfg", 5090); TestTrunk trunk = TestTrunk.create(CALLING_TRUNK)) {
            TestSubscribers.each(List.of("862"), () -> {
                Sipp.Result[] call = outsideCallTo862(16960, "provider-phone-calls.xml", Map.of());
                Sipp.Result outside = call[0];
                Sipp.Result answered = call[1];
                assertTrue(outside.passed(), "the outside caller (no challenge, rtpengine's SDP in the 200): " + outside.log());
                assertTrue(answered.passed(), "extension 862's phone: " + answered.log());
                assertEquals(1, provider.logLines("PROVIDER IN to=4930123456 from=0301234567").size(), provider.logText());
                JsonObject cdr = AdminApi.newestCallRecord("862", start);
                assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
                assertEquals("0301234567", cdr.getString("caller"), cdr.toString());
                assertEquals("862", cdr.getString("callee"), "the DID maps to extension 862: " + cdr);
                assertEquals("CALLER", cdr.getString("hangupSide"), cdr.toString());
                assertTrue(cdr.containsKey("fromCaller") && cdr.containsKey("fromCallee"), "media counters from rtpengine: " + cdr);
                // a number of the trunk that maps to no extension
                Sipp.Result unknown = Sipp.run("provider-phone-refused.xml", Map.of("caller", "0301234567", "callee", "4930999999"),
                        "-rsa", "127.0.0.1:5090");
                assertTrue(unknown.passed(), "an unmapped number of the trunk is 404: " + unknown.log());
            });
        }
        AdminApi.awaitNoLiveCall();
    }

    @Test
    void anOutsideCallersReferToANumberOutThroughTheTrunkIsRefusedAndTheCallGoesOn() throws Exception {
        Instant start = Instant.now();
        try (Kamailio provider = Kamailio.start("provider.cfg", 5090); TestTrunk trunk = TestTrunk.create(CALLING_TRUNK)) {
            TestSubscribers.each(List.of("862"), () -> {
                Sipp.Result[] call = outsideCallTo862(16961, "provider-phone-refers.xml", Map.of("target", "0900555999"));
                Sipp.Result outside = call[0];
                Sipp.Result answered = call[1];
                assertTrue(outside.passed(), "the outside caller (REFER answered 403, then its own BYE): " + outside.log());
                assertTrue(outside.log().contains("SIP/2.0 403 Forbidden (an outside party is not transferred out through a trunk)"),
                        outside.log());
                assertTrue(answered.passed(), "extension 862's phone stays in the call until the BYE: " + answered.log());
                assertEquals(List.of(), provider.logLines("PROVIDER OUT"), "nothing went out through the trunk: " + provider.logText());
                JsonObject cdr = AdminApi.newestCallRecord("862", start);
                assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
                assertEquals("CALLER", cdr.getString("hangupSide"), "the outside caller hung up the call it still had: " + cdr);
                assertTrue(cdr.getJsonNumber("durationMs").longValue() >= 900, "the call went on after the refusal: " + cdr);
                assertTrue(ServerLog.lines("security.log").stream().anyMatch(l -> l.contains("CALL_REFUSED caller=0301234567 callee=900555999")),
                        "security.log names the refused transfer");
            });
        }
        AdminApi.awaitNoLiveCall();
    }

    @Test
    void clickToCallToANumberGoesOutThroughTheTrunk() throws Exception {
        Instant start = Instant.now();
        try (Kamailio provider = Kamailio.start("provider.cfg", 5090); TestTrunk trunk = TestTrunk.create(CALLING_TRUNK)) {
            TestSubscribers.each(List.of("863"), () -> {
                TestSubscribers.registerPhone("863", TestSubscribers.CALLER_PASSWORD, 16963);
                Sipp.Running agent = Sipp.start("click-caller-answers.xml", 16963, Map.of(), "-mp", "41400");
                Sipp.Running outside = Sipp.start("provider-phone-answers.xml", 5091, Map.of(), "-mp", "41500");
                var placed = AdminApi.call("POST", "/api/calls", "{\"from\":\"863\",\"to\":\"0555777\"}");
                assertEquals(201, placed.statusCode(), placed.body());
                Sipp.Result answered = agent.await();
                Sipp.Result reached = outside.await();
                assertTrue(answered.passed(), "the agent's phone (offer in its 200, rtpengine's answer in the ACK): " + answered.log());
                assertTrue(reached.passed(), "the outside phone (rtpengine's offer through the trunk, BYE): " + reached.log());
                assertEquals(1, provider.logLines("PROVIDER OUT to=555777 from=863 user=ponte-trunk").size(), provider.logText());
                JsonObject cdr = AdminApi.newestCallRecord("863", start);
                assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
                assertEquals("0555777", cdr.getString("callee"), cdr.toString());
            });
        }
        AdminApi.awaitNoLiveCall();
    }

    @Test
    void aTlsOnlyTrunksAddressOverUdpIsChallengedLikeAnyoneElse() throws Exception {
        String pbx = "{\"name\":\"tls-pbx\",\"host\":\"127.0.0.1\",\"port\":5099,\"transport\":\"tls\","
                + "\"inbound\":{\"sources\":[\"127.0.0.5\"],\"tlsOnly\":%s}}";
        try (TestTrunk trunk = TestTrunk.create(String.format(pbx, "true")); SipClient forger = new SipClient("127.0.0.5")) {
            assertTrue(trunk.view().getJsonObject("inbound").getBoolean("tlsOnly"), trunk.view().toString());
            var challenged = forger.send(forger.invite("0301234567", "999", "ponte.local", SipClient.newCallId(), List.of()));
            assertEquals(407, challenged.status(), "over UDP the trunk's address proves nothing: " + challenged.raw());
            var changed = AdminApi.call("PUT", trunk.path(), String.format(pbx, "false"));
            assertEquals(200, changed.statusCode(), changed.body());
            var taken = forger.send(forger.invite("0301234567", "999", "ponte.local", SipClient.newCallId(), List.of()));
            assertEquals(404, taken.status(), "without tlsOnly the same INVITE is the trunk's, for a number it does not have: " + taken.raw());
        }
    }

    /**
     * Extension 862's phone (a SIPp callee on {@code port}) registered, then an outside phone behind the
     * provider calls the trunk's DID {@code 4930123456} from {@code 0301234567} with {@code scenario}: what the
     * outside phone and 862's phone saw.
     */
    private static Sipp.Result[] outsideCallTo862(int port, String scenario, Map<String, String> keys) throws Exception {
        TestSubscribers.registerPhone("862", TestSubscribers.CALLER_PASSWORD, port);
        Sipp.Running phone = Sipp.start("call-uas.xml", port, Map.of(), "-mp", "41300");
        Map<String, String> all = new HashMap<>(Map.of("caller", "0301234567", "callee", "4930123456"));
        all.putAll(keys);
        Sipp.Result outside = Sipp.run(scenario, all, "-rsa", "127.0.0.1:5090", "-mp", "42300");
        return new Sipp.Result[] {outside, phone.await()};
    }

    @Test
    void badTrunksGetProblemsNamingTheField() {
        var noName = AdminApi.call("POST", "/api/trunks", "{\"host\":\"sip.provider.example\"}");
        assertEquals(400, noName.statusCode(), noName.body());
        assertTrue(noName.body().contains("name"), noName.body());
        var badTransport = AdminApi.call("POST", "/api/trunks", "{\"name\":\"x\",\"host\":\"h\",\"transport\":\"sctp\"}");
        assertEquals(400, badTransport.statusCode(), badTransport.body());
        assertTrue(badTransport.body().contains("transport"), badTransport.body());
        var noPassword = AdminApi.call("POST", "/api/trunks", "{\"name\":\"x\",\"host\":\"h\",\"username\":\"u\",\"register\":true}");
        assertEquals(400, noPassword.statusCode(), noPassword.body());
        assertTrue(noPassword.body().contains("password"), noPassword.body());
        var badPrefix = AdminApi.call("POST", "/api/trunks", "{\"name\":\"x\",\"host\":\"h\",\"outbound\":{\"prefixes\":[\"0\",\"9x\"]}}");
        assertEquals(400, badPrefix.statusCode(), badPrefix.body());
        assertTrue(badPrefix.body().contains("outbound.prefixes[1]"), badPrefix.body());
        var badSource = AdminApi.call("POST", "/api/trunks", "{\"name\":\"x\",\"host\":\"h\",\"inbound\":{\"sources\":[\"sip.example\"]}}");
        assertEquals(400, badSource.statusCode(), badSource.body());
        assertTrue(badSource.body().contains("inbound.sources[0]"), badSource.body());
        var world = AdminApi.call("POST", "/api/trunks", "{\"name\":\"x\",\"host\":\"h\",\"inbound\":{\"sources\":[\"192.0.2.1\",\"0.0.0.0/0\"]}}");
        assertEquals(400, world.statusCode(), "a trunk open to the world skips authentication for everyone: " + world.body());
        assertTrue(world.body().contains("inbound.sources[1]") && world.body().contains("wideSources"), world.body());
        var wide = AdminApi.call("POST", "/api/trunks", "{\"name\":\"wide\",\"host\":\"h\",\"inbound\":{\"sources\":[\"198.51.100.0/22\"],\"wideSources\":true}}");
        assertEquals(201, wide.statusCode(), "wider with the explicit flag: " + wide.body());
        assertTrue(((JsonObject) AdminApi.json(wide)).getJsonObject("inbound").getBoolean("wideSources"), wide.body());
        assertEquals(204, AdminApi.call("DELETE", "/api/trunks/" + ((JsonObject) AdminApi.json(wide)).getJsonNumber("id").longValue(), null).statusCode());
        var badTarget = AdminApi.call("POST", "/api/trunks", "{\"name\":\"x\",\"host\":\"h\",\"inbound\":{\"numbers\":{\"+4930\":\"two\"}}}");
        assertEquals(400, badTarget.statusCode(), badTarget.body());
        assertTrue(badTarget.body().contains("inbound.numbers[+4930]"), badTarget.body());
        var first = AdminApi.call("POST", "/api/trunks", "{\"name\":\"twice\",\"host\":\"h\"}");
        assertEquals(201, first.statusCode(), first.body());
        var again = AdminApi.call("POST", "/api/trunks", "{\"name\":\"twice\",\"host\":\"h2\"}");
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("name"), again.body());
        AdminApi.call("DELETE", "/api/trunks/" + ((JsonObject) AdminApi.json(first)).getJsonNumber("id").longValue(), null);
    }

    private static String field(String line, String name) {
        int at = line.indexOf(name + "=");
        int end = line.indexOf(' ', at);
        return line.substring(at + name.length() + 1, end < 0 ? line.length() : end);
    }
}
