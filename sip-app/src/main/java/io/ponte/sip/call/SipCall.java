package io.ponte.sip.call;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;

import io.ponte.call.Call;
import io.ponte.call.CallId;
import io.ponte.call.Calls;
import io.ponte.call.Leg;
import io.ponte.call.LegSignaling;
import io.ponte.call.Side;
import io.ponte.sip.SessionTimer;
import io.ponte.sip.SipMethods;

/**
 * The SIP half of a B2BUA call, the one object its {@link SipApplicationSession} holds: the {@link Call},
 * the caller's INVITE, the INVITEs forked to the callee's phones and how they fare (the first 200 wins,
 * the most telling failure is kept), and the lock that keeps answers to the caller in order. Both legs'
 * {@link LegSignaling} are implemented here, on the sessions of this application session.
 */
final class SipCall {

    private static final Logger LOG = Logger.getLogger(SipCall.class.getName());
    private static final String ATTRIBUTE = "ponte.call";

    /** The caller's INVITE; null when the caller is an app user. */
    private final SipServletRequest callerInvite;
    private final SipApplicationSession sas;
    private final InDialogRelay.Responder responder;
    private Forks forks;
    private final SessionTimers sessionTimers = new SessionTimers();
    /** What the caller's 200 says about session timers, when the caller's INVITE negotiated them. */
    private volatile SessionTimer.UasDecision.Use callerTimer;
    /** The side whose phone asked for a transfer with REFER: it gets the final NOTIFY before its BYE. */
    private volatile Side referredBy;
    /** The caller's dialog: the session of its INVITE, or of Ponte's INVITE that it answered (click-to-call). */
    private volatile SipSession callerDialog;
    /** The To tag of Ponte's 200 to the caller's INVITE: its own tag in the caller's dialog. */
    private volatile String callerLocalTag;
    private Call call;

    private SipCall(SipServletRequest callerInvite, SipApplicationSession sas, InDialogRelay.Responder responder) {
        this.callerInvite = callerInvite;
        this.callerDialog = callerInvite == null ? null : callerInvite.getSession();
        this.sas = sas;
        this.responder = responder;
    }

    /**
     * Starts the call of an authenticated INVITE from {@code caller} (an outside party when
     * {@code callerTrunk}, the trunk it came from, is set) to {@code callee}: a subscriber's phones, or an
     * outside number through {@code calleeTrunk}.
     */
    static SipCall start(SipServletRequest invite, Calls calls, String caller, String callerTrunk, String callee, String calleeTrunk,
                         InDialogRelay.Responder responder) {
        SipCall sip = held(invite, responder);
        sip.call = calls.start(CallId.of(invite.getCallId()), sip.callerLeg(caller, callerTrunk),
                Leg.sip(Side.CALLEE, callee, calleeTrunk, null, sip.new SipLeg(Side.CALLEE)));
        sip.forks = new Forks("the callee of call " + sip.call.id());
        return sip;
    }

    /** Starts the call of an authenticated INVITE from {@code caller} to an app user, {@code appCallee}'s leg. */
    static SipCall startToApp(SipServletRequest invite, Calls calls, String caller, String callerTrunk, Leg appCallee,
                              InDialogRelay.Responder responder) {
        SipCall sip = held(invite, responder);
        sip.call = calls.start(CallId.of(invite.getCallId()), sip.callerLeg(caller, callerTrunk), appCallee);
        sip.forks = new Forks("the callee of call " + sip.call.id());
        return sip;
    }

    /**
     * Starts a call whose caller is not a phone's INVITE ({@code caller}'s leg: an app user, whose
     * ConnectyCube session id {@code id} becomes the call's, or a click-to-call party) to subscriber
     * {@code callee}'s phones (or an outside number through {@code calleeTrunk}), held by the new application
     * session {@code sas}. {@code calleeMediaTag} names the callee's side to the media server before it
     * answers (click-to-call), or is null.
     */
    static SipCall startFrom(SipApplicationSession sas, Calls calls, CallId id, Leg caller, String callee, String calleeTrunk,
                             String calleeMediaTag, InDialogRelay.Responder responder) {
        SipCall sip = prepare(sas, calls, id, caller, callee, calleeTrunk, calleeMediaTag, responder);
        sip.attach();
        return sip;
    }

    /**
     * As {@link #startFrom}, without yet becoming the call {@code sas} holds: a transfer's new call, which
     * takes over the application session from the old one only once the media has moved ({@link #attach}).
     */
    static SipCall prepare(SipApplicationSession sas, Calls calls, CallId id, Leg caller, String callee, String calleeTrunk,
                           String calleeMediaTag, InDialogRelay.Responder responder) {
        SipCall sip = new SipCall(null, sas, responder);
        sip.call = calls.start(id, caller, Leg.sip(Side.CALLEE, callee, calleeTrunk, calleeMediaTag, sip.new SipLeg(Side.CALLEE)));
        sip.forks = new Forks("the callee of call " + sip.call.id());
        return sip;
    }

