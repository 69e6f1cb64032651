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

    private final MutableClock clock = new MutableClock();
    private final NonceManager nonces = new NonceManager("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(300), clock);

    @Test
    void aNewNonceIsFreshAndUnique() {
        String n = nonces.issue();
        assertEquals(43, n.length());
        assertEquals(Freshness.FRESH, nonces.check(n));
        assertNotEquals(n, nonces.issue());
    }

    @Test
    void aNonceGoesStaleAfterItsTimeToLive() {
        String n = nonces.issue();
        clock.advance(Duration.ofSeconds(300));
        assertEquals(Freshness.FRESH, nonces.check(n));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Freshness.STALE, nonces.check(n));
    }

    @Test
    void aForgedOrForeignNonceIsInvalid() {
        String n = nonces.issue();
        char flipped = n.charAt(10) == 'A' ? 'B' : 'A';
        assertEquals(Freshness.INVALID, nonces.check(n.substring(0, 10) + flipped + n.substring(11)));
        NonceManager other = new NonceManager("another-secret-of-20b".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(300), clock);
        assertEquals(Freshness.INVALID, nonces.check(other.issue()));
        assertEquals(Freshness.INVALID, nonces.check("short"));
        assertEquals(Freshness.INVALID, nonces.check(null));
    }

    @Test
    void eachNonceCountIsAcceptedOnceAndOnlyUpwards() {
        String n = nonces.issue();
        assertTrue(nonces.markUsed(n, 1));
        assertFalse(nonces.markUsed(n, 1), "replay of nc=1");
        assertTrue(nonces.markUsed(n, 2));
        assertFalse(nonces.markUsed(n, 1), "older count");
    }

    @Test
    void purgeForgetsCountsOfNoncesThatCanNoLongerBeUsed() {
        String old = nonces.issue();
        nonces.markUsed(old, 1);
        clock.advance(Duration.ofSeconds(301));
        String fresh = nonces.issue();
        nonces.markUsed(fresh, 1);
        assertEquals(1, nonces.purgeExpired());
        assertEquals(1, nonces.remembered());
    }
}
