package io.ponte.sip.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;

/**
 * The checks every SIP message passes before JAIN-SIP interprets it, in the order of RFC 3261
 * section 8.2 (start line, size, header syntax, Max-Forwards, method, URI scheme, extensions). Pure
 * logic over a {@link RawMessage}: no stack, no I/O.
 *
 * <p>What is legal but unusual passes: folded lines, compact forms, unknown headers and parameters,
 * escaped characters and odd display names are left to JAIN-SIP, which reads them. Ponte answers what
 * it is sure about and never a {@code 500}.
 */
public final class EdgeRules {

    /** Header fields every request carries (RFC 3261 section 8.1.1). */
    static final List<String> MANDATORY = List.of("Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards");

    /** Header fields that may appear once only (RFC 3261 section 7.3.1, 20). */
    static final List<String> SINGLE = List.of("From", "To", "Call-ID", "CSeq", "Max-Forwards", "Content-Length",
            "Content-Type", "Expires");

    /**
     * Header fields Ponte reads: if JAIN-SIP cannot parse one, the request gets {@code 400} naming it.
     * Others that do not parse are kept as unparsed text and ignored, as a lenient UAS should.
     */
    static final Set<String> RELIED_ON = Set.of("Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards", "Contact",
            "Expires", "Content-Length", "Content-Type", "Route", "Record-Route", "Authorization",
            "Proxy-Authorization", "Require", "Supported", "Event", "Refer-To", "Replaces", "Session-Expires",
            "Min-SE");

