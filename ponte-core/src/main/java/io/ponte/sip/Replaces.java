package io.ponte.sip;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The dialog a Replaces header names (RFC 3891 section 6.1): {@code callid;to-tag=X;from-tag=Y}, here as a
 * transferor writes it in the {@code Refer-To} of an attended transfer (RFC 5589 section 7): the dialog of
 * its consultation call, {@code from-tag} its own tag and {@code to-tag} its peer's. Parsed once, escaped
 * ({@code %3B}, {@code %3D}, {@code %40}, as a URI header value) or not.
 */
public record Replaces(String callId, String toTag, String fromTag) {

    /**
     * @throws IllegalArgumentException if there is no Call-ID or a tag is missing
     */
    public static Replaces parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an empty Replaces");
        }
        String text = value.contains("%") ? URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8) : value;
        String[] parts = text.strip().split(";");
        String callId = parts[0].strip();
        String to = null;
        String from = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(java.util.Locale.ROOT);
            String v = eq < 0 ? "" : p.substring(eq + 1).strip();
            if (name.equals("to-tag")) {
                to = v;
            } else if (name.equals("from-tag")) {
                from = v;
            }
        }
        if (callId.isEmpty() || to == null || to.isEmpty() || from == null || from.isEmpty()) {
            throw new IllegalArgumentException("Replaces needs a Call-ID, to-tag and from-tag: " + value);
        }
        return new Replaces(callId, to, from);
    }
}
