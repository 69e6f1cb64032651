package io.ponte.sip;

/**
 * A SIP reason phrase as Ponte sends it: one printable line (RFC 3261 section 25.1, {@code Reason-Phrase}:
 * no CR or LF, no other control characters), whatever text went into it (an rtpengine error reason, an
 * exception's message, a phone's own phrase relayed).
 */
public final class ReasonPhrase {

    /** Longer phrases are cut: a reason is for a person reading a trace, not a log. */
    static final int MAX_LENGTH = 120;

    private ReasonPhrase() {
    }

    /** True when {@code phrase} can be sent as it is. */
    public static boolean isClean(String phrase) {
        return phrase != null && phrase.equals(clean(phrase, ""));
    }

    /**
     * {@code phrase} with control characters turned into spaces, runs of spaces collapsed, trimmed and cut
     * to {@value #MAX_LENGTH} characters; {@code fallback} when nothing printable is left.
     */
    public static String clean(String phrase, String fallback) {
        if (phrase == null) {
            return fallback;
        }
        StringBuilder b = new StringBuilder(Math.min(phrase.length(), MAX_LENGTH));
        boolean space = false;
        for (int i = 0; i < phrase.length() && b.length() < MAX_LENGTH; i++) {
            char c = phrase.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
                if (b.length() == MAX_LENGTH) {
                    break;
                }
            }
            b.append(c);
        }
        return b.length() == 0 ? fallback : b.toString();
    }
}
