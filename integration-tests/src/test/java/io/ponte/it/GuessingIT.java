package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.ServerLog;
import io.ponte.it.support.PonteServer;
import io.ponte.it.support.RawHttp;
import io.ponte.it.support.SipClient;
import io.ponte.it.support.TestDigest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * Password guessing is stopped: a source that fails to authenticate 10 times (PONTE_BAN_MAX_FAILURES'
 * default) is banned: its requests, the right guess included, go unanswered, while the subscriber's own
 * phone at another address keeps registering. The ban shows in {@code /api/security/bans} and
 * security.log, and lifts when it runs out (PONTE_BAN_TIME is 20 s in the tests) and when deleted.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GuessingIT {

    private static final String EXT = "341";
    private static final String PASSWORD = "right-pass-341";
    private static final String DOMAIN = "ponte.local";
    private static final String GUESSER = "127.0.0.2";
    private static final String PHONE = "127.0.0.3";
    /** A provider's or a phone's address that an attacker writes as the source of forged packets. */
    private static final String VICTIM = "127.0.0.4";
    private static final String API_GUESSER = "127.0.0.6";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void anApiPasswordGuesserIsLoggedAndBannedAfterTenFailures() throws Exception {
        String right = AdminApi.basic(PonteServer.ADMIN_USER, PonteServer.ADMIN_PASSWORD);
        assertEquals(200, RawHttp.get(API_GUESSER, "/api/statistics", right).status(), "not banned to begin with");
        for (int i = 1; i <= 10; i++) {
            RawHttp.Reply wrong = RawHttp.get(API_GUESSER, "/api/statistics", AdminApi.basic("admin", "guess-number-" + i));
            assertEquals(401, wrong.status(), "guess " + i + ": " + wrong.head());
        }
        RawHttp.Reply banned = RawHttp.get(API_GUESSER, "/api/statistics", right);
        assertEquals(403, banned.status(), "the right password, after 10 wrong ones, from the same address: " + banned.head());
        assertEquals(10, securityLog().stream().filter(l -> l.contains("API_LOGIN_FAILED source=" + API_GUESSER + " ")
                && l.contains("user=admin")).count(), "API_LOGIN_FAILED lines");
        assertTrue(securityLog().stream().noneMatch(l -> l.contains("guess-number-")), "no password in security.log");
        assertTrue(securityLog().stream().anyMatch(l -> l.contains("BANNED source=" + API_GUESSER + " ")), "no BANNED line");
        assertNotNull(banOf(API_GUESSER));
        assertEquals(200, AdminApi.call("GET", "/api/statistics", null).statusCode(), "the administrator elsewhere is not affected");
        assertEquals(204, AdminApi.call("DELETE", "/api/security/bans/" + API_GUESSER, null).statusCode());
        assertEquals(200, RawHttp.get(API_GUESSER, "/api/statistics", right).status(), "let in once the ban is lifted");
    }

    @Test
    void aGuesserIsBannedAfterTenFailuresWhileTheSubscribersPhoneKeepsRegistering() throws Exception {
        AdminApi.deleteUser(EXT);
        AdminApi.createUser(EXT, "Guessed", PASSWORD);
        ScheduledExecutorService phoneThread = Executors.newSingleThreadScheduledExecutor();
        List<Integer> phoneAnswers = Collections.synchronizedList(new ArrayList<>());
        SipClient phoneClient = new SipClient(PHONE);
        AtomicInteger n = new AtomicInteger();
        phoneThread.scheduleAtFixedRate(() -> { // the phone re-registers every 200 ms, well under the flood limit
            try {
                phoneAnswers.add(register(phoneClient, PASSWORD, "phone-" + n.incrementAndGet(), null));
            } catch (IOException | RuntimeException | AssertionError e) {
                phoneAnswers.add(-1);
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        try (SipClient guesser = new SipClient(GUESSER)) {
            assertEquals(10, guessUntilSilenced(guesser), "failures answered before the ban");
            String[] nonce = new String[1];
            assertEquals(0, register(guesser, PASSWORD, "right-guess", nonce), "the right password, now, is never answered");

            JsonObject ban = banOf(GUESSER);
            assertNotNull(ban, "no ban for " + GUESSER + " in " + AdminApi.getJson("/api/security/bans"));
            assertEquals("AUTO", ban.getString("origin"));
            assertTrue(securityLog().stream().anyMatch(l -> l.contains("BANNED source=" + GUESSER + " ")), "no BANNED line");
            assertEquals(10, securityLog().stream().filter(l -> l.contains("AUTH_FAILED source=" + GUESSER + " ")
                    && l.contains("extension=" + EXT)).count(), "AUTH_FAILED lines for the guesser");

            Poll.untilTrue(Duration.ofSeconds(40), "the ban to run out", () -> answered(guesser));
            Poll.untilTrue(Duration.ofSeconds(15), "UNBANNED by=expiry in security.log", () -> securityLog().stream()
                    .anyMatch(l -> l.contains("UNBANNED source=" + GUESSER + " by=expiry")));

            assertEquals(10, guessUntilSilenced(guesser), "failures answered before the second ban");
            assertEquals(204, AdminApi.call("DELETE", "/api/security/bans/" + GUESSER, null).statusCode());
            assertTrue(answered(guesser), "answered again once the ban is deleted");
            assertNull(banOf(GUESSER));
        } finally {
            phoneThread.shutdown();
            assertTrue(phoneThread.awaitTermination(10, TimeUnit.SECONDS));
            phoneClient.close();
        }
        assertTrue(phoneAnswers.size() >= 5, "the phone registered " + phoneAnswers.size() + " times");
        assertTrue(phoneAnswers.stream().allMatch(s -> s == 200), "the phone's answers: " + phoneAnswers);
    }

    /**
     * Packets sent "from" someone else's address (UDP sources can be forged) carry made-up nonces or nonces
     * issued to another address: they are challenged again and count nowhere, so they never ban the owner of
     * that address, who then registers at once.
     */
    @Test
    void forgedRegistersWithMadeUpOrForeignNoncesBanNobody() throws Exception {
        AdminApi.deleteUser(EXT);
        AdminApi.createUser(EXT, "Guessed", PASSWORD);
        String foreign;
        try (SipClient elsewhere = new SipClient(PHONE)) {
            elsewhere.sendRaw(elsewhere.register(EXT, DOMAIN, "nonce-for-phone@" + PHONE, 1, List.of()));
            foreign = TestDigest.challengeFor(elsewhere.await(1500).all("WWW-Authenticate"), "MD5");
        }
        String madeUp = foreign.replaceAll("nonce=\"[^\"]*\"", "nonce=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"");
        try (SipClient forger = new SipClient(VICTIM)) {
            for (int i = 0; i < 25; i++) {
                String challenge = i % 2 == 0 ? madeUp : foreign;
                List<String> headers = List.of("Contact: <sip:" + EXT + "@" + VICTIM + ":" + forger.port() + ">", "Expires: 60",
                        TestDigest.authorization(challenge, EXT, "guess-" + i, "REGISTER", "sip:" + DOMAIN, "00000001"));
                forger.sendRaw(forger.register(EXT, DOMAIN, "forged-" + i + "-" + System.nanoTime() + "@" + VICTIM, 1, headers));
                SipClient.Response r = forger.await(1500);
                assertNotNull(r, "forged REGISTER " + i + " answered");
                assertEquals(401, r.status(), "a nonce this address never received is challenged again, not refused: " + r.raw());
            }
            assertNull(banOf(VICTIM), "25 forged failures ban nobody");
            assertTrue(securityLog().stream().noneMatch(l -> l.contains("AUTH_FAILED source=" + VICTIM + " ")),
                    "and are no failure in security.log");
            assertEquals(200, register(forger, PASSWORD, "owner", null), "the address's owner registers at once");
        } finally {
            AdminApi.deleteUser(EXT);
        }
    }

    @Test
    void bansAreAddedListedAndLiftedOverRest() {
        HttpResponse<String> created = AdminApi.call("POST", "/api/security/bans",
                "{\"address\":\"192.0.2.77\",\"durationSeconds\":120,\"reason\":\"seen scanning\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject ban = banOf("192.0.2.77");
        assertNotNull(ban);
        assertEquals("ADMIN", ban.getString("origin"));
        assertEquals("seen scanning", ban.getString("reason"));

        HttpResponse<String> bad = AdminApi.call("POST", "/api/security/bans", "{\"address\":\"example.com\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"address\""), bad.body());
        HttpResponse<String> missing = AdminApi.call("POST", "/api/security/bans", "{\"durationSeconds\":5}");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("address"), missing.body());

        assertEquals(204, AdminApi.call("DELETE", "/api/security/bans/192.0.2.77", null).statusCode());
        assertEquals(404, AdminApi.call("DELETE", "/api/security/bans/192.0.2.77", null).statusCode());
        assertNull(banOf("192.0.2.77"));
    }

    /** Wrong passwords as fast as the answers come, until there is none; returns the failures answered. */
    private static int guessUntilSilenced(SipClient guesser) throws IOException {
        int failures = 0;
        for (int attempt = 0; attempt < 40; attempt++) {
            int status = register(guesser, "guess-" + attempt, "guess-" + attempt + "-" + System.nanoTime(), null);
            if (status == 0) {
                return failures;
            }
            assertTrue(status == 401 || status == 403, "a wrong password was answered " + status);
            failures++;
        }
        throw new AssertionError("40 wrong passwords and no ban");
    }

    /**
     * One registration with {@code password}: the final status of the credentialed REGISTER, or 0 if a
     * step went unanswered. {@code nonce}, if given, keeps the last challenge for a later request.
     */
    private static int register(SipClient client, String password, String callIdPrefix, String[] nonce) throws IOException {
        String callId = callIdPrefix + "@" + client.address();
        List<String> contact = List.of("Contact: <sip:" + EXT + "@" + client.address() + ":" + client.port() + ">", "Expires: 60");
        client.sendRaw(client.register(EXT, DOMAIN, callId, 1, contact));
        SipClient.Response challenge = client.await(1500);
        if (challenge == null) {
            return 0;
        }
        assertEquals(401, challenge.status(), challenge.raw());
        String md5 = TestDigest.challengeFor(challenge.all("WWW-Authenticate"), "MD5");
        if (nonce != null) {
            nonce[0] = md5;
        }
        List<String> withAuth = new ArrayList<>(contact);
        withAuth.add(TestDigest.authorization(md5, EXT, password, "REGISTER", "sip:" + DOMAIN, "00000001"));
        client.sendRaw(client.register(EXT, DOMAIN, callId, 2, withAuth));
        SipClient.Response answer = client.await(1500);
        return answer == null ? 0 : answer.status();
    }

    private static boolean answered(SipClient client) {
        try {
            client.sendRaw(client.register(EXT, DOMAIN, "probe-" + System.nanoTime() + "@" + client.address(), 1, List.of()));
            SipClient.Response r = client.await(1000);
            return r != null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject banOf(String address) {
        JsonArray bans = (JsonArray) AdminApi.getJson("/api/security/bans");
        return bans.stream().map(v -> (JsonObject) v).filter(b -> b.getString("address").equals(address)).findFirst().orElse(null);
    }

    private static List<String> securityLog() {
        return ServerLog.lines("security.log");
    }
}
