package io.ponte.sip.edge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SIP message as it came off the wire, cut into its start line, header fields and body, without
 * interpreting any value: what the edge needs to judge a message that JAIN-SIP's parser might reject or
 * silently repair (RFC 3261 section 7: folded lines joined, compact names expanded, repeated fields kept).
 */
public final class RawMessage {

    /** Compact header forms (RFC 3261 section 7.3.3 and the extensions that registered one). */
    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("i", "Call-ID"), Map.entry("m", "Contact"), Map.entry("e", "Content-Encoding"),
            Map.entry("l", "Content-Length"), Map.entry("c", "Content-Type"), Map.entry("f", "From"),
            Map.entry("s", "Subject"), Map.entry("k", "Supported"), Map.entry("t", "To"), Map.entry("v", "Via"),
            Map.entry("o", "Event"), Map.entry("r", "Refer-To"), Map.entry("b", "Referred-By"),
            Map.entry("x", "Session-Expires"), Map.entry("u", "Allow-Events"), Map.entry("a", "Accept-Contact"),
            Map.entry("j", "Reject-Contact"), Map.entry("d", "Request-Disposition"), Map.entry("y", "Identity"));

    /** Canonical spelling of the long names the edge looks at, by lower case. */
    private static final Map<String, String> CANONICAL = canonical();

    /** One header field: its canonical name, its value (unfolded, trimmed) and the line as received. */
    public record Field(String name, String value, String line) {
    }

    private final int size;
    private final String startLine;
    private final List<Field> fields;
    private final int bodyLength;
    private final boolean headerEnded;

    private RawMessage(int size, String startLine, List<Field> fields, int bodyLength, boolean headerEnded) {
        this.size = size;
        this.startLine = startLine;
        this.fields = fields;
        this.bodyLength = bodyLength;
        this.headerEnded = headerEnded;
    }

    /** True when {@code bytes} hold nothing but line breaks and blanks (a keep-alive, RFC 5626 section 3.5.1). */
    public static boolean isKeepAlive(byte[] bytes) {
        for (byte b : bytes) {
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Cuts {@code bytes} into lines. A header line that starts with a blank continues the previous one
     * (folding); a line without a colon is kept as a field with an empty name, for the rules to reject.
     */
    public static RawMessage of(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == '\r' || bytes[i] == '\n')) {
            i++; // leading CRLFs are allowed before a message on a stream (RFC 3261 section 7.5)
        }
        String startLine = null;
        List<Field> fields = new ArrayList<>();
        StringBuilder pending = null;
        boolean headerEnded = false;
        while (i < bytes.length) {
            int end = i;
            while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
                end++;
            }
            String line = new String(bytes, i, end - i, StandardCharsets.UTF_8);
            i = end;
            if (i < bytes.length && bytes[i] == '\r') {
                i++;
            }
            if (i < bytes.length && bytes[i] == '\n') {
                i++;
            }
            if (startLine == null) {
                startLine = line;
                continue;
            }
            if (line.isEmpty()) {
                headerEnded = true;
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && pending != null) {
                pending.append(' ').append(line.strip());
                continue;
            }
            if (pending != null) {
                fields.add(field(pending.toString()));
            }
            pending = new StringBuilder(line);
        }
        if (pending != null) {
            fields.add(field(pending.toString()));
        }
        return new RawMessage(bytes.length, startLine == null ? "" : startLine,
                Collections.unmodifiableList(fields), headerEnded ? bytes.length - i : 0, headerEnded);
    }

    private static Field field(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return new Field("", line.strip(), line);
        }
        String name = line.substring(0, colon).strip();
        return new Field(canonicalName(name), line.substring(colon + 1).strip(), line);
    }

    /** The long, canonically spelled form of a header name ({@code "v"} and {@code "VIA"} give {@code "Via"}). */
    public static String canonicalName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String compact = COMPACT.get(lower);
        if (compact != null) {
            return compact;
        }
        return CANONICAL.getOrDefault(lower, name);
    }

    private static Map<String, String> canonical() {
        Map<String, String> m = new java.util.HashMap<>();
        for (String n : COMPACT.values()) {
            m.put(n.toLowerCase(Locale.ROOT), n);
        }
        for (String n : new String[] {"Max-Forwards", "CSeq", "Expires", "Require", "Proxy-Require", "Route",
                "Record-Route", "Authorization", "Proxy-Authorization", "Replaces", "Min-SE", "Allow"}) {
            m.put(n.toLowerCase(Locale.ROOT), n);
        }
        return Map.copyOf(m);
    }

    /** Bytes received, start line to the end of the body. */
    public int size() {
        return size;
    }

    public String startLine() {
        return startLine;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Bytes after the blank line that ends the header (0 when there is no such line). */
    public int bodyLength() {
        return bodyLength;
    }

    /** Whether a blank line ended the header section. */
    public boolean headerEnded() {
        return headerEnded;
    }

    /** The fields named {@code name} (canonical spelling), in order. */
    public List<Field> all(String name) {
        List<Field> found = new ArrayList<>(1);
        for (Field f : fields) {
            if (f.name.equals(name)) {
                found.add(f);
            }
        }
        return found;
    }

    /** How many fields are named {@code name} (canonical spelling). */
    public int count(String name) {
        int n = 0;
        for (Field f : fields) {
            if (f.name.equals(name)) {
                n++;
            }
        }
        return n;
    }

    /** The first field named {@code name}, or null. */
    public Field first(String name) {
        for (Field f : fields) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
