package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Kamailio;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.ServerLog;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * SIP trunks with a real peer: Kamailio as the provider's registrar (digest auth, realm provider.test).
 * A trunk created over REST registers, shows REGISTERED in the API, refreshes before its time is up on the
 * same Call-ID, unregisters when deleted; a wrong password shows FAILED with the provider's 401; the
 * password is never returned nor logged.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TrunkIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