    private static SipCall held(SipServletRequest invite, InDialogRelay.Responder responder) {
        SipApplicationSession sas = invite.getApplicationSession();
        SipCall sip = new SipCall(invite, sas, responder);
        // the challenged first INVITE of this Call-ID marked the sessions finished; this call is not
        invite.getSession().setInvalidateWhenReady(false);
        sas.setInvalidateWhenReady(false);
        sas.setAttribute(ATTRIBUTE, sip);
        return sip;
    }

    private Leg callerLeg(String caller, String trunk) {
        return Leg.sip(Side.CALLER, caller, trunk, callerInvite.getFrom().getParameter("tag"), new SipLeg(Side.CALLER));
    }

    /** The call a session belongs to, or null for a session that never carried one (or is gone). */
    static SipCall of(SipSession session) {
        return of(session.getApplicationSession());
    }

    /** This call becomes the one its application session holds. */
    void attach() {
        sas.setAttribute(ATTRIBUTE, this);
    }

    /** This call is also the one held by {@code dialog}'s application session (the joining party of an attended transfer). */
    void holdAlso(SipSession dialog) {
        dialog.getApplicationSession().setAttribute(ATTRIBUTE, this);
    }

    /** {@code dialog}, of another application session, is this call's callee dialog from now on. */
    void joined(SipSession dialog) {
        forks.claimAnswer(dialog);
        if (call.callee().mediaTag() == null) {
            call.callee().identify(dialog.getRemoteParty().getParameter("tag"));
        }
    }

    /** The SIP half of {@code call}, if its legs are on SIP sessions here. */
    static SipCall holding(Call call) {
        for (Side side : Side.values()) {
            LegSignaling s = call.leg(side).signaling();
            if (s instanceof SipLeg leg) {
                return leg.owner();
            }
            if (s instanceof ClickCaller c) {
                return c.sipCall();
            }
        }
        return null;
    }

    static SipCall of(SipApplicationSession sas) {
        return sas.isValid() ? (SipCall) sas.getAttribute(ATTRIBUTE) : null;
    }

    Call call() {
        return call;
    }

    /** The caller's INVITE, or null when the caller is not a SIP phone. */
    SipServletRequest callerInvite() {
        return callerInvite;
    }

    SipApplicationSession applicationSession() {
        return sas;
    }

    /** The session timers (RFC 4028) of the call's legs. */
    SessionTimers sessionTimers() {
        return sessionTimers;
    }

    /** The caller's INVITE negotiated a session timer: its leg runs it, its 200 says so. */
    void callerTimer(SessionTimer.UasDecision.Use use) {
        callerTimer = use;
        sessionTimers.negotiated(Side.CALLER, use.timer());
    }

    /** {@code side}'s phone asked for a blind transfer with REFER. */
    void referredBy(Side side) {
        referredBy = side;
    }

    /**
     * The party that was to be moved refused its re-INVITE: the call goes on as it was, and a phone that
     * asked with REFER hears how its transfer failed (the final NOTIFY with the refusal).
     */
    void transferFailed(int status, String reason) {
        Side by = referredBy;
        referredBy = null;
        SipSession dialog = by == null ? null : dialogOf(by);
        if (dialog != null && dialog.isValid() && dialog.getState() == SipSession.State.CONFIRMED) {
            inModule(() -> Refers.failed(dialog, status, reason), "the transferor of " + call.id());
        }
    }

    /**
     * Whether {@code r} names this call's dialog with {@code side}'s phone: its Call-ID and, for a caller's
     * own INVITE, the caller's tag as from-tag and Ponte's as to-tag (RFC 3891 section 3, as the phone sees it).
     */
    boolean names(Side side, io.ponte.sip.Replaces r) {
        SipSession d = dialogOf(side);
        if (d == null || !d.isValid() || !r.callId().equals(d.getCallId())) {
            return false;
        }
        if (side == Side.CALLER && callerInvite != null) {
            String local = callerLocalTag;
            return r.fromTag().equals(callerInvite.getFrom().getParameter("tag")) && (local == null || r.toTag().equals(local));
        }
        return true; // Ponte's own INVITEs: each has a Call-ID of its own
    }

    /** The established dialog of {@code side}'s phone, or null. */
    SipSession dialogOf(Side side) {
        return side == Side.CALLER ? callerDialog : answeredFork();
    }

    /** The INVITEs sent to the callee's phones. */
    Forks calleeForks() {
        return forks;
    }

    /** The caller's dialog once there is one: its INVITE's session, or the session of the phone that answered Ponte. */
    SipSession callerDialog() {
        return callerDialog;
    }

