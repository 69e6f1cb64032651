package io.ponte.auth.digest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an {@code Authorization} (or {@code Proxy-Authorization}) header with the
 * {@code Digest} scheme, RFC 3261 section 25.1 ({@code digest-response}), parsed once.
 */
public final class DigestCredentials {

    private final Map<String, String> params;

    private DigestCredentials(Map<String, String> params) {
        this.params = params;
    }

    /**
     * Parses a header value such as {@code Digest username="201", realm="ponte", nc=00000001, ...}.
     *
     * @throws MalformedCredentialsException if the value is not a well-formed Digest credential
     */
    public static DigestCredentials parse(String header) {
        if (header == null) {
            throw new MalformedCredentialsException("no credentials");
        }
        String h = header.trim();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Digest", 0, 6) || !Character.isWhitespace(h.charAt(6))) {
            throw new MalformedCredentialsException("not a Digest credential");
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = 7;
        int n = h.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(h.charAt(i)) || h.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int nameStart = i;
            while (i < n && h.charAt(i) != '=' && !Character.isWhitespace(h.charAt(i)) && h.charAt(i) != ',') {
                i++;
            }
            String name = h.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(h.charAt(i))) {
                i++;
            }
            if (name.isEmpty() || i >= n || h.charAt(i) != '=') {
                throw new MalformedCredentialsException("parameter '" + name + "' has no value");
            }
            i++;
            while (i < n && Character.isWhitespace(h.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && h.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = h.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(h.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new MalformedCredentialsException("unterminated quoted value of '" + name + "'");
                }
            } else {
                while (i < n && h.charAt(i) != ',' && !Character.isWhitespace(h.charAt(i))) {
                    value.append(h.charAt(i++));
                }
            }
            if (params.putIfAbsent(name, value.toString()) != null) {
                throw new MalformedCredentialsException("parameter '" + name + "' given twice");
            }
        }
        for (String required : new String[] {"username", "realm", "nonce", "uri", "response"}) {
            if (!params.containsKey(required)) {
                throw new MalformedCredentialsException("missing parameter '" + required + "'");
            }
        }
        return new DigestCredentials(params);
    }

    public String username() { return params.get("username"); }
    public String realm() { return params.get("realm"); }
    public String nonce() { return params.get("nonce"); }
    public String uri() { return params.get("uri"); }
    public String response() { return params.get("response"); }
    public Optional<String> algorithm() { return Optional.ofNullable(params.get("algorithm")); }
    public Optional<String> qop() { return Optional.ofNullable(params.get("qop")); }
    public Optional<String> nc() { return Optional.ofNullable(params.get("nc")); }
    public Optional<String> cnonce() { return Optional.ofNullable(params.get("cnonce")); }
    public Optional<String> opaque() { return Optional.ofNullable(params.get("opaque")); }

    @Override
    public String toString() { // the response is a password equivalent for this nonce: leave it out
        return "DigestCredentials[username=" + username() + ", realm=" + realm() + ", algorithm="
                + algorithm().orElse("MD5") + "]";
    }
}
