package io.ponte.sip.call;

import java.io.Serializable;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.TimerService;

import io.ponte.call.CallState;
import io.ponte.sip.SipStatus;

/**
 * Fires PONTE_RING_TIMEOUT seconds after the callee's phones were called: a call still unanswered is
 * cancelled towards the callee and answered 480 to the caller (recorded as NO_ANSWER).
 */
public class RingTimeout implements TimerListener {

    /** The timer's info object. */
    static final Serializable RING = "ponte.ring-timeout";

    /**
     * A side of the call held by {@code sas} starts ringing: the call may last, unanswered it times out.
     * Returns the timer, to be cancelled when that side answers while the call still rings (click-to-call).
     */
    static ServletTimer start(TimerService timers, SipApplicationSession sas, int ringTimeoutSeconds, int maxCallMinutes) {
        sas.setExpires(maxCallMinutes);
        return timers.createTimer(sas, ringTimeoutSeconds * 1000L, false, RING);
    }

    /** The application's one timer listener (JSR 289): ring timeouts here, session timers to {@link SessionTimers}. */
    @Override
    public void timeout(ServletTimer timer) {
        if (timer.getInfo() instanceof SessionTimers.Tick tick && timer.getApplicationSession().isValid()) {
            SessionTimers.fire(timer, tick);
            return;
        }
        if (!RING.equals(timer.getInfo()) || !timer.getApplicationSession().isValid()) {
            return;
        }
        SipCall sip = SipCall.of(timer.getApplicationSession());
        if (sip != null && sip.call().state() == CallState.RINGING) {
            sip.call().hangUp(SipStatus.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable (no answer)");
        }
    }
}
