package io.ponte.it.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The client side of digest authentication, written from RFC 7616 independently of Ponte's code. */
public final class TestDigest {

    private TestDigest() {
    }

    /** The challenge among {@code wwwAuthenticate} that names {@code algorithm}, or null. */
    public static String challengeFor(List<String> wwwAuthenticate, String algorithm) {
        return wwwAuthenticate.stream().filter(c -> c.contains("algorithm=" + algorithm)).findFirst().orElse(null);
    }

    public static String param(String challenge, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]+)\"?").matcher(challenge);
        return m.find() ? m.group(1) : null;
    }

    /** An Authorization header line answering {@code challenge}. */
    public static String authorization(String challenge, String user, String password, String method, String uri, String nc) {
        String algorithm = param(challenge, "algorithm");
        String jca = "SHA-256".equals(algorithm) ? "SHA-256" : "MD5";
        String realm = param(challenge, "realm");
        String nonce = param(challenge, "nonce");
        String cnonce = "it" + Long.toHexString(System.nanoTime());
        String ha1 = hex(jca, user + ":" + realm + ":" + password);
        String ha2 = hex(jca, method + ":" + uri);
        String response = hex(jca, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Authorization: Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm
                + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\"";
    }

    /** H(user:realm:password) with MD5, as a registrar stores it (RFC 2617 section 3.2.2.2). */
    public static String md5Ha1(String user, String realm, String password) {
        return hex("MD5", user + ":" + realm + ":" + password);
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
