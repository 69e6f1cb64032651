package io.ponte.bridge.connectycube.rest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code signature} of a signed "Create session" request (ConnectyCube Server API,
 * "Authentication and Authorization", signature generation): every other request parameter as
 * {@code name=value}, nested ones flattened as {@code user[login]}, sorted by name, joined with
 * {@code &} (values not URL-encoded), then HMAC-SHA1 keyed with the application's auth secret, as
 * lower-case hex.
 */
public final class SessionSignature {
    private SessionSignature() {
    }

    /** The string that is signed: sorted {@code k=v} pairs joined by {@code &}. */
    public static String canonical(Map<String, String> params) {
        return new TreeMap<>(params).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    /** Lower-case hex HMAC-SHA1 of {@code data} keyed with {@code secret} (both UTF-8). */
    public static String hmacSha1Hex(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is required of every JDK", e);
        }
    }

    /** {@code hmacSha1Hex(secret, canonical(params))}. */
    public static String sign(Map<String, String> params, String secret) {
        return hmacSha1Hex(secret, canonical(params));
    }
}
