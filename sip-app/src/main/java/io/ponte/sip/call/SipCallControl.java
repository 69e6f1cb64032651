package io.ponte.sip.call;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.TimerService;

import io.ponte.call.Call;
import io.ponte.call.CallId;
import io.ponte.call.CallRouting;
import io.ponte.call.CallRouting.Route;
import io.ponte.call.Calls;
import io.ponte.call.CallControl;
import io.ponte.call.CallState;
import io.ponte.call.TransferRefusedException;
import javax.servlet.sip.SipSession;
import io.ponte.call.EndedBy;
import io.ponte.call.Leg;
import io.ponte.call.LegKind;
import io.ponte.call.Side;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;
import io.ponte.sip.common.PonteSipServlet;
import io.ponte.stats.SipStatistics;

/**
 * Third-party call control, the SIP half. Click-to-call: a new application session whose caller leg
 * ({@link ClickCaller}) INVITEs every registered phone of {@code from} without SDP, showing the call as
 * from {@code to}; the answers go to {@link ClickToCallServlet}. Blind transfer: the party that stays gets
 * a re-INVITE without SDP on its existing dialog, so it offers afresh; that offer becomes a new call to
 * the target, in the same application session, and the old call ends once the media has moved. Either
 * way {@link #ringCallee} forks the callee's INVITEs as for any call (or sends one through a trunk), and
 * their answers reach {@link CallServlet}. Attended transfer moves the staying party the same way, and
 * the party joining from the consultation call with a re-INVITE on its own dialog ({@link Joining}).
 */
public final class SipCallControl implements CallControl.Controller {

