package io.ponte.auth.digest;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks server nonces (RFC 2617 section 3.2.1, RFC 7616 section 3.3).
 *
 * <p>A nonce carries its issue time and a random part, sealed with an HMAC under a server secret over
 * those and the source address it was issued to, so any node holding the same secret can check it without
 * shared state, and a nonce presented from another address is not ours: a request whose source was forged
 * cannot carry a valid nonce, because the challenge went to the real owner of that address. A nonce older
 * than the time to live is <em>stale</em>: the client knew the password and only needs a fresh nonce ({@code stale=true}).
 * Replays are caught by remembering, per nonce, the highest nonce-count ({@code nc}) accepted: a request
 * must present a higher one (RFC 7616 section 3.4).
 */
public final class NonceManager {

    /** How a nonce presented by a client stands. */
    public enum Freshness { FRESH, STALE, INVALID }

    private static final int BODY = 16;
    private static final int MAC = 16;

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> highestNc = new ConcurrentHashMap<>();
    /** One initialised Mac per thread: getting and keying one costs more than using it. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public NonceManager(byte[] secret, Duration ttl, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the nonce secret needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A new nonce for a challenge sent to {@code source} (the request's source address): 43 URL-safe characters. */
    public String issue(String source) {
        ByteBuffer buf = ByteBuffer.allocate(BODY + MAC);
        buf.putLong(clock.millis());
        byte[] r = new byte[8];
        random.nextBytes(r);
        buf.put(r);
        buf.put(mac(buf.array(), BODY, source));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /**
     * Whether {@code nonce} is one of ours, issued to {@code source}, and still within its time to live
     * (INVALID for a nonce issued to another address).
     */
    public Freshness check(String nonce, String source) {
        Long issued = issuedAt(nonce, source);
        if (issued == null) {
            return Freshness.INVALID;
        }
        long age = clock.millis() - issued;
        return age < 0 || age > ttl.toMillis() ? Freshness.STALE : Freshness.FRESH;
    }

    /**
     * Records that a request authenticated with {@code nonce} and nonce-count {@code nc}.
     *
     * @return false if that count, or a higher one, was already used with this nonce: a replay
     */
    public boolean markUsed(String nonce, long nc) {
        boolean[] fresh = {false};
        highestNc.compute(nonce, (k, previous) -> {
            if (previous == null || nc > previous) {
                fresh[0] = true;
                return nc;
            }
            return previous;
        });
        return fresh[0];
    }

    /** Forgets nonce-counts of nonces that can no longer be used; returns how many were dropped. */
    public int purgeExpired() {
        int before = highestNc.size();
        highestNc.keySet().removeIf(n -> expired(n));
        return before - highestNc.size();
    }

    int remembered() {
        return highestNc.size();
    }

    /** A remembered nonce (checked when it was marked) past its time to live. */
    private boolean expired(String nonce) {
        try {
            long age = clock.millis() - ByteBuffer.wrap(Base64.getUrlDecoder().decode(nonce)).getLong();
            return age < 0 || age > ttl.toMillis();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private Long issuedAt(String nonce, String source) {
        if (nonce == null || nonce.length() != 43) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != BODY + MAC) {
            return null;
        }
        byte[] expected = mac(raw, BODY, source);
        byte[] given = new byte[MAC];
        System.arraycopy(raw, BODY, given, 0, MAC);
        if (!MessageDigest.isEqual(expected, given)) {
            return null;
        }
        return ByteBuffer.wrap(raw).getLong();
    }

    private byte[] mac(byte[] data, int len, String source) {
        Mac m = macs.get();
        m.update(data, 0, len);
        m.update(String.valueOf(source).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] full = m.doFinal();
        byte[] out = new byte[MAC];
        System.arraycopy(full, 0, out, 0, MAC);
        return out;
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