    /**
     * The callee's phone that answered with {@code ok} takes the call: its session is linked to the caller's
     * dialog (requests within the call cross between them), the other forks are cancelled, and it is named
     * to the media server unless click-to-call or a transfer named it before.
     */
    void calleeAnswered(SipServletResponse ok) {
        SipSession caller = callerDialog;
        if (caller != null) {
            B2buaHelper b2b = ok.getRequest().getB2buaHelper();
            if (b2b.getLinkedSession(caller) != null) {
                b2b.unlinkSipSessions(caller); // a transferred party, linked to the one it left
            }
            b2b.linkSipSessions(caller, ok.getSession());
        }
        forks.cancel(ok.getSession());
        if (call.callee().mediaTag() == null) {
            call.callee().identify(ok.getTo().getParameter("tag"));
        }
    }

    /** Click-to-call: the caller's phone answered Ponte's INVITE on {@code session}, the caller's dialog from now on. */
    void callerAnswered(SipSession session) {
        callerDialog = session;
    }

    /** Which side a session of this call is on. */
    Side sideOf(SipSession session) {
        SipSession caller = callerDialog;
        return caller != null && session.getId().equals(caller.getId()) ? Side.CALLER : Side.CALLEE;
    }

    /** True for a session that is one of the call's established dialogs: the caller's, or the phone that answered. */
    boolean isDialog(SipSession session) {
        if (session.getState() != SipSession.State.CONFIRMED) {
            return false;
        }
        SipSession answered = answeredFork();
        SipSession caller = callerDialog;
        return (caller != null && session.getId().equals(caller.getId()))
                || (answered != null && session.getId().equals(answered.getId()));
    }

    /**
     * Runs SIP work that may come from outside the container's threads (the REST API, the ConnectyCube
     * chat, a timer): with this module's class loader, and a leg that is already ending ({@code what})
     * left alone.
     */
    static void inModule(Relay work, String what) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SipCall.class.getClassLoader());
        try {
            work.send();
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, what + " was already ending", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Something that sends an answer to the caller. */
    @FunctionalInterface
    interface Relay {
        void send() throws IOException;
    }

    /**
     * Runs {@code relay} unless the caller's INVITE already has its final answer. Relays to the caller are
     * serialized per call: the container hands a phone's responses to several threads, and a 180 handled
     * late must never reach the caller after the 200 (or a 486).
     */
    private boolean relayToCaller(Relay relay) throws IOException {
        synchronized (this) {
            if (callerInvite.isCommitted()) {
                return false;
            }
            relay.send();
            return true;
        }
    }

    /** One leg's signaling, on this call's sessions. */
    private final class SipLeg implements LegSignaling {

        private final Side side;

        SipLeg(Side side) {
            this.side = side;
        }

        SipCall owner() {
            return SipCall.this;
        }

        /** The caller's phone hears the callee's 18x. */
        @Override
        public void ringing(int status, String reason) {
            inModule(() -> relayToCaller(() -> responder.send(callerInvite.createResponse(status, reason))));
        }

        /** The caller's phone gets 200 with {@code sdp}, unless its INVITE was answered (or cancelled) already. */
        @Override
        public boolean answer(String sdp) {
            boolean[] sent = {false};
            inModule(() -> sent[0] = relayToCaller(() -> {
                SipServletResponse ok = callerInvite.createResponse(200, "OK");
                callerLocalTag = ok.getTo().getParameter("tag");
                ok.setContent(InDialogRelay.bytes(sdp), "application/sdp");
                SessionTimer.UasDecision.Use timer = callerTimer;
                if (timer != null) {
                    ok.setHeader("Session-Expires", timer.sessionExpires().toString());
                    if (timer.require()) {
                        ok.setHeader("Require", "timer");
                    }
                }
                ok.setHeader("Supported", "timer");
                responder.send(ok);
            }));
            return sent[0];
        }

        @Override
        public void hangUp(int status, String reason) {
            inModule(() -> {
                SipSession dialog = side == Side.CALLER ? callerDialog : answeredFork();
                if (dialog != null && dialog.isValid() && dialog.getState() == SipSession.State.CONFIRMED) {
                    if (referredBy == side) {
                        Refers.done(dialog);
                    }
                    dialog.createRequest(SipMethods.BYE).send();
                } else if (side == Side.CALLEE) {
                    forks.cancel(null);
                } else {
                    relayToCaller(() -> responder.send(callerInvite.createResponse(status, reason)));
                }
            });
        }

        /** Every session of the call, and the call's, go once their last transaction has ended. */
        @Override
        public void release() {
            sessionTimers.cancel();
            if (!sas.isValid()) {
                return;
            }
            for (Iterator<?> it = sas.getSessions("SIP"); it.hasNext();) {
                SipSession s = (SipSession) it.next();
                if (s.isValid()) {
                    s.setInvalidateWhenReady(true);
                }
            }
            sas.setInvalidateWhenReady(true);
            SipSession callee = answeredFork();
            if (callee != null && callee.isValid() && callee.getApplicationSession() != sas) { // joined by an attended transfer
                callee.setInvalidateWhenReady(true);
                callee.getApplicationSession().setInvalidateWhenReady(true);
            }
        }

        private void inModule(Relay work) {
            SipCall.inModule(work, side + " leg of " + call.id());
        }
    }

    private SipSession answeredFork() {
        return forks.answered();
    }
}
