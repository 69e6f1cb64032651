package io.ponte.sip.call;

import java.io.IOException;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerService;

import io.ponte.call.CallState;
import io.ponte.call.Side;
import io.ponte.config.PonteSettings;
import io.ponte.sip.SessionTimer;
import io.ponte.sip.SipMethods;

/**
 * The session timers (RFC 4028) of one call's SIP legs, held by its {@link SipCall}. A leg whose phone
 * refreshes is ended (BYE on both legs) when no re-INVITE or UPDATE comes from it within the interval
 * minus min(32 s, a third); a leg Ponte refreshes gets an UPDATE at half the interval, and the call ends
 * when that UPDATE fails (a 408 included: the phone is gone).
 */
final class SessionTimers {

    private static final Logger LOG = Logger.getLogger(SessionTimers.class.getName());
    /** Marks an UPDATE that Ponte sent to refresh a session, so its failure ends the call. */
    static final String REFRESH = "ponte.session-refresh";

    /** A timer's info: which leg's session timer fired. */
    record Tick(Side side) implements Serializable {
    }

    private final Map<Side, SessionTimer> negotiated = new EnumMap<>(Side.class);
    private final Map<Side, ServletTimer> running = new EnumMap<>(Side.class);

    /** {@code side}'s leg runs {@code timer} once the call is answered. */
    synchronized void negotiated(Side side, SessionTimer timer) {
        negotiated.put(side, timer);
    }

    synchronized SessionTimer of(Side side) {
        return negotiated.get(side);
    }

    /** The call is answered: every negotiated leg's timer starts. */
    void start(TimerService timers, SipApplicationSession sas) {
        for (Side side : Side.values()) {
            schedule(timers, sas, side);
        }
    }

    /** {@code side}'s phone refreshed the session (a re-INVITE or UPDATE): its deadline starts again. */
    void refreshed(TimerService timers, SipApplicationSession sas, Side side) {
        SessionTimer t = of(side);
        if (t != null && t.phoneRefreshes()) {
            schedule(timers, sas, side);
        }
    }

    private synchronized void schedule(TimerService timers, SipApplicationSession sas, Side side) {
        SessionTimer t = negotiated.get(side);
        if (t == null || !sas.isValid()) {
            return;
        }
        ServletTimer previous = running.remove(side);
        if (previous != null) {
            previous.cancel();
        }
        if (t.phoneRefreshes()) {
            running.put(side, timers.createTimer(sas, 1000L * t.expiresAfterSeconds(), false, new Tick(side)));
        } else {
            long every = 1000L * t.refreshAfterSeconds();
            running.put(side, timers.createTimer(sas, every, every, true, false, new Tick(side)));
        }
    }

    /**
     * The Session-Expires value for a message to or from {@code side}'s phone in its dialog, or null when the
     * leg runs no timer. {@code ponteIsUac}: Ponte sent that dialog's INVITE.
     */
    synchronized String header(Side side, boolean ponteIsUac) {
        SessionTimer t = negotiated.get(side);
        if (t == null) {
            return null;
        }
        boolean uacRefreshes = t.phoneRefreshes() != ponteIsUac;
        return t.intervalSeconds() + ";refresher=" + (uacRefreshes ? "uac" : "uas");
    }

    /** Sets (or, without a timer on that leg, removes) Session-Expires on a message in {@code side}'s dialog. */
    static void describe(SipServletMessage m, SipCall sip, Side side) {
        String value = sip.sessionTimers().header(side, side == Side.CALLEE || sip.callerInvite() == null);
        m.removeHeader("Session-Expires");
        m.removeHeader("Min-SE");
        if (value != null) {
            m.setHeader("Session-Expires", value);
        }
    }

    /** No timer is left running (the call is over). */
    synchronized void cancel() {
        running.values().forEach(ServletTimer::cancel);
        running.clear();
    }

    /** A leg's timer fired: the phone did not refresh in time (the call ends), or Ponte refreshes now. */
    static void fire(ServletTimer timer, Tick tick) {
        SipCall sip = SipCall.of(timer.getApplicationSession());
        if (sip == null || sip.call().state() != CallState.ANSWERED) {
            return;
        }
        SessionTimer t = sip.sessionTimers().of(tick.side());
        if (t.phoneRefreshes()) {
            LOG.info(() -> "call " + sip.call().id() + ": the " + tick.side().name().toLowerCase(Locale.ROOT)
                    + "'s session was not refreshed within " + t.intervalSeconds() + " s; ending the call");
            sip.call().hangUp(408, "Session Expired (no refresh from the " + tick.side().name().toLowerCase(Locale.ROOT) + ")");
            return;
        }
        SipSession dialog = sip.dialogOf(tick.side());
        if (dialog == null || !dialog.isValid() || dialog.getState() != SipSession.State.CONFIRMED) {
            return;
        }
        try {
            SipServletRequest update = dialog.createRequest(SipMethods.UPDATE);
            describe(update, sip, tick.side());
            update.setHeader("Supported", "timer");
            update.setAttribute(REFRESH, Boolean.TRUE);
            update.send();
        } catch (IOException | IllegalStateException e) {
            LOG.fine(() -> "session refresh of " + sip.call().id() + " not sent: " + e);
        }
    }

    private static volatile SessionTimer.Settings settings;

    /** PONTE_SESSION_EXPIRES (default 1800 s) and PONTE_SESSION_MIN_SE (default 90 s), read once. */
    static SessionTimer.Settings settings() {
        SessionTimer.Settings s = settings;
        if (s == null) {
            s = new SessionTimer.Settings(
                    PonteSettings.wholeNumber(PonteSettings::runtimeValue, "PONTE_SESSION_EXPIRES", 1800),
                    PonteSettings.wholeNumber(PonteSettings::runtimeValue, "PONTE_SESSION_MIN_SE", SessionTimer.RFC_MIN_SE));
            settings = s;
        }
        return s;
    }

    /** Ponte's INVITE to a phone proposes session timers: Supported, Session-Expires, Min-SE (RFC 4028 section 7.1). */
    static void propose(SipServletRequest invite) {
        invite.removeHeader("Require"); // a caller's Require: timer is about its own leg
        invite.setHeader("Supported", "timer");
        invite.setHeader("Session-Expires", Integer.toString(settings().sessionExpires()));
        invite.setHeader("Min-SE", Integer.toString(settings().minSe()));
    }

    /** What a caller's INVITE asks about session timers, decided as its UAS (RFC 4028 section 9). */
    static SessionTimer.UasDecision askedBy(SipServletRequest invite) {
        return SessionTimer.asUas(sessionExpires(invite), lists(invite, "Supported", "timer"), lists(invite, "Allow", SipMethods.UPDATE),
                settings());
    }

    /** The timer of a leg whose phone answered Ponte's INVITE with {@code ok}, if any (RFC 4028 section 7.2). */
    static java.util.Optional<SessionTimer> answeredBy(SipServletResponse ok) {
        return SessionTimer.asUac(sessionExpires(ok), lists(ok, "Allow", SipMethods.UPDATE), settings());
    }

    /** The Session-Expires header of a message, in either of its forms (compact {@code x}). */
    static String sessionExpires(SipServletMessage m) {
        String v = m.getHeader("Session-Expires");
        return v != null ? v : m.getHeader("x");
    }

    /** True if the message lists {@code tag} in one of the headers {@code name} (Supported, Allow...). */
    static boolean lists(SipServletMessage m, String name, String tag) {
        for (java.util.ListIterator<String> it = m.getHeaders(name); it.hasNext();) {
            for (String token : it.next().split(",")) {
                if (token.strip().equalsIgnoreCase(tag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
