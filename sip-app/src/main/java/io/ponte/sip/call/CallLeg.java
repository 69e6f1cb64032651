package io.ponte.sip.call;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;

/**
 * The state of one call, kept in the SIP application session that both legs of a B2BUA call share:
 * who called whom and when, when it was answered, which rtpengine call carries its media (the caller's
 * Call-ID and From tag), and whether the media was released and the call recorded (each exactly once).
 */
final class CallLeg {

    static final String CALLER = "CALLER";
    static final String CALLEE = "CALLEE";
    static final String SYSTEM = "SYSTEM";

    private static final String MEDIA_CALL_ID = "ponte.media.callId";
    private static final String MEDIA_FROM_TAG = "ponte.media.fromTag";
    private static final String MEDIA_TO_TAG = "ponte.media.toTag";
    private static final String CALLER_EXT = "ponte.call.caller";
    private static final String CALLEE_EXT = "ponte.call.callee";
    private static final String STARTED = "ponte.call.startedAt";
    private static final String ANSWERED = "ponte.call.answeredAt";
    private static final String MEDIA_RELEASED = "ponte.media.released";
    private static final String RECORDED = "ponte.call.recorded";
    private static final String ROLE = "ponte.leg";
    /** Session attribute: the INVITE that opened this leg (to answer or cancel it from outside). */
    static final String INVITE = "ponte.invite";
    private static final String PEER_INVITE = "ponte.peerInvite";
    private static final String FORKS_PENDING = "ponte.forks.pending";
    private static final String ANSWER_CLAIMED = "ponte.call.answerClaimed";
    private static final String FAILURE_STATUS = "ponte.forks.failureStatus";
    private static final String FAILURE_REASON = "ponte.forks.failureReason";

    private final SipApplicationSession call;

    private CallLeg(SipApplicationSession call) {
        this.call = call;
    }

    /** Starts the call record of an authenticated INVITE. */
    static CallLeg start(SipServletRequest invite, String caller, String callee) {
        SipApplicationSession call = invite.getApplicationSession();
        call.setAttribute(MEDIA_CALL_ID, invite.getCallId());
        call.setAttribute(MEDIA_FROM_TAG, invite.getFrom().getParameter("tag"));
        call.setAttribute(CALLER_EXT, caller);
        call.setAttribute(CALLEE_EXT, callee);
        call.setAttribute(STARTED, Instant.now().toEpochMilli());
        invite.getSession().setAttribute(ROLE, CALLER);
        // the challenged first INVITE of this Call-ID marked the sessions finished; this call is not
        invite.getSession().setInvalidateWhenReady(false);
        call.setInvalidateWhenReady(false);
        return new CallLeg(call);
    }

    /** Marks a fork towards one of the callee's phones, remembering its INVITE and the caller's. */
    static void markCallee(SipSession session, SipServletRequest invite, SipServletRequest callerInvite) {
        session.setAttribute(ROLE, CALLEE);
        session.setAttribute(INVITE, invite);
        session.setAttribute(PEER_INVITE, callerInvite);
    }

    /** For a callee fork: the caller's INVITE, which its answers are relayed to. */
    static SipServletRequest peerInvite(SipSession session) {
        return (SipServletRequest) session.getAttribute(PEER_INVITE);
    }

    /** Something that sends an answer to the caller. */
    @FunctionalInterface
    interface Relay {
        void send() throws IOException;
    }

    /**
     * Runs {@code relay} unless the caller's INVITE already has its final answer. Relays to the caller
     * are serialized per call: the container hands a phone's responses to several threads, and a 180
     * handled late must never reach the caller after the 200 (or a 486).
     *
     * @return false when the final answer had already gone and nothing was sent
     */
    boolean relayToCaller(SipServletRequest callerInvite, Relay relay) throws IOException {
        synchronized (call) {
            if (callerInvite.isCommitted()) {
                return false;
            }
            relay.send();
            return true;
        }
    }

