package io.ponte.auth.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Digest algorithms for SIP authentication: MD5 (RFC 3261 section 22.4, RFC 2617) and SHA-256
 * (RFC 8760, which brings RFC 7616's algorithms to SIP).
 */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The value of the {@code algorithm} parameter. */
    public String token() {
        return token;
    }

    /** Looks up an {@code algorithm} parameter; an absent parameter means MD5 (RFC 2617 section 3.2.1). */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null) {
            return Optional.of(MD5);
        }
        String t = token.toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.token.equals(t)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex of the hash of {@code text} in UTF-8. */
    public String hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance(jcaName);
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is required of every Java runtime", e);
        }
    }

    /** HA1 = H(username ":" realm ":" password), the only form in which Ponte keeps a password. */
    public String ha1(String username, String realm, String password) {
        return hex(username + ":" + realm + ":" + password);
    }

    /**
     * The expected {@code response} for {@code qop=auth}:
     * H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" H(method ":" digest-uri)).
     */
    public String response(String ha1, String nonce, String nc, String cnonce, String qop, String method, String uri) {
        String ha2 = hex(method + ":" + uri);
        return hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
