package io.ponte.sip.call;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;

/**
 * The call state a leg carries in its SIP sessions: which rtpengine call it belongs to (the caller's
 * Call-ID and From tag) and whether that media has been released. Shared through the application
 * session, which both legs of a B2BUA call have in common.
 */
final class CallLeg {

    private static final String MEDIA_CALL_ID = "ponte.media.callId";
    private static final String MEDIA_FROM_TAG = "ponte.media.fromTag";
    private static final String MEDIA_RELEASED = "ponte.media.released";
    private static final String ROLE = "ponte.leg";

    private final SipApplicationSession call;

    private CallLeg(SipApplicationSession call) {
        this.call = call;
    }

    static CallLeg caller(SipServletRequest invite) {
        SipApplicationSession call = invite.getApplicationSession();
        call.setAttribute(MEDIA_CALL_ID, invite.getCallId());
        call.setAttribute(MEDIA_FROM_TAG, invite.getFrom().getParameter("tag"));
        invite.getSession().setAttribute(ROLE, "caller");
        return new CallLeg(call);
    }

    static void callee(SipSession session, CallLeg caller) {
        session.setAttribute(ROLE, "callee");
    }

    /** The call a session belongs to, or null for a session that never carried one. */
    static CallLeg of(SipSession session) {
        SipApplicationSession call = session.getApplicationSession();
        return call.isValid() && call.getAttribute(MEDIA_CALL_ID) != null ? new CallLeg(call) : null;
    }

    String mediaCallId() {
        return (String) call.getAttribute(MEDIA_CALL_ID);
    }

    String mediaFromTag() {
        return (String) call.getAttribute(MEDIA_FROM_TAG);
    }

    /** True exactly once per call: whoever gets true deletes the media. */
    boolean claimMediaRelease() {
        synchronized (call) {
            if (call.getAttribute(MEDIA_RELEASED) != null) {
                return false;
            }
            call.setAttribute(MEDIA_RELEASED, Boolean.TRUE);
            return true;
        }
    }
}