    /** How many phones are rung. */
    void forking(int forks) {
        call.setAttribute(FORKS_PENDING, forks);
    }

    /** True for exactly one fork's 200: the phone that answered first. */
    boolean claimAnswer() {
        return claim(ANSWER_CLAIMED);
    }

    /**
     * Notes that one fork failed with {@code status}, keeping the most telling failure (6xx, then 486,
     * then the latest).
     *
     * @return true when this was the last fork still ringing and none answered: the call has failed
     */
    boolean forkFailed(int status, String reason) {
        synchronized (call) {
            Integer best = (Integer) call.getAttribute(FAILURE_STATUS);
            if (best == null || rank(status) >= rank(best)) {
                call.setAttribute(FAILURE_STATUS, status);
                call.setAttribute(FAILURE_REASON, reason);
            }
            int pending = ((Integer) call.getAttribute(FORKS_PENDING)) - 1;
            call.setAttribute(FORKS_PENDING, pending);
            return pending <= 0 && call.getAttribute(ANSWER_CLAIMED) == null;
        }
    }

    private static int rank(int status) {
        return status >= 600 ? 3 : status == 486 ? 2 : status == 487 ? 0 : 1;
    }

    int bestFailureStatus() {
        return (Integer) call.getAttribute(FAILURE_STATUS);
    }

    String bestFailureReason() {
        return (String) call.getAttribute(FAILURE_REASON);
    }

    /** CALLER or CALLEE: which side a session is. */
    static String side(SipSession session) {
        Object role = session.getAttribute(ROLE);
        return role == null ? CALLER : role.toString();
    }

    /** The call a session belongs to, or null for a session that never carried one. */
    static CallLeg of(SipSession session) {
        return of(session.getApplicationSession());
    }

    static CallLeg of(SipApplicationSession call) {
        return call.isValid() && call.getAttribute(MEDIA_CALL_ID) != null ? new CallLeg(call) : null;
    }

    String mediaCallId() {
        return (String) call.getAttribute(MEDIA_CALL_ID);
    }

    String mediaFromTag() {
        return (String) call.getAttribute(MEDIA_FROM_TAG);
    }

    String caller() {
        return (String) call.getAttribute(CALLER_EXT);
    }

    String callee() {
        return (String) call.getAttribute(CALLEE_EXT);
    }

    Instant startedAt() {
        return Instant.ofEpochMilli((Long) call.getAttribute(STARTED));
    }

    /** The call was answered; {@code calleeTag} is the answering phone's To tag, its name in rtpengine. */
    void answered(String calleeTag) {
        call.setAttribute(ANSWERED, Instant.now().toEpochMilli());
        call.setAttribute(MEDIA_TO_TAG, calleeTag);
    }

    /** The tag rtpengine knows a side by: the caller's From tag or the answering phone's To tag. */
    String tagOf(String side) {
        return (String) call.getAttribute(CALLER.equals(side) ? MEDIA_FROM_TAG : MEDIA_TO_TAG);
    }

    Instant answeredAt() {
        Object a = call.getAttribute(ANSWERED);
        return a == null ? null : Instant.ofEpochMilli((Long) a);
    }

    /** The call is over: every leg's session, and the call's, go once their last transaction has ended. */
    void release() {
        for (Iterator<?> it = call.getSessions("SIP"); it.hasNext();) {
            SipSession leg = (SipSession) it.next();
            if (leg.isValid()) {
                leg.setInvalidateWhenReady(true);
            }
        }
        call.setInvalidateWhenReady(true);
    }

    /** True exactly once per call: whoever gets true deletes the media. */
    boolean claimMediaRelease() {
        return claim(MEDIA_RELEASED);
    }

    /** True exactly once per call: whoever gets true writes the call record. */
    boolean claimRecord() {
        return claim(RECORDED);
    }

    private boolean claim(String flag) {
        synchronized (call) {
            if (call.getAttribute(flag) != null) {
                return false;
            }
            call.setAttribute(flag, Boolean.TRUE);
            return true;
        }
    }
}