    /** Every method Ponte recognises; the rest get {@code 501} (RFC 3261 section 8.2.1). */
    static final Set<String> KNOWN_METHODS = Set.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK",
            "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE");

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+");
    private static final Pattern VERSION = Pattern.compile("SIP/\\d+\\.\\d+", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATUS_LINE = Pattern.compile("SIP/2\\.0 [1-6]\\d\\d( .*)?");
    private static final Pattern CSEQ = Pattern.compile("(\\d{1,10})\\s+(\\S+)");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,10}");
    private static final long MAX_CSEQ = (1L << 31) - 1;
    private static final long MAX_DELTA_SECONDS = (1L << 32) - 1;

    private final int maxMessageSize;
    private final Set<String> supportedExtensions;

    /**
     * @param maxMessageSize largest message accepted; a datagram this long was cut by the receive buffer
     * @param supportedExtensions option tags Ponte implements, for {@code Require} (RFC 3261 section 20.32)
     */
    public EdgeRules(int maxMessageSize, Set<String> supportedExtensions) {
        this.maxMessageSize = maxMessageSize;
        this.supportedExtensions = Set.copyOf(supportedExtensions);
    }

    /** Judges {@code m}; {@code datagram} when it came over UDP (its body is all of what follows the header). */
    public Verdict check(RawMessage m, boolean datagram) {
        String start = m.startLine();
        if (start.startsWith("SIP/")) {
            return STATUS_LINE.matcher(start).matches() ? Verdict.PASS : new Verdict.Drop("malformed status line");
        }
        Verdict v = checkRequest(m, datagram);
        if (v instanceof Verdict.Answer a && isAck(start)) {
            return new Verdict.Drop("ACK with " + a.status() + " " + a.reason()); // an ACK is never answered
        }
        return v;
    }

    private Verdict checkRequest(RawMessage m, boolean datagram) {
        String[] line = m.startLine().split(" ", -1);
        boolean wellFormed = line.length == 3 && TOKEN.matcher(line[0]).matches() && !line[1].isEmpty()
                && VERSION.matcher(line[2]).matches();
        if (!wellFormed) {
            return answerable(m) ? bad("Request-Line") : new Verdict.Drop("not a SIP message");
        }
        if (!line[2].equals("SIP/2.0")) {
            return new Verdict.Answer(505, "Version Not Supported");
        }
        if (m.size() > maxMessageSize || (datagram && m.size() == maxMessageSize)) {
            return new Verdict.Answer(513, "Message Too Large");
        }
        Verdict headers = checkHeaders(m, line[0], datagram);
        if (headers != Verdict.PASS) {
            return headers;
        }
        String method = line[0];
        if (!KNOWN_METHODS.contains(method)) {
            return new Verdict.Answer(501, "Not Implemented", List.of("Allow: " + String.join(", ", SipMethods.ALLOWED)));
        }
        if (Long.parseLong(m.first("Max-Forwards").value()) == 0 && !method.equals(SipMethods.OPTIONS)) {
            return new Verdict.Answer(483, "Too Many Hops"); // an OPTIONS with 0 asks this hop itself (section 11)
        }
        String scheme = scheme(line[1]);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            return new Verdict.Answer(416, "Unsupported URI Scheme");
        }
        return checkRequire(m, method);
    }

    private Verdict checkHeaders(RawMessage m, String method, boolean datagram) {
        for (RawMessage.Field f : m.fields()) {
            if (f.name().isEmpty() || !TOKEN.matcher(f.name()).matches()) {
                return new Verdict.Answer(SipStatus.BAD_REQUEST, "Bad Header Line");
            }
        }
        for (String name : MANDATORY) {
            if (m.first(name) == null) {
                return new Verdict.Answer(SipStatus.BAD_REQUEST, "Missing " + name);
            }
        }
        for (String name : SINGLE) {
            if (m.count(name) > 1) {
                return new Verdict.Answer(SipStatus.BAD_REQUEST, "Duplicate " + name);
            }
        }
        var cseq = CSEQ.matcher(m.first("CSeq").value());
        if (!cseq.matches() || Long.parseLong(cseq.group(1)) > MAX_CSEQ) {
            return bad("CSeq");
        }
        if (!cseq.group(2).equals(method)) {
            return new Verdict.Answer(SipStatus.BAD_REQUEST, "Bad CSeq Method");
        }
        String maxForwards = m.first("Max-Forwards").value();
        if (!DIGITS.matcher(maxForwards).matches() || Long.parseLong(maxForwards) > 255) {
            return bad("Max-Forwards");
        }
        RawMessage.Field length = m.first("Content-Length");
        if (length != null && (!DIGITS.matcher(length.value()).matches()
                || (datagram && Long.parseLong(length.value()) > m.bodyLength()))) {
            return bad("Content-Length"); // a datagram shorter than announced was cut (RFC 3261 section 18.3)
        }
        RawMessage.Field expires = m.first("Expires");
        if (expires != null && !(DIGITS.matcher(expires.value()).matches()
                && Long.parseLong(expires.value()) <= MAX_DELTA_SECONDS)) {
            return bad("Expires");
        }
        return Verdict.PASS;
    }

    private Verdict checkRequire(RawMessage m, String method) {
        if (method.equals(SipMethods.ACK) || method.equals(SipMethods.CANCEL)) {
            return Verdict.PASS; // Require is ignored in ACK and CANCEL (RFC 3261 section 8.2.2.3)
        }
        List<String> unsupported = new ArrayList<>();
        for (RawMessage.Field f : m.all("Require")) {
            for (String tag : f.value().split(",")) {
                String t = tag.strip();
                if (!t.isEmpty() && !supportedExtensions.contains(t.toLowerCase(Locale.ROOT)) && !unsupported.contains(t)) {
                    unsupported.add(t);
                }
            }
        }
        if (unsupported.isEmpty()) {
            return Verdict.PASS;
        }
        return new Verdict.Answer(420, "Bad Extension", List.of("Unsupported: " + String.join(", ", unsupported)));
    }

    /** What to do with {@code m} when JAIN-SIP cannot read {@code what} (a header's name, or "Request"). */
    public Verdict unreadable(RawMessage m, String what) {
        String start = m.startLine();
        if (start.startsWith("SIP/")) {
            return new Verdict.Drop("response with a bad " + what);
        }
        if (isAck(start)) {
            return new Verdict.Drop("ACK with a bad " + what);
        }
        return answerable(m) ? bad(what) : new Verdict.Drop("request with a bad " + what + " and no way to answer");
    }

    /** {@code 400} naming the header (or the request line) that could not be read. */
    static Verdict.Answer bad(String what) {
        return new Verdict.Answer(SipStatus.BAD_REQUEST, "Bad " + what);
    }

    /** Whether an answer could reach and be matched by the sender: it names its Via, dialog and CSeq. */
    static boolean answerable(RawMessage m) {
        for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq")) {
            if (m.first(name) == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAck(String startLine) {
        return startLine.startsWith("ACK ");
    }

    private static String scheme(String uri) {
        int colon = uri.indexOf(':');
        return colon <= 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }
}