    private static final Logger LOG = Logger.getLogger(SipCallControl.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Origination origination;
    private final SipFactory factory;
    private final Calls calls;
    private final CallRouting routing;
    private final String domain;
    private final InDialogRelay.Responder responder;

    public SipCallControl(Origination origination) {
        this.origination = origination;
        this.factory = origination.factory;
        this.calls = origination.calls;
        this.routing = origination.routing;
        this.domain = origination.domain;
        this.responder = origination.responder;
    }

    @Override
    public Call dial(String from, String to) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SipCallControl.class.getClassLoader());
        SipCall sip = null;
        try {
            SipApplicationSession sas = factory.createApplicationSession();
            ClickCaller caller = new ClickCaller(this, to);
            Route target = origination.dialing.dialing(from, routing.routePlaced(to));
            sip = SipCall.startFrom(sas, calls, CallId.of("c2c-" + token()), new Leg(Side.CALLER, LegKind.SIP, from, "caller-" + token(), caller),
                    to, target.trunkName(), "callee-" + token(), responder);
            caller.heldBy(sip);
            Route phones = target instanceof Route.Reject ? target : routing.routePhones(from);
            if (phones instanceof Route.Reject reject) {
                sip.call().end(reject.status(), EndedBy.SYSTEM);
                return sip.call();
            }
            Address shownAs = factory.createAddress(factory.createSipURI(to, domain), "Click-to-call " + to);
            Address callerAddress = factory.createAddress(factory.createSipURI(from, domain));
            for (String contact : ((Route.Contacts) phones).uris()) {
                SipServletRequest invite = factory.createRequest(sas, SipMethods.INVITE, shownAs, callerAddress);
                invite.setRequestURI(factory.createURI(contact));
                invite.getSession().setHandler(ClickToCallServlet.NAME);
                SessionTimers.propose(invite);
                caller.asks(invite);
                invite.send();
            }
            caller.ringsUntil(RingTimeout.start(origination.timers, sas, origination.ringTimeoutSeconds, CallServlet.MAX_CALL_MINUTES));
            return sip.call();
        } catch (IOException | ServletException | RuntimeException e) {
            LOG.log(Level.WARNING, "click-to-call from " + from + " to " + to + " failed", e);
            if (sip == null) {
                throw new IllegalStateException("click-to-call could not start: " + e.getMessage(), e);
            }
            sip.call().hangUp(SipStatus.SERVER_INTERNAL_ERROR, "Server Internal Error");
            return sip.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Call transfer(Call call, Side stays, String to) throws TransferRefusedException {
        SipCall old = answeredBetweenPhones(call);
        Route target = routing.routePlaced(to);
        if (target instanceof Route.Reject reject) {
            throw new TransferRefusedException(reject.status(), to + ": " + reject.reason());
        }
        java.util.Optional<Route.Reject> refused = origination.dialing.transfer(call, stays, target);
        if (refused.isPresent()) {
            throw new TransferRefusedException(refused.get().status(), refused.get().reason());
        }
        ClickCaller staying = new ClickCaller(this, to);
        return move(old, stays, to, target.trunkName(), staying).call();
    }

    /**
     * Attended transfer (RFC 5589 section 7, done by the B2BUA): the party that stays in {@code call} is
     * re-INVITEd without SDP as in a blind transfer; its offer goes to the party that joins from
     * {@code consultation} in a re-INVITE on that party's existing dialog ({@link Joining}), and neither phone
     * sees a REFER or a new dialog. The transferor's legs of both calls are released.
     */
    @Override
    public Call attendedTransfer(Call call, Side stays, Call consultation, Side joins) throws TransferRefusedException {
        SipCall old = answeredBetweenPhones(call);
        SipCall other = answeredBetweenPhones(consultation);
        if (old == other) {
            throw new TransferRefusedException(SipStatus.FORBIDDEN, "a call cannot replace itself");
        }
        SipSession joining = other.dialogOf(joins);
        ClickCaller staying = new ClickCaller((moved, offer) -> Joining.reinvite(moved, offer, other, joins, joining));
        return move(old, stays, consultation.leg(joins).party(), consultation.leg(joins).trunk(), staying).call();
    }

    private static SipCall answeredBetweenPhones(Call call) throws TransferRefusedException {
        SipCall sip = SipCall.holding(call);
        if (sip == null || call.state() != CallState.ANSWERED || call.caller().kind() != LegKind.SIP
                || call.callee().kind() != LegKind.SIP) {
            throw new TransferRefusedException(SipStatus.NOT_ACCEPTABLE_HERE, "only an answered call between SIP phones can be transferred");
        }
        return sip;
    }

    /**
     * The party on side {@code stays} of {@code old} is re-INVITEd without SDP on its dialog, to become the
     * caller ({@code staying}) of a new call to {@code callee} (through {@code calleeTrunk}, or null) in the
     * same application session; once its media is anchored there, the old call ends as transferred.
     */
    private SipCall move(SipCall old, Side stays, String callee, String calleeTrunk, ClickCaller staying) throws TransferRefusedException {
        Call call = old.call();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SipCallControl.class.getClassLoader());
        try {
            SipSession dialog = old.dialogOf(stays);
            SipCall moved = SipCall.prepare(old.applicationSession(), calls, CallId.of("xfer-" + token()),
                    Leg.sip(Side.CALLER, call.leg(stays).party(), call.leg(stays).trunk(), "caller-" + token(), staying), callee,
                    calleeTrunk, "callee-" + token(), responder);
            staying.heldBy(moved);
            staying.onceAnchored(() -> {
                moved.attach();
                call.transferred(stays, callee, moved.call().id());
            });
            staying.ifRefused(refusal -> old.transferFailed(refusal.getStatus(), refusal.getReasonPhrase()));
            moved.callerAnswered(dialog);
            SipServletRequest reinvite = dialog.createRequest(SipMethods.INVITE);
            staying.asks(reinvite);
            reinvite.send();
            return moved;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "transfer of " + call.id() + " to " + callee + " failed", e);
            throw new TransferRefusedException(SipStatus.SERVER_INTERNAL_ERROR, "the transfer could not start: " + e.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The callee of a call Ponte placed (click-to-call, a transfer) is reached with the media anchor's
     * offer: {@code to}'s phones ring, or the call goes out through a trunk; anything else ends it.
     */
    void ringCallee(SipCall sip, String to, String offer) throws IOException {
        Route route = routing.routePlaced(to);
        if (route instanceof Route.Contacts contacts) {
            origination.ringCallee(sip, contacts, offer, null);
        } else if (route instanceof Route.Trunk out) {
            java.util.Optional<Route.Reject> full = origination.dialing.trunkFull(sip.call());
            if (full.isPresent()) {
                sip.call().hangUp(full.get().status(), full.get().reason());
            } else {
                origination.ringTrunk(sip, out, offer, null);
            }
        } else {
            Route.Reject reject = route instanceof Route.Reject r ? r : new Route.Reject(SipStatus.NOT_FOUND, "Not Found");
            sip.call().hangUp(reject.status(), reject.reason());
        }
    }

    private static String token() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
