package io.ponte.auth.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.ponte.auth.digest.DigestAuthenticator.Decision;
import io.ponte.auth.digest.DigestAuthenticator.StoredSecret;

class DigestAuthenticatorTest {

    private static final String SRC = "192.0.2.10";

    private static final String REALM = "ponte.local";
    private static final String URI = "sip:ponte.local";
    private final MutableClock clock = new MutableClock();
    private final DigestAuthenticator auth = new DigestAuthenticator(REALM,
            new NonceManager("a-test-secret-of-some-length".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60), clock),
            List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));
    private final StoredSecret secret = new StoredSecret("201",
            DigestAlgorithm.MD5.ha1("201", REALM, "secret-201"), DigestAlgorithm.SHA_256.ha1("201", REALM, "secret-201"));

    @Test
    void aNonceIssuedToAnotherAddressIsChallengedAgainNeverForbidden() {
        String nonce = nonceOf(auth.challenges(false, SRC).get(0));
        String forged = "198.51.100.7"; // a packet claiming a source that never received this nonce
        assertEquals(new Decision.Challenge(false, "unknown nonce, or one issued to another address"),
                auth.authenticate("REGISTER", header(DigestAlgorithm.MD5, "201", "guess", nonce, "00000001"), secret, forged));
        assertEquals(new Decision.Challenge(false, "unknown nonce, or one issued to another address"),
                auth.authenticate("REGISTER", header(DigestAlgorithm.MD5, "202", "guess", nonce, "00000001"), secret, forged),
                "someone else's credentials with a foreign nonce prove nothing either");
        assertInstanceOf(Decision.Forbidden.class,
                auth.authenticate("REGISTER", header(DigestAlgorithm.MD5, "201", "guess", nonce, "00000001"), secret, SRC),
                "from the address that got the challenge, a wrong password is a failure");
    }

    @Test
    void challengesOfferEachAlgorithmInOrderWithOneNonce() {
        List<String> c = auth.challenges(false, SRC);
        assertEquals(2, c.size());
        assertTrue(c.get(0).contains("algorithm=SHA-256"), c.get(0));
        assertTrue(c.get(1).contains("algorithm=MD5"), c.get(1));
        assertEquals(nonceOf(c.get(0)), nonceOf(c.get(1)));
        assertTrue(c.get(0).contains("qop=\"auth\"") && c.get(0).contains("realm=\"ponte.local\""));
        assertTrue(auth.challenges(true, SRC).get(0).endsWith("stale=true"));
    }

    @Test
    void rightPasswordIsAcceptedWithEitherAlgorithm() {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            String nonce = nonceOf(auth.challenges(false, SRC).get(0));
            assertEquals(new Decision.Accepted(a), auth.authenticate("REGISTER", header(a, "201", "secret-201", nonce, "00000001"), secret, SRC));
        }
    }

    @Test
    void wrongPasswordIsForbidden() {
        String nonce = nonceOf(auth.challenges(false, SRC).get(0));
        assertInstanceOf(Decision.Forbidden.class,
                auth.authenticate("REGISTER", header(DigestAlgorithm.MD5, "201", "wrong", nonce, "00000001"), secret, SRC));
    }

    @Test
    void credentialsOfAnotherUserAreForbidden() {
        String nonce = nonceOf(auth.challenges(false, SRC).get(0));
        assertInstanceOf(Decision.Forbidden.class,
                auth.authenticate("REGISTER", header(DigestAlgorithm.MD5, "202", "secret-201", nonce, "00000001"), secret, SRC));
    }

    @Test
    void aStaleNonceWithTheRightPasswordGetsStaleTrue() {
        String nonce = nonceOf(auth.challenges(false, SRC).get(0));
        clock.advance(Duration.ofSeconds(61));
        assertEquals(new Decision.Challenge(true, "stale nonce"),
                auth.authenticate("REGISTER", header(DigestAlgorithm.SHA_256, "201", "secret-201", nonce, "00000001"), secret, SRC));
    }

    @Test
    void aReplayedNonceCountIsChallengedAgain() {
        String nonce = nonceOf(auth.challenges(false, SRC).get(0));
        String h = header(DigestAlgorithm.MD5, "201", "secret-201", nonce, "00000001");
        assertInstanceOf(Decision.Accepted.class, auth.authenticate("REGISTER", h, secret, SRC));
        assertEquals(new Decision.Challenge(false, "replayed nonce count"), auth.authenticate("REGISTER", h, secret, SRC));
        assertInstanceOf(Decision.Accepted.class,
                auth.authenticate("REGISTER", header(DigestAlgorithm.MD5, "201", "secret-201", nonce, "00000002"), secret, SRC));
    }

    @Test
    void noCredentialsUnknownNonceOrOtherRealmAreChallenged() {
        assertInstanceOf(Decision.Challenge.class, auth.authenticate("REGISTER", null, secret, SRC));
        assertInstanceOf(Decision.Challenge.class,
                auth.authenticate("REGISTER", header(DigestAlgorithm.MD5, "201", "secret-201", "not-our-nonce", "00000001"), secret, SRC));
        String nonce = nonceOf(auth.challenges(false, SRC).get(0));
        assertInstanceOf(Decision.Challenge.class, auth.authenticate("REGISTER",
                header(DigestAlgorithm.MD5, "201", "secret-201", nonce, "00000001").replace(REALM, "elsewhere"), secret, SRC));
    }

    @Test
    void anAlgorithmNotOfferedIsChallenged() {
        DigestAuthenticator md5Only = new DigestAuthenticator(REALM,
                new NonceManager("a-test-secret-of-some-length".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60), clock),
                List.of(DigestAlgorithm.MD5));
        String nonce = nonceOf(md5Only.challenges(false, SRC).get(0));
        assertEquals(1, md5Only.challenges(false, SRC).size());
        assertInstanceOf(Decision.Challenge.class,
                md5Only.authenticate("REGISTER", header(DigestAlgorithm.SHA_256, "201", "secret-201", nonce, "00000001"), secret, SRC));
    }

    @Test
    void garbageAndMissingQopAreMalformed() {
        assertInstanceOf(Decision.Malformed.class, auth.authenticate("REGISTER", "Digest nonsense", secret, SRC));
        String nonce = nonceOf(auth.challenges(false, SRC).get(0));
        String noQop = "Digest username=\"201\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + URI
                + "\", response=\"00\"";
        assertInstanceOf(Decision.Malformed.class, auth.authenticate("REGISTER", noQop, secret, SRC));
    }

    private static String header(DigestAlgorithm a, String user, String password, String nonce, String nc) {
        String response = a.response(a.ha1(user, REALM, password), nonce, nc, "c0ffee", "auth", "REGISTER", URI);
        return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + URI
                + "\", response=\"" + response + "\", algorithm=" + a.token() + ", qop=auth, nc=" + nc + ", cnonce=\"c0ffee\"";
    }

    private static String nonceOf(String challenge) {
        Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        assertTrue(m.find(), challenge);
        return m.group(1);
    }
}
