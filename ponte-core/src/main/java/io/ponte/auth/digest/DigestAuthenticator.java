package io.ponte.auth.digest;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server side of SIP digest authentication (RFC 3261 section 22, qop=auth, MD5 and SHA-256 per RFC 8760).
 * Plain Java: it checks one request's credentials against a subscriber's stored HA1 values.
 */
public final class DigestAuthenticator {

    /** What to do with a request after its credentials were checked. */
    public sealed interface Decision {
        /** The credentials are right and fresh. */
        record Accepted(DigestAlgorithm algorithm) implements Decision { }

        /**
         * Answer 401/407 with fresh challenges; {@code stale} when only the nonce was too old. Not a failure
         * of the source: its nonce may be unknown, foreign or replayed, which a forged packet can be.
         */
        record Challenge(boolean stale, String why) implements Decision { }

        /**
         * Answer 403: wrong password or credentials for someone else, presented with a nonce issued to this
         * very source, which therefore received our challenge: a failure that may count towards a ban.
         */
        record Forbidden(String why) implements Decision { }

        /** Answer 400: the header cannot be parsed (no failure of the source: nothing proves who sent it). */
        record Malformed(String why) implements Decision { }
    }

    /** The HA1 values kept for one subscriber in this realm. */
    public record StoredSecret(String username, String ha1Md5, String ha1Sha256) {
        String ha1(DigestAlgorithm a) {
            return a == DigestAlgorithm.MD5 ? ha1Md5 : ha1Sha256;
        }
    }

    private final String realm;
    private final NonceManager nonces;
    private final List<DigestAlgorithm> algorithms;

    /**
     * @param realm      the realm (Ponte's SIP domain)
     * @param nonces     issues and checks nonces
     * @param algorithms the algorithms offered, most preferred first
     */
    public DigestAuthenticator(String realm, NonceManager nonces, List<DigestAlgorithm> algorithms) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one digest algorithm is needed");
        }
        this.realm = realm;
        this.nonces = nonces;
        this.algorithms = List.copyOf(algorithms);
    }

    public String realm() {
        return realm;
    }

    /**
     * Checks the credentials of one request.
     *
     * @param method        the request's method (part of HA2)
     * @param authorization the {@code Authorization} header value, or null if the request had none
     * @param secret        what is stored for the subscriber the request claims to be
     * @param source        the request's source address (nonces are bound to the address they were issued to)
     */
    public Decision authenticate(String method, String authorization, StoredSecret secret, String source) {
        return authenticate(method, authorization, secret, algorithms, source);
    }

    /** As {@link #authenticate(String, String, StoredSecret, String)}, accepting only {@code offered} algorithms. */
    public Decision authenticate(String method, String authorization, StoredSecret secret, List<DigestAlgorithm> offered,
                                 String source) {
        if (authorization == null) {
            return new Decision.Challenge(false, "no credentials");
        }
        DigestCredentials c;
        try {
            c = DigestCredentials.parse(authorization);
        } catch (MalformedCredentialsException e) {
            return new Decision.Malformed("Malformed Authorization header: " + e.getMessage());
        }
        if (!realm.equals(c.realm())) {
            return new Decision.Challenge(false, "credentials for another realm");
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(c.algorithm().orElse(null));
        if (algorithm.isEmpty() || !offered.contains(algorithm.get())) {
            return new Decision.Challenge(false, "unsupported algorithm");
        }
        if (!"auth".equals(c.qop().orElse(null)) || c.nc().isEmpty() || c.cnonce().isEmpty()) {
            return new Decision.Malformed("Malformed Authorization header: qop=auth with nc and cnonce is required");
        }
        long nc;
        try {
            nc = Long.parseLong(c.nc().get(), 16);
        } catch (NumberFormatException e) {
            return new Decision.Malformed("Malformed Authorization header: nc is not hexadecimal");
        }
        NonceManager.Freshness freshness = nonces.check(c.nonce(), source);
        if (freshness == NonceManager.Freshness.INVALID) {
            return new Decision.Challenge(false, "unknown nonce, or one issued to another address");
        }
        if (!secret.username().equals(c.username())) {
            return new Decision.Forbidden("credentials are for another user");
        }
        DigestAlgorithm a = algorithm.get();
        String expected = a.response(secret.ha1(a), c.nonce(), c.nc().get(), c.cnonce().get(), "auth", method, c.uri());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                c.response().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new Decision.Forbidden("wrong password");
        }
        if (freshness == NonceManager.Freshness.STALE) {
            return new Decision.Challenge(true, "stale nonce");
        }
        if (!nonces.markUsed(c.nonce(), nc)) {
            return new Decision.Challenge(false, "replayed nonce count");
        }
        return new Decision.Accepted(a);
    }

    /**
     * {@code WWW-Authenticate} values for a fresh nonce: one challenge per offered algorithm, most
     * preferred first (RFC 8760 section 2.4).
     */
    public List<String> challenges(boolean stale, String source) {
        return challenges(stale, algorithms, source);
    }

    /** Challenges for {@code offered} algorithms only, in that order, with a nonce issued to {@code source}. */
    public List<String> challenges(boolean stale, List<DigestAlgorithm> offered, String source) {
        String nonce = nonces.issue(source);
        List<String> out = new ArrayList<>();
        for (DigestAlgorithm a : offered) {
            out.add("Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + a.token()
                    + ", qop=\"auth\"" + (stale ? ", stale=true" : ""));
        }
        return out;
    }

    /** The algorithms a subscriber's phones are offered: its own list, or the server's. */
    public List<DigestAlgorithm> offeredTo(String subscriberAlgorithms) {
        if (subscriberAlgorithms == null || subscriberAlgorithms.isBlank()) {
            return algorithms;
        }
        List<DigestAlgorithm> own = new ArrayList<>();
        for (String token : subscriberAlgorithms.split(",")) {
            DigestAlgorithm.fromToken(token.trim()).filter(a -> !own.contains(a)).ifPresent(own::add);
        }
        return own.isEmpty() ? algorithms : own;
    }

    public NonceManager nonces() {
        return nonces;
    }
}
