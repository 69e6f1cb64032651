package io.ponte.sip.call;

import java.io.IOException;
import java.util.logging.Logger;

import javax.servlet.ServletException;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;

import io.ponte.call.Call;
import io.ponte.call.CallState;
import io.ponte.call.EndedBy;
import io.ponte.call.LegSignaling;
import io.ponte.call.Side;
import io.ponte.call.StandInAnswer;
import io.ponte.media.MediaException;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;

/**
 * A caller's leg whose phone Ponte asks for an offer: the click-to-call caller (Ponte's INVITEs to its
 * phones) or the party that stays in a blind transfer (a re-INVITE on its dialog). Ponte sends them
 * without SDP, so the phone that answers makes the offer in its 200 (RFC 3725 section 4.1);
 * that offer goes through the media anchor to the callee's phones, and the caller is acknowledged at once
 * with the anchor's answer to a {@link StandInAnswer} (the callee may ring for a while; the caller's 200
 * cannot wait). When the callee answers, the anchor takes its real answer; the caller's media is already
 * in place.
 */
final class ClickCaller implements LegSignaling {

    private static final Logger LOG = Logger.getLogger(ClickCaller.class.getName());

    /** How the callee is reached with the anchor's offer once this leg's phone has made it. */
    @FunctionalInterface
    interface Reach {
        void callee(SipCall sip, String offer) throws IOException;
    }

    private final Reach reach;
    private volatile SipCall sip;
    private volatile Forks forks;
    private volatile ServletTimer ringTimer;
    private volatile Runnable onceAnchored;
    private volatile java.util.function.Consumer<SipServletResponse> ifRefused;

    /** The request attribute naming the leg that asked for an offer, so its answer comes back here. */
    static final String ASKED = "ponte.asked-for-offer";

    /** The callee is {@code target}: its registered phones, or a number a trunk carries. */
    ClickCaller(SipCallControl dialer, String target) {
        this.reach = (sip, offer) -> dialer.ringCallee(sip, target, offer);
    }

    /** The callee is reached by {@code reach} (an attended transfer re-INVITEs a phone already in a call). */
    ClickCaller(Reach reach) {
        this.reach = reach;
    }

    /** The call holding this leg is {@code held}. */
    void heldBy(SipCall held) {
        this.sip = held;
        this.forks = new Forks("the caller of click-to-call " + held.call().id());
    }

    /** The click-to-call caller leg of the call a session belongs to, or null. */
    static ClickCaller of(SipSession session) {
        SipCall sip = SipCall.of(session);
        return sip != null && sip.call().caller().signaling() instanceof ClickCaller c ? c : null;
    }

    Call call() {
        return sip.call();
    }

    SipCall sipCall() {
        return sip;
    }

    Forks forks() {
        return forks;
    }

    /** Ponte's INVITE (or re-INVITE) without SDP to one of this leg's phones is about to be sent. */
    void asks(SipServletRequest invite) {
        invite.setAttribute(ASKED, this);
        forks.sent(invite);
    }

    /** The leg that asked with the request this response answers, or null. */
    static ClickCaller askedBy(SipServletResponse response) {
        return response.getRequest().getAttribute(ASKED) instanceof ClickCaller c ? c : null;
    }

    /** Runs {@code r} once the phone's media is anchored (a transfer then ends the old call). */
    void onceAnchored(Runnable r) {
        this.onceAnchored = r;
    }

    /** Runs {@code r} with the final failure when every phone of this leg refused (a transfer then reports it). */
    void ifRefused(java.util.function.Consumer<SipServletResponse> r) {
        this.ifRefused = r;
    }

    void ringsUntil(ServletTimer timer) {
        this.ringTimer = timer;
    }

    /**
     * A caller's phone answered with its offer: the first to answer gets the call (the others are
     * cancelled), is acknowledged with the anchor's answer, and the callee's phones are rung with the
     * anchor's offer. Later answers are acknowledged and hung up.
     */
    void answered(SipServletResponse response) throws IOException, ServletException {
        SipSession session = response.getSession();
        session.setHandler(CallServlet.NAME); // from now on an ordinary leg of the call
        Call call = sip.call();
        if (call.state() != CallState.RINGING || !forks.claimAnswer(session)) {
            response.createAck().send();
            if (onceAnchored == null) { // a late click-to-call answer; a transferred party stays in its call
                session.createRequest(SipMethods.BYE).send();
            }
            return;
        }
        forks.cancel(session);
        sip.callerAnswered(session);
        SessionTimers.answeredBy(response).ifPresent(t -> sip.sessionTimers().negotiated(Side.CALLER, t));
        ServletTimer timer = ringTimer;
        if (timer != null) {
            timer.cancel();
        }
        String forCallee;
        String forCaller;
        try {
            forCallee = call.offer(Side.CALLER, InDialogRelay.body(response));
            forCaller = call.answer(Side.CALLEE, StandInAnswer.to(forCallee, System.currentTimeMillis() / 1000));
        } catch (MediaException e) {
            LOG.warning(() -> "no media for click-to-call " + call.id() + ": " + e.getMessage());
            response.createAck().send();
            call.hangUp(SipStatus.SERVICE_UNAVAILABLE, "Service Unavailable (media server)");
            return;
        }
        SipServletRequest ack = response.createAck();
        ack.setContent(InDialogRelay.bytes(forCaller), "application/sdp");
        ack.send();
        Runnable then = onceAnchored;
        if (then != null) {
            then.run();
        }
        reach.callee(sip, forCallee);
    }

    /** A caller's phone refused or gave up; when the last one has, the call ends with the most telling status. */
    void failed(SipServletResponse response) {
        if (forks.failed(response.getStatus(), response.getReasonPhrase())) {
            sip.call().end(forks.failureStatus(), EndedBy.CALLER);
            java.util.function.Consumer<SipServletResponse> then = ifRefused;
            if (then != null) {
                then.accept(response);
            }
        }
    }

    /** Before the caller answered: its phones stop ringing; after: a BYE. */
    @Override
    public void hangUp(int status, String reason) {
        SipCall.inModule(() -> {
            SipSession dialog = sip.callerDialog();
            if (dialog != null && dialog.isValid() && dialog.getState() == SipSession.State.CONFIRMED) {
                dialog.createRequest(SipMethods.BYE).send();
            } else {
                forks.cancel(null);
            }
        }, "the caller leg of " + sip.call().id());
    }

    /** Nothing of its own: the callee's leg lets go of every session of the call. */
    @Override
    public void release() {
    }

    /** The caller's phone already has its media (the stand-in answer); true while its dialog is up. */
    @Override
    public boolean answer(String sdp) {
        SipSession dialog = sip.callerDialog();
        return dialog != null && dialog.isValid() && dialog.getState() == SipSession.State.CONFIRMED;
    }
}
