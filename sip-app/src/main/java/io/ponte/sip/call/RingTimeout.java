package io.ponte.sip.call;

import java.io.Serializable;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.TimerListener;

import io.ponte.call.CallState;
import io.ponte.sip.SipStatus;

/**
 * Fires PONTE_RING_TIMEOUT seconds after the callee's phones were called: a call still unanswered is
 * cancelled towards the callee and answered 480 to the caller (recorded as NO_ANSWER).
 */
public class RingTimeout implements TimerListener {

    /** The timer's info object. */
    static final Serializable RING = "ponte.ring-timeout";

    @Override
    public void timeout(ServletTimer timer) {
        if (!RING.equals(timer.getInfo()) || !timer.getApplicationSession().isValid()) {
            return;
        }
        SipCall sip = SipCall.of(timer.getApplicationSession());
        if (sip != null && sip.call().state() == CallState.RINGING) {
            sip.call().hangUp(SipStatus.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable (no answer)");
        }
    }
}
