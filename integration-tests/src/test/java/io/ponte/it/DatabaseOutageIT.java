package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.SipClient;
import io.ponte.it.support.Sipp;
import io.ponte.it.support.TestDatabase;
import io.ponte.it.support.TestDigest;
import jakarta.json.JsonObject;

/** PostgreSQL goes away and comes back: service degrades to clear 503s, nothing stored is lost. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseOutageIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void registerGets503WithRetryAfterWhileTheDatabaseIsDownAndWorksOnceItIsBack() throws Exception {
        AdminApi.deleteUser("601");
        AdminApi.createUser("601", "Outage", "outage-pass");
        Map<String, String> keys = Map.of("ext", "601", "domain", "ponte.local", "expires", "900");
        assertTrue(Sipp.run("register.xml", keys, "-au", "601", "-ap", "outage-pass").passed());

        TestDatabase.stop();
        try {
            Poll.untilTrue(Duration.ofSeconds(30), "health to report the database down", () -> {
                var r = AdminApi.call("GET", "/api/health", null, null);
                return r.statusCode() == 503 && !((JsonObject) AdminApi.json(r)).getBoolean("database");
            });
            try (SipClient phone = new SipClient()) {
                String callId = SipClient.newCallId();
                String contact = "Contact: <sip:601@127.0.0.1:" + phone.port() + ">";
                SipClient.Response r = phone.send(phone.register("601", "ponte.local", callId, 1, List.of(contact, "Expires: 300")));
                if (r.status() == 401) {
                    // the subscriber was still in the few-seconds cache: the challenge needs no database,
                    // storing the binding does
                    String md5 = TestDigest.challengeFor(r.all("WWW-Authenticate"), "MD5");
                    r = phone.send(phone.register("601", "ponte.local", callId, 2, List.of(contact, "Expires: 300",
                            TestDigest.authorization(md5, "601", "outage-pass", "REGISTER", "sip:ponte.local", "00000001"))));
                }
                assertEquals(503, r.status(), r.raw());
                assertEquals("5", r.first("Retry-After"), r.raw());
            }
            assertTrue(Sipp.run("options.xml", Map.of()).passed(), "OPTIONS needs no database");
        } finally {
            TestDatabase.start();
        }

        Poll.untilTrue(Duration.ofSeconds(60), "health to be UP again",
                () -> AdminApi.call("GET", "/api/health", null, null).statusCode() == 200);
        JsonObject user = (JsonObject) AdminApi.getJson("/api/users/601");
        assertTrue(user.getBoolean("registered"), "the binding stored before the outage is kept: " + user);
        Poll.untilTrue(Duration.ofSeconds(30), "REGISTER to succeed again",
                () -> Sipp.run("register.xml", keys, "-au", "601", "-ap", "outage-pass").passed());
        AdminApi.deleteUser("601");
        assertFalse(AdminApi.call("GET", "/api/users/601", null).statusCode() == 200);
    }
}
