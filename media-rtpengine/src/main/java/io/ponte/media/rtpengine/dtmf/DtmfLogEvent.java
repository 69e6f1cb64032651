package io.ponte.media.rtpengine.dtmf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One digit as rtpengine reports it to its DTMF log destination ({@code --dtmf-log-dest}): a JSON object
 * per datagram, sent when a telephone-event (RFC 4733) ends in a call's media, whether a phone sent it or
 * rtpengine played it. {@code event} is the RFC 4733 section 3.2 event code, {@code duration} in
 * milliseconds, {@code volume} in -dBm0.
 *
 * @param sourceTag the tag of the party whose media carried the digit (empty in some rtpengine versions)
 * @param tags      every tag of the call
 */
public record DtmfLogEvent(String callId, String sourceTag, List<String> tags, String sourceIp, int event, int durationMillis,
                           int volume) {

    private static final String DIGITS = "0123456789*#ABCD";

    public DtmfLogEvent {
        Objects.requireNonNull(callId);
        tags = List.copyOf(tags);
    }

    /** The digit ({@code 0}-{@code 9}, {@code *}, {@code #}, {@code A}-{@code D}), or {@code ?} for another event (flash...). */
    public char digit() {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : '?';
    }

    /** The RFC 4733 event code of a digit ({@code 0}-{@code 9}, {@code *}, {@code #}, {@code A}-{@code D}), or -1. */
    public static int eventOf(char digit) {
        return DIGITS.indexOf(Character.toUpperCase(digit));
    }

    /**
     * Parses one datagram's JSON. rtpengine writes one flat object whose values are strings, whole numbers
     * and one list of strings; nothing else is accepted.
     *
     * @throws IllegalArgumentException if it is not such an object or lacks {@code callid} or {@code event}
     */
    public static DtmfLogEvent parse(String json) {
        FlatJson o = new FlatJson(json);
        String callId = o.text("callid");
        String event = o.number("event");
        if (callId == null || event == null) {
            throw new IllegalArgumentException("not a DTMF event: " + json);
        }
        String duration = o.number("duration");
        String volume = o.number("volume");
        return new DtmfLogEvent(callId, o.text("source_tag") == null ? "" : o.text("source_tag"), o.list("tags"),
                o.text("source_ip"), Integer.parseInt(event), duration == null ? 0 : Integer.parseInt(duration),
                volume == null ? 0 : Integer.parseInt(volume));
    }

    /** The one-level JSON object rtpengine's DTMF log writes. */
    private static final class FlatJson {
        private final java.util.Map<String, Object> values = new java.util.HashMap<>();
        private final String s;
        private int i;

        FlatJson(String text) {
            s = text.strip();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                i++;
                return;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                values.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    i++;
                    continue;
                }
                expect('}');
                break;
            }
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '[') {
                i++;
                List<String> items = new ArrayList<>();
                skipSpace();
                if (peek() == ']') {
                    i++;
                    return items;
                }
                while (true) {
                    skipSpace();
                    items.add(string());
                    skipSpace();
                    if (peek() == ',') {
                        i++;
                        continue;
                    }
                    expect(']');
                    return items;
                }
            }
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + start + " in " + s);
            }
            return new StringBuilder(s.substring(start, i)); // a number, kept apart from strings
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (peek() != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    out.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'u' -> {
                            char u = (char) Integer.parseInt(s.substring(i, i + 4), 16);
                            i += 4;
                            yield u;
                        }
                        default -> e;
                    });
                } else {
                    out.append(c);
                }
            }
            i++;
            return out.toString();
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("truncated JSON: " + s);
            }
            return s.charAt(i);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + " in " + s);
            }
            i++;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        String text(String key) {
            return values.get(key) instanceof String v ? v : null;
        }

        String number(String key) {
            return values.get(key) instanceof StringBuilder v ? v.toString() : null;
        }

        @SuppressWarnings("unchecked")
        List<String> list(String key) {
            return values.get(key) instanceof List<?> v ? (List<String>) v : List.of();
        }
    }
}
