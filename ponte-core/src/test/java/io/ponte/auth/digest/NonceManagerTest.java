package io.ponte.auth.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ponte.auth.digest.NonceManager.Freshness;

class NonceManagerTest {

    private static final String SRC = "192.0.2.10";

    private final MutableClock clock = new MutableClock();
    private final NonceManager nonces = new NonceManager("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(300), clock);

    @Test
    void aNewNonceIsFreshAndUnique() {
        String n = nonces.issue(SRC);
        assertEquals(43, n.length());
        assertEquals(Freshness.FRESH, nonces.check(n, SRC));
        assertNotEquals(n, nonces.issue(SRC));
    }

    @Test
    void aNonceGoesStaleAfterItsTimeToLive() {
        String n = nonces.issue(SRC);
        clock.advance(Duration.ofSeconds(300));
        assertEquals(Freshness.FRESH, nonces.check(n, SRC));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Freshness.STALE, nonces.check(n, SRC));
    }

    @Test
    void aForgedOrForeignNonceIsInvalid() {
        String n = nonces.issue(SRC);
        char flipped = n.charAt(10) == 'A' ? 'B' : 'A';
        assertEquals(Freshness.INVALID, nonces.check(n.substring(0, 10) + flipped + n.substring(11), SRC));
        NonceManager other = new NonceManager("another-secret-of-20b".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(300), clock);
        assertEquals(Freshness.INVALID, nonces.check(other.issue(SRC), SRC));
        assertEquals(Freshness.INVALID, nonces.check("short", SRC));
        assertEquals(Freshness.INVALID, nonces.check(null, SRC));
    }

    @Test
    void eachNonceCountIsAcceptedOnceAndOnlyUpwards() {
        String n = nonces.issue(SRC);
        assertTrue(nonces.markUsed(n, 1));
        assertFalse(nonces.markUsed(n, 1), "replay of nc=1");
        assertTrue(nonces.markUsed(n, 2));
        assertFalse(nonces.markUsed(n, 1), "older count");
    }

    @Test
    void purgeForgetsCountsOfNoncesThatCanNoLongerBeUsed() {
        String old = nonces.issue(SRC);
        nonces.markUsed(old, 1);
        clock.advance(Duration.ofSeconds(301));
        String fresh = nonces.issue(SRC);
        nonces.markUsed(fresh, 1);
        assertEquals(1, nonces.purgeExpired());
        assertEquals(1, nonces.remembered());
    }

    @Test
    void aNonceIsValidOnlyFromTheAddressItWasIssuedTo() {
        String n = nonces.issue(SRC);
        assertEquals(Freshness.INVALID, nonces.check(n, "192.0.2.11"));
        assertEquals(Freshness.INVALID, nonces.check(n, "2001:db8::10"));
        assertEquals(Freshness.FRESH, nonces.check(n, SRC));
    }
}
