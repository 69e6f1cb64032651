package io.ponte.sip;

import java.util.Locale;
import java.util.Optional;

/**
 * Session timers (RFC 4028) for one leg of a call: how often the session must be refreshed (a re-INVITE
 * or UPDATE) and who refreshes, the phone or Ponte. Negotiated once per leg from the headers of the
 * INVITE and its 200; pure RFC logic, no SIP stack.
 *
 * @param intervalSeconds the session interval (the Session-Expires delta-seconds)
 * @param phoneRefreshes  true if the phone on the leg refreshes (Ponte then ends the call when no refresh
 *                        comes), false if Ponte refreshes (and ends the call when a refresh fails)
 */
public record SessionTimer(int intervalSeconds, boolean phoneRefreshes) {

    /** RFC 4028 section 4: no interval below 90 s may be asked for by default. */
    public static final int RFC_MIN_SE = 90;

    /** Ponte's own values: the interval it asks for or proposes, and the smallest it accepts. */
    public record Settings(int sessionExpires, int minSe) {
        public Settings {
            if (minSe < 1 || sessionExpires < minSe) {
                throw new IllegalArgumentException("PONTE_SESSION_EXPIRES must be at least PONTE_SESSION_MIN_SE, both positive");
            }
        }
    }

    /** A Session-Expires header value: {@code delta-seconds} and an optional {@code refresher}. */
    public record Header(int deltaSeconds, String refresher) {

        /** Parses {@code 1800;refresher=uac}; empty for anything else (including no value). */
        public static Optional<Header> parse(String value) {
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            String[] parts = value.split(";");
            int delta;
            try {
                delta = Integer.parseInt(parts[0].strip());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (delta < 1) {
                return Optional.empty();
            }
            String refresher = null;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("refresher")) {
                    refresher = kv[1].strip().toLowerCase(Locale.ROOT);
                    if (!refresher.equals("uac") && !refresher.equals("uas")) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new Header(delta, refresher));
        }

        @Override
        public String toString() {
            return deltaSeconds + (refresher == null ? "" : ";refresher=" + refresher);
        }
    }

    /** What Ponte, as the UAS of a caller's INVITE, does about session timers (RFC 4028 section 9). */
    public sealed interface UasDecision {
        /** Use {@code timer}; the 200 carries {@code Session-Expires: sessionExpires} and, if {@code require}, {@code Require: timer}. */
        record Use(SessionTimer timer, Header sessionExpires, boolean require) implements UasDecision {
        }

        /** 422 Session Interval Too Small, with {@code Min-SE: minSe}. */
        record TooSmall(int minSe) implements UasDecision {
        }

        /** No session timer on this leg (the caller neither asked for one nor could be refreshed by Ponte). */
        record None() implements UasDecision {
        }
    }

    /**
     * Decides for a caller's INVITE with {@code sessionExpires} (the header, or null) from a caller that
     * does or does not list {@code timer} in Supported, and does or does not allow UPDATE.
     */
    public static UasDecision asUas(String sessionExpires, boolean callerSupportsTimer, boolean callerAllowsUpdate, Settings ours) {
        Optional<Header> asked = Header.parse(sessionExpires);
        if (asked.isPresent() && asked.get().deltaSeconds() < ours.minSe()) {
            return new UasDecision.TooSmall(ours.minSe());
        }
        int interval = asked.map(Header::deltaSeconds).orElse(ours.sessionExpires());
        if (callerSupportsTimer) {
            String refresher = asked.map(Header::refresher).filter(r -> r != null).orElse("uac");
            return new UasDecision.Use(new SessionTimer(interval, refresher.equals("uac")), new Header(interval, refresher), true);
        }
        if (asked.isPresent() || callerAllowsUpdate) {
            // the caller cannot be asked to refresh (section 9): Ponte refreshes, if the caller takes UPDATE
            return callerAllowsUpdate
                    ? new UasDecision.Use(new SessionTimer(interval, false), new Header(interval, "uas"), false)
                    : new UasDecision.None();
        }
        return new UasDecision.None();
    }

    /**
     * Decides for the callee's leg from the 200 to Ponte's INVITE (which proposed {@code Session-Expires}):
     * the callee's {@code sessionExpires} says who refreshes; without it the callee does not do session
     * timers and Ponte refreshes if the callee allows UPDATE (RFC 4028 section 7.2).
     */
    public static Optional<SessionTimer> asUac(String sessionExpires, boolean calleeAllowsUpdate, Settings ours) {
        Optional<Header> answered = Header.parse(sessionExpires);
        if (answered.isPresent()) {
            return Optional.of(new SessionTimer(answered.get().deltaSeconds(), "uas".equals(answered.get().refresher())));
        }
        return calleeAllowsUpdate ? Optional.of(new SessionTimer(ours.sessionExpires(), false)) : Optional.empty();
    }

    /** When the non-refreshing side gives up: min(32, interval/3) seconds before the interval ends (section 10). */
    public int expiresAfterSeconds() {
        return intervalSeconds - Math.min(32, intervalSeconds / 3);
    }

    /** When Ponte, as refresher, refreshes: at half the interval (section 10). */
    public int refreshAfterSeconds() {
        return Math.max(1, intervalSeconds / 2);
    }
}
