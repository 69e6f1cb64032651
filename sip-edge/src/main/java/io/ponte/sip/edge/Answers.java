package io.ponte.sip.edge;

import java.util.regex.Pattern;

import io.ponte.sip.ReasonPhrase;

/**
 * Writes the answer to a request the edge refuses, statelessly, from the request's header fields as
 * received (RFC 3261 section 8.2.6.2: Via, From, Call-ID and CSeq copied, To copied with a tag added).
 * Built from text rather than from a parsed message, so a request whose CSeq or To JAIN-SIP cannot read
 * still gets an answer its sender can match.
 */
public final class Answers {

    private static final Pattern TAG = Pattern.compile(";\\s*tag\\s*=", Pattern.CASE_INSENSITIVE);

    private Answers() {
    }

    /** The response to {@code request}; {@code toTag} is added to its To unless the request had one. */
    public static String render(RawMessage request, Verdict.Answer answer, String toTag) {
        StringBuilder b = new StringBuilder(256);
        b.append("SIP/2.0 ").append(answer.status()).append(' ')
                .append(ReasonPhrase.clean(answer.reason(), "Refused")).append("\r\n");
        for (RawMessage.Field via : request.all("Via")) {
            b.append("Via: ").append(via.value()).append("\r\n");
        }
        copy(request, "From", b);
        RawMessage.Field to = request.first("To");
        if (to != null) {
            b.append("To: ").append(to.value());
            if (!TAG.matcher(to.value()).find() && answer.status() > 100) {
                b.append(";tag=").append(toTag);
            }
            b.append("\r\n");
        }
        copy(request, "Call-ID", b);
        copy(request, "CSeq", b);
        for (String header : answer.headers()) {
            b.append(header).append("\r\n");
        }
        b.append("Server: Ponte\r\n");
        b.append("Content-Length: 0\r\n\r\n");
        return b.toString();
    }

    private static void copy(RawMessage request, String name, StringBuilder b) {
        RawMessage.Field f = request.first(name);
        if (f != null) {
            b.append(name).append(": ").append(f.value()).append("\r\n");
        }
    }

    /** A short description of {@code request} for a log line: its method or first word, never its content. */
    public static String describe(RawMessage request) {
        String start = request.startLine();
        int space = start.indexOf(' ');
        String first = space < 0 ? start : start.substring(0, space);
        String cleaned = ReasonPhrase.clean(first, "(empty)");
        return cleaned.length() > 24 ? cleaned.substring(0, 24) + "..." : cleaned;
    }
}
