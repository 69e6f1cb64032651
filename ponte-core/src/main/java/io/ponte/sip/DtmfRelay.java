package io.ponte.sip;

import java.util.Locale;
import java.util.Optional;

/**
 * A digit sent in a SIP INFO request the way many phones do ({@code application/dtmf-relay}, the Cisco
 * form: {@code Signal=5} and {@code Duration=160} lines, duration in milliseconds), or as
 * {@code application/dtmf} (the digit alone). Parsed once; anything else is not a digit.
 */
public record DtmfRelay(char digit, int durationMillis) {

    /** The duration assumed when the body gives none (a typical key press). */
    public static final int DEFAULT_DURATION = 160;

    /** The digit an INFO of {@code contentType} with {@code body} carries, if it carries one. */
    public static Optional<DtmfRelay> parse(String contentType, String body) {
        if (contentType == null || body == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("application/dtmf")) {
            return digit(body.strip()).map(d -> new DtmfRelay(d, DEFAULT_DURATION));
        }
        if (!type.equals("application/dtmf-relay")) {
            return Optional.empty();
        }
        Optional<Character> digit = Optional.empty();
        int duration = DEFAULT_DURATION;
        for (String line : body.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (name.equals("signal")) {
                digit = digit(value);
            } else if (name.equals("duration")) {
                try {
                    duration = Math.max(40, Math.min(5000, Integer.parseInt(value)));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        int d = duration;
        return digit.map(c -> new DtmfRelay(c, d));
    }

    /** 0-9, *, #, A-D; also 10 and 11 for * and #, as some phones write them. */
    private static Optional<Character> digit(String value) {
        if (value.equals("10")) {
            return Optional.of('*');
        }
        if (value.equals("11")) {
            return Optional.of('#');
        }
        if (value.length() == 1 && "0123456789*#ABCDabcd".indexOf(value.charAt(0)) >= 0) {
            return Optional.of(Character.toUpperCase(value.charAt(0)));
        }
        return Optional.empty();
    }
}
