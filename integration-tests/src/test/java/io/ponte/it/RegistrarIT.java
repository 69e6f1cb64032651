package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Poll;
import io.ponte.it.support.TestDatabaseRows;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.SipClient;
import io.ponte.it.support.Sipp;
import io.ponte.it.support.TestDigest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * The registrar against real clients: SIPp computes MD5 digests itself; SHA-256, replays and malformed
 * requests come from a small UDP client written from the RFCs. What a phone would see, plus what an
 * administrator then sees over REST.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegistrarIT {

    private static final String DOMAIN = "ponte.local";
    private static final String PASSWORD = "s3cret-pass";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    private final List<String> created = new java.util.ArrayList<>();

    private String provision(String ext) {
        AdminApi.deleteUser(ext);
        AdminApi.createUser(ext, "Test " + ext, PASSWORD);
        created.add(ext);
        return ext;
    }

    @AfterEach
    void removeSubscribers() {
        created.forEach(AdminApi::deleteUser);
    }

    private static Sipp.Result sipp(String scenario, String ext, String password) {
        return Sipp.run(scenario, Map.of("ext", ext, "domain", DOMAIN, "expires", "300"), "-au", ext, "-ap", password);
    }

    private static JsonArray contactsOf(String ext) {
        return ((JsonObject) AdminApi.getJson("/api/users/" + ext)).getJsonArray("contacts");
    }

    @Test
    void md5DigestRegistrationByASippPhoneShowsUpOverRest() {
        String ext = provision("301");
        Sipp.Result r = sipp("register.xml", ext, PASSWORD);
        assertTrue(r.passed(), r.log());
        JsonObject user = (JsonObject) AdminApi.getJson("/api/users/" + ext);
        assertTrue(user.getBoolean("registered"), user.toString());
        JsonObject contact = user.getJsonArray("contacts").getJsonObject(0);
        assertTrue(contact.getString("uri").startsWith("sip:301@127.0.0.1:"), contact.toString());
        long expiresIn = contact.getJsonNumber("expiresIn").longValue();
        assertTrue(expiresIn > 290 && expiresIn <= 300, "expiresIn " + expiresIn);
    }

    @Test
    void sha256DigestRegistrationIsAccepted() throws Exception {
        String ext = provision("302");
        try (SipClient phone = new SipClient()) {
            String callId = SipClient.newCallId();
            List<String> base = List.of("Contact: <sip:302@127.0.0.1:" + phone.port() + ">", "Expires: 120");
            SipClient.Response challenge = phone.send(phone.register(ext, DOMAIN, callId, 1, base));
            assertEquals(401, challenge.status(), challenge.raw());
            assertEquals(2, challenge.all("WWW-Authenticate").size(), "one challenge per algorithm: " + challenge.raw());
            String sha = TestDigest.challengeFor(challenge.all("WWW-Authenticate"), "SHA-256");
            assertNotNull(sha, challenge.raw());
            assertTrue(sha.contains("qop=\"auth\""), sha);

            List<String> withAuth = new java.util.ArrayList<>(base);
            withAuth.add(TestDigest.authorization(sha, ext, PASSWORD, "REGISTER", "sip:" + DOMAIN, "00000001"));
            SipClient.Response ok = phone.send(phone.register(ext, DOMAIN, callId, 2, withAuth));
            assertEquals(200, ok.status(), ok.raw());
            assertTrue(ok.first("Contact").matches("<sip:302@127\\.0\\.0\\.1:\\d+>;expires=1(1\\d|20)"), ok.raw());
            assertNotNull(ok.first("Date"), ok.raw());

            // the same nonce count again is a replay: challenged, not accepted
            List<String> replay = new java.util.ArrayList<>(base);
            replay.add(withAuth.get(withAuth.size() - 1));
            SipClient.Response replayed = phone.send(phone.register(ext, DOMAIN, callId, 3, replay));
            assertEquals(401, replayed.status(), replayed.raw());

            // a query-only REGISTER (no Contact) lists the binding without changing it
            List<String> query = new java.util.ArrayList<>();
            query.add(TestDigest.authorization(sha, ext, PASSWORD, "REGISTER", "sip:" + DOMAIN, "00000002"));
            SipClient.Response listed = phone.send(phone.register(ext, DOMAIN, callId, 4, query));
            assertEquals(200, listed.status(), listed.raw());
            assertEquals(1, listed.all("Contact").size(), listed.raw());
        }
    }

    @Test
    void anAddressOfRecordKeepsAtMostTenContactsAndAnEleventhIs403() throws Exception {
        String ext = provision("311");
        try (SipClient phone = new SipClient()) {
            String callId = SipClient.newCallId();
            List<String> ten = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ten.add("Contact: <sip:311@127.0.0.1:" + (17000 + i) + ">");
            }
            ten.add("Expires: 120");
            SipClient.Response challenge = phone.send(phone.register(ext, DOMAIN, callId, 1, ten));
            String md5 = TestDigest.challengeFor(challenge.all("WWW-Authenticate"), "MD5");
            List<String> withAuth = new java.util.ArrayList<>(ten);
            withAuth.add(TestDigest.authorization(md5, ext, PASSWORD, "REGISTER", "sip:" + DOMAIN, "00000001"));
            SipClient.Response bound = phone.send(phone.register(ext, DOMAIN, callId, 2, withAuth));
            assertEquals(200, bound.status(), bound.raw());
            assertEquals(10, String.join(",", bound.all("Contact")).split("<sip:", -1).length - 1, "ten bindings: " + bound.raw());

            List<String> eleventh = new java.util.ArrayList<>(List.of("Contact: <sip:311@127.0.0.1:17010>", "Expires: 120"));
            eleventh.add(TestDigest.authorization(md5, ext, PASSWORD, "REGISTER", "sip:" + DOMAIN, "00000002"));
            SipClient.Response refused = phone.send(phone.register(ext, DOMAIN, SipClient.newCallId(), 1, eleventh));
            assertEquals(403, refused.status(), refused.raw());
            assertEquals("Forbidden (at most 10 contacts)", refused.reason(), refused.raw());

            List<String> eleven = new java.util.ArrayList<>(ten);
            eleven.add(0, "Contact: <sip:311@127.0.0.1:17011>");
            eleven.add(TestDigest.authorization(md5, ext, PASSWORD, "REGISTER", "sip:" + DOMAIN, "00000003"));
            SipClient.Response atOnce = phone.send(phone.register(ext, DOMAIN, callId, 3, eleven));
            assertEquals(403, atOnce.status(), "eleven contacts in one REGISTER: " + atOnce.raw());
        }
        JsonObject user = (JsonObject) AdminApi.getJson("/api/users/" + ext);
        assertEquals(10, user.getJsonArray("contacts").size(), "the refused REGISTERs bound nothing: " + user);
    }

    @Test
    void registrationOverTcpWorksToo() {
        String ext = provision("308");
        Sipp.Result r = Sipp.run("register.xml", Map.of("ext", ext, "domain", DOMAIN, "expires", "300"),
                "-au", ext, "-ap", PASSWORD, "-t", "t1");
        assertTrue(r.passed(), r.log());
        assertEquals(1, contactsOf(ext).size());
    }

    @Test
    void anExpiredBindingDisappearsAndIsPurgedFromTheDatabase() {
        String ext = provision("309");
        Sipp.Result r = Sipp.run("register.xml", Map.of("ext", ext, "domain", DOMAIN, "expires", "10"),
                "-au", ext, "-ap", PASSWORD);
        assertTrue(r.passed(), r.log());
        assertEquals(1, contactsOf(ext).size());
        Poll.untilTrue(Duration.ofSeconds(20), "the binding to expire", () -> contactsOf(ext).isEmpty());
        Poll.untilTrue(Duration.ofSeconds(45), "the purge job to delete the expired row",
                () -> TestDatabaseRows.bindingRows(ext) == 0);
    }

    @Test
    void thePasswordIsStoredOnlyAsDigestHashes() {
        String ext = provision("310");
        String row = TestDatabaseRows.storedSecrets(ext);
        assertNotNull(row);
        assertFalse(row.contains(PASSWORD), "the password itself must not be stored: " + row);
        assertTrue(row.contains(TestDigest.md5Ha1(ext, DOMAIN, PASSWORD)), "MD5 HA1 stored: " + row);
    }

    @Test
    void wrongPasswordIsForbidden() {
        String ext = provision("303");
        Sipp.Result r = sipp("register-forbidden.xml", ext, "not-the-password");
        assertTrue(r.passed(), r.log());
        assertEquals(0, contactsOf(ext).size());
    }

    @Test
    void severalContactsThenExpiresZeroOnOneThenWildcardRemovesAll() {
        String ext = provision("305");
        Sipp.Result two = sipp("register-two-contacts.xml", ext, PASSWORD);
        assertTrue(two.passed(), two.log());
        assertEquals(2, contactsOf(ext).size());

        Sipp.Result removeOne = sipp("register-remove-one.xml", ext, PASSWORD);
        assertTrue(removeOne.passed(), removeOne.log());
        JsonArray left = contactsOf(ext);
        assertEquals(1, left.size());
        assertTrue(left.getJsonObject(0).getString("uri").startsWith("sip:305-soft@"), left.toString());

        Sipp.Result all = sipp("register-wildcard.xml", ext, PASSWORD);
        assertTrue(all.passed(), all.log());
        assertEquals(0, contactsOf(ext).size());
    }

    @Test
    void tooBriefAnExpiryGets423WithMinExpires() {
        String ext = provision("306");
        Sipp.Result r = sipp("register-too-brief.xml", ext, PASSWORD);
        assertTrue(r.passed(), r.log());
        assertEquals(0, contactsOf(ext).size());
    }

    @Test
    void malformedRequestsGet400AndTheServerKeepsServing() throws Exception {
        String ext = provision("307");
        try (SipClient phone = new SipClient()) {
            SipClient.Response badWildcard = phone.send(phone.register(ext, DOMAIN, SipClient.newCallId(), 1,
                    List.of("Contact: *", "Expires: 3600")));
            // unauthenticated requests are challenged first; a bad wildcard from an authenticated one is 400
            assertEquals(401, badWildcard.status(), badWildcard.raw());
            String md5 = TestDigest.challengeFor(badWildcard.all("WWW-Authenticate"), "MD5");
            String callId = SipClient.newCallId();
            SipClient.Response r = phone.send(phone.register(ext, DOMAIN, callId, 2, List.of("Contact: *", "Expires: 3600",
                    TestDigest.authorization(md5, ext, PASSWORD, "REGISTER", "sip:" + DOMAIN, "00000001"))));
            assertEquals(400, r.status(), r.raw());
            assertTrue(r.reason().contains("Contact: *"), r.reason());

            SipClient.Response badAuth = phone.send(phone.register(ext, DOMAIN, callId, 3, List.of(
                    "Contact: <sip:307@127.0.0.1:" + phone.port() + ">", "Authorization: Digest username=\"307")));
            assertEquals(400, badAuth.status(), badAuth.raw());

            for (String garbage : List.of("\r\n\r\n", "NOT SIP AT ALL\r\n\r\n", "REGISTER sip:x SIP/2.0\r\nVia: broken\r\n\r\n")) {
                phone.sendRaw(garbage);
            }
        }
        Sipp.Result stillServing = Sipp.run("options.xml", Map.of());
        assertTrue(stillServing.passed(), stillServing.log());
    }
}
