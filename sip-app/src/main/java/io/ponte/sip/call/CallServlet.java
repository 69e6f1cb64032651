package io.ponte.sip.call;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

import javax.servlet.ServletException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TimerService;

import io.ponte.bridge.call.BridgeCalls.AppCallee;
import io.ponte.bridge.connectycube.chat.ChatUnavailableException;
import io.ponte.call.Call;
import io.ponte.call.CallState;
import io.ponte.call.CallRouting.Route;
import io.ponte.call.EndedBy;
import io.ponte.call.LegKind;
import io.ponte.call.Side;
import io.ponte.media.MediaException;
import io.ponte.media.MediaRefusedException;
import io.ponte.security.Peer;
import io.ponte.sip.SessionTimer;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;
import io.ponte.sip.common.PonteSipServlet;
import io.ponte.sip.common.RepeatedHeaders;
import io.ponte.trunk.TrunkLine;

/**
 * The SIP face of calls between subscribers, a back-to-back user agent: it translates SIP on either leg
 * into what happens to the {@link Call} (started, answered, ended) and back into SIP on the other leg.
 * Routing and authentication are asked of {@link CallFacade}; SDP crosses only through the call's media
 * anchor; the call's SIP state is its {@link SipCall}; requests within the call go through
 * {@link InDialogRelay}.
 */
public class CallServlet extends PonteSipServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(CallServlet.class.getName());
    /** This servlet's name in sip.xml: the handler of the sessions of calls that apps place to phones. */
    static final String NAME = "call";
    private static final String SDP = "application/sdp";
    /** Longest call before its sessions expire, should both BYEs be lost. */
    static final int MAX_CALL_MINUTES = 240;

    private final transient InDialogRelay inDialog = new InDialogRelay(this::send);
    private transient volatile CallFacade calls;

    @Override
    protected void doInvite(SipServletRequest request) throws IOException, ServletException {
        if (!request.isInitial()) {
            refreshed(request);
            inDialog.reinvite(request);
            return;
        }
        SipURI from = (SipURI) request.getFrom().getURI();
        Peer source = new Peer(request.getRemoteAddr(), request.getRemotePort(), request.getTransport());
        Optional<TrunkLine> trunk = calls().trunkAt(source);
        if (trunk.isEmpty() && !callerAuthenticated(request, from, source)) {
            return;
        }
        SessionTimer.UasDecision timer = SessionTimers.askedBy(request);
        if (timer instanceof SessionTimer.UasDecision.TooSmall small) {
            SipServletResponse tooSmall = request.createResponse(422, "Session Interval Too Small");
            tooSmall.setHeader("Min-SE", Integer.toString(small.minSe()));
            send(tooSmall);
            releaseSessions(request);
            return;
        }
        send(request.createResponse(100, "Trying"));
        String target = ((SipURI) request.getRequestURI()).getUser();
        String caller = from.getUser() == null ? "anonymous" : from.getUser();
        Route route = trunk.isPresent() ? calls().routeFromTrunk(trunk.get(), target) : calls().route(caller, target);
        // a trunk's callers have no ConnectyCube identity: the trunk names whose identity calls app users
        String appCaller = trunk.map(t -> t.plan().appCaller()).orElse(caller);
        String dialed = trunk.flatMap(t -> t.plan().inboundTarget(target)).orElse(target); // a DID: the extension it maps to
        SipCall sip = start(request, caller, trunk.map(TrunkLine::name).orElse(null), appCaller, calleeParty(route, dialed), route);
        if (sip.call().state() == CallState.ENDED) {
            return;
        }
        if (timer instanceof SessionTimer.UasDecision.Use use) {
            sip.callerTimer(use);
        }
        String offer;
        try {
            offer = sip.call().offer(Side.CALLER, InDialogRelay.body(request));
        } catch (MediaException e) {
            LOG.warning(() -> "no media for call " + sip.call().id() + ": " + e.getMessage());
            refuseForMedia(sip, e);
            return;
        }
        if (route instanceof Route.Contacts contacts) {
            ring(request, sip, contacts, offer);
        } else if (route instanceof Route.Trunk out) {
            TrunkCalls.invite(sipFactory(), sip, out.outbound(), offer, request.getFrom().getDisplayName());
            ringFor(request.getApplicationSession());
        } else {
            ringApp(request, sip, offer);
        }
    }

    /** Checks a subscriber's INVITE credentials (RFC 3261 section 22.3); false when it was answered with a refusal. */
    private boolean callerAuthenticated(SipServletRequest request, SipURI from, Peer source) throws IOException {
        CallFacade.CallerCheck caller = calls().checkCaller(from.getUser(), request.getHeader("Proxy-Authorization"), source);
        if (caller.accepted()) {
            return true;
        }
        SipServletResponse refusal = request.createResponse(caller.status(), caller.reason());
        caller.challenges().forEach(c -> RepeatedHeaders.add(refusal, "Proxy-Authenticate", c));
        send(refusal);
        // a challenged INVITE comes back with credentials as a new transaction; nothing is kept for it
        releaseSessions(request);
        return false;
    }

    /** Who the call's record names as callee: the extension rung, the number sent to a trunk, else what was dialed. */
    private static String calleeParty(Route route, String dialed) {
        if (route instanceof Route.Contacts contacts) {
            return contacts.extension();
        }
        return route instanceof Route.Trunk out ? out.outbound().number() : dialed;
    }

    /**
     * The call of an INVITE from {@code caller} (through {@code callerTrunk}, or null) to {@code target}, its
     * callee leg of the route's kind (an app user is called from {@code appCaller}'s ConnectyCube identity);
     * already ended if refused, by the route or by the call limits.
     */
    private SipCall start(SipServletRequest request, String caller, String callerTrunk, String appCaller, String target, Route route)
            throws IOException {
        SipCall sip = null;
        if (route instanceof Route.App app) {
            AppCallee callee = calls().bridge().appCallee(appCaller, app.identity());
            if (callee instanceof AppCallee.Ready ready) {
                sip = SipCall.startToApp(request, calls().calls(), caller, callerTrunk, ready.leg(), this::send);
            } else {
                route = new Route.Reject(((AppCallee.Refused) callee).status(), ((AppCallee.Refused) callee).reason());
            }
        }
        if (sip == null) {
            sip = SipCall.start(request, calls().calls(), caller, callerTrunk, target, route.trunkName(), this::send);
        }
        Optional<Route.Reject> refusal = route instanceof Route.Reject reject ? Optional.of(reject) : calls().overLimits(sip.call());
        if (refusal.isPresent()) {
            refuse(sip, refusal.get().status(), refusal.get().reason());
        }
        return sip;
    }

    /** Every registered phone of the callee rings; the first 200 wins. Unanswered, the ring timeout ends it. */
    private void ring(SipServletRequest request, SipCall sip, Route.Contacts contacts, String offer)
            throws IOException, ServletException {
        for (String contact : contacts.uris()) {
            SipServletRequest out = request.getB2buaHelper().createRequest(request, false, null);
            out.setRequestURI(sipFactory().createURI(contact));
            out.setContent(InDialogRelay.bytes(offer), SDP);
            SessionTimers.propose(out);
            sip.calleeForks().sent(out);
            out.send();
        }
        ringFor(request.getApplicationSession());
    }

    /** The callee's ConnectyCube app rings ({@code call} with rtpengine's WebRTC offer); the phone hears 180. */
    private void ringApp(SipServletRequest request, SipCall sip, String offer) throws IOException {
        String name = request.getFrom().getDisplayName();
        try {
            calls().bridge().ring(sip.call(), offer, name == null ? sip.call().caller().party() : name);
        } catch (ChatUnavailableException e) {
            LOG.warning(() -> "call " + sip.call().id() + " not sent to the app: " + e.getMessage());
            refuse(sip, SipStatus.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable (ConnectyCube chat offline)");
            return;
        }
        sip.call().ringing(Side.CALLEE);
        sip.call().caller().signaling().ringing(180, "Ringing");
        ringFor(request.getApplicationSession());
    }

    private void ringFor(SipApplicationSession sas) {
        RingTimeout.start(timers(), sas, calls().ringTimeoutSeconds(), MAX_CALL_MINUTES);
    }

    private TimerService timers() {
        return (TimerService) getServletContext().getAttribute(TIMER_SERVICE);
    }

    /** The call ends before anything rings: the caller gets {@code status}, the record says Ponte refused. */
    private void refuse(SipCall sip, int status, String reason) throws IOException {
        SipServletResponse refusal = sip.callerInvite().createResponse(status, reason);
        if (status == SipStatus.SERVICE_UNAVAILABLE) {
            refusal.setHeader("Retry-After", "5");
        }
        send(refusal);
        sip.call().end(status, EndedBy.SYSTEM);
    }

    @Override
    protected void doProvisionalResponse(SipServletResponse response) throws IOException {
        if (response.getStatus() == 100 || !SipMethods.INVITE.equals(response.getMethod())) {
            return;
        }
        if (!response.getRequest().isInitial()) {
            inDialog.reinviteAnswered(response);
            return;
        }
        SipCall sip = SipCall.of(response.getSession());
        if (sip != null) {
            sip.call().ringing(Side.CALLEE);
            sip.call().caller().signaling().ringing(response.getStatus(), response.getReasonPhrase());
        }
    }

    @Override
    protected void doSuccessResponse(SipServletResponse response) throws IOException, ServletException {
        if (!SipMethods.INVITE.equals(response.getMethod())) {
            if (SipMethods.BYE.equals(response.getMethod())) {
                end(response.getSession());
            } else {
                inDialog.answered(response);
            }
            return;
        }
        ClickCaller asked = ClickCaller.askedBy(response);
        if (asked != null) { // the transferred party's fresh offer
            asked.answered(response);
            return;
        }
        Joining joining = Joining.of(response);
        if (joining != null) { // the party joining from an attended transfer's consultation call took the offer
            joining.answered(response);
            return;
        }
        if (!response.getRequest().isInitial()) {
            inDialog.reinviteAnswered(response);
            return;
        }
        response.createAck().send();
        SipCall sip = SipCall.of(response.getSession());
        if (sip == null || sip.call().state() == CallState.ENDED || !sip.calleeForks().claimAnswer(response.getSession())) {
            byeAndEnd(response); // another phone answered first, or the caller went away meanwhile
            return;
        }
        sip.calleeAnswered(response);
        Call call = sip.call();
        String answer;
        try {
            answer = call.answer(Side.CALLEE, InDialogRelay.body(response));
        } catch (MediaException e) {
            LOG.warning(() -> "media answer of call " + call.id() + " failed: " + e.getMessage());
            response.getSession().createRequest(SipMethods.BYE).send();
            call.caller().signaling().hangUp(SipStatus.SERVICE_UNAVAILABLE, "Service Unavailable (media server)");
            call.end(SipStatus.SERVICE_UNAVAILABLE, EndedBy.SYSTEM);
            return;
        }
        if (!call.caller().signaling().answer(answer)) {
            byeAndEnd(response); // the caller gave up as this phone answered, or an app could not be told
            if (call.caller().kind() != LegKind.SIP) {
                call.hangUp(SipStatus.SERVICE_UNAVAILABLE, "Service Unavailable (ConnectyCube chat)");
            }
            return;
        }
        call.answered();
        SessionTimers.answeredBy(response).ifPresent(t -> sip.sessionTimers().negotiated(Side.CALLEE, t));
        sip.sessionTimers().start(timers(), sip.applicationSession());
    }

    /** Hangs up a phone that answered too late. */
    private static void byeAndEnd(SipServletResponse response) throws IOException {
        response.getSession().createRequest(SipMethods.BYE).send();
        end(response.getSession());
    }

    @Override
    protected void doErrorResponse(SipServletResponse response) throws IOException {
        if (response.getRequest().getAttribute(SessionTimers.REFRESH) != null) {
            refreshFailed(response);
            return;
        }
        if (!SipMethods.INVITE.equals(response.getMethod())) {
            if (!SipMethods.BYE.equals(response.getMethod())) {
                inDialog.answered(response);
            }
            return;
        }
        ClickCaller asked = ClickCaller.askedBy(response);
        if (asked != null) { // the party to transfer refused to re-offer: no transfer
            asked.failed(response);
            return;
        }
        Joining joining = Joining.of(response);
        if (joining != null) {
            joining.failed(response);
            return;
        }
        if (!response.getRequest().isInitial()) {
            inDialog.reinviteAnswered(response); // a refused re-INVITE leaves the call as it was
            return;
        }
        SipCall sip = SipCall.of(response.getSession());
        if (TrunkCalls.challenged(response, sip)) {
            return; // asked again with the trunk's credentials
        }
        end(response.getSession());
        if (sip == null || !sip.calleeForks().failed(response.getStatus(), response.getReasonPhrase())) {
            return; // other phones are still ringing, or one of them answered
        }
        int status = sip.calleeForks().failureStatus();
        sip.call().caller().signaling().hangUp(status, sip.calleeForks().failureReason());
        sip.call().end(status, EndedBy.CALLEE);
    }

    /** Ponte's session refresh failed (a 408 when the phone is gone): the call ends (RFC 4028 section 10). */
    private static void refreshFailed(SipServletResponse response) {
        SipCall sip = SipCall.of(response.getSession());
        if (sip != null && response.getStatus() != 491) { // 491: a re-INVITE crossed ours; the next refresh will do
            sip.call().hangUp(408, "Session Expired (refresh answered " + response.getStatus() + ")");
        }
    }

    @Override
    protected void doAck(SipServletRequest request) {
        // the callee's 200 was acknowledged when it arrived
    }

    @Override
    protected void doCancel(SipServletRequest cancel) {
        // the container has answered the CANCEL with 200 and the INVITE with 487
        SipCall sip = SipCall.of(cancel.getSession());
        if (sip != null) {
            sip.call().callee().signaling().hangUp(SipStatus.REQUEST_TERMINATED, "Request Terminated");
            sip.call().end(SipStatus.REQUEST_TERMINATED, EndedBy.CALLER);
        }
    }

    /** UPDATE (RFC 3311) within a call: carried to the other leg as it is. */
    @Override
    protected void doUpdate(SipServletRequest request) throws IOException {
        refreshed(request);
        inDialog.request(request);
    }

    /** A re-INVITE or UPDATE from a phone refreshes its session (RFC 4028 section 10). */
    private void refreshed(SipServletRequest request) {
        SipCall sip = SipCall.of(request.getSession());
        if (sip != null && sip.isDialog(request.getSession())) {
            sip.sessionTimers().refreshed(timers(), sip.applicationSession(), sip.sideOf(request.getSession()));
        }
    }

    /** REFER within a call: a blind transfer the B2BUA carries out itself ({@link Refers}). */
    @Override
    protected void doRefer(SipServletRequest request) throws IOException {
        Refers.refer(request, calls(), this::send);
    }

    /** A digit in an INFO is played into the media (RFC 4733); any other INFO is carried as it is. */
    @Override
    protected void doInfo(SipServletRequest request) throws IOException {
        if (!inDialog.dtmf(request)) {
            inDialog.request(request);
        }
    }

    @Override
    protected void doBye(SipServletRequest bye) throws IOException {
        SipCall sip = SipCall.of(bye.getSession());
        if (sip == null || !sip.isDialog(bye.getSession())) {
            if (bye.getSession().getState() == SipSession.State.CONFIRMED) {
                // a transferor leaving a call that a transfer already took over: its dialog simply ends
                send(bye.createResponse(200, "OK"));
                end(bye.getSession());
                return;
            }
            // e.g. the To tag of the 407 challenge that preceded the call: that dialog never existed (RFC 3261 15.1.2)
            send(bye.createResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }
        send(bye.createResponse(200, "OK"));
        Side side = sip.sideOf(bye.getSession());
        // a click-to-call caller can hang up while the callee still rings: that call was cancelled
        int status = sip.call().state() == CallState.RINGING ? SipStatus.REQUEST_TERMINATED : 200;
        sip.call().leg(side.other()).signaling().hangUp(status, "BYE");
        sip.call().end(status, EndedBy.of(side));
        end(bye.getSession());
    }

    /** 488 with rtpengine's reason when it refused the SDP, 503 (with Retry-After) when it did not answer. */
    private void refuseForMedia(SipCall sip, MediaException e) throws IOException {
        if (e instanceof MediaRefusedException) {
            refuse(sip, 488, "Not Acceptable Here (" + e.getMessage() + ")");
        } else {
            refuse(sip, SipStatus.SERVICE_UNAVAILABLE, "Service Unavailable (media server)");
        }
    }

    /** This session is done once its last transaction ends. */
    private static void end(SipSession session) {
        session.setInvalidateWhenReady(true);
        session.getApplicationSession().setInvalidateWhenReady(true);
    }

    private SipFactory sipFactory() {
        return (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
    }

    private CallFacade calls() {
        CallFacade c = calls;
        if (c == null) {
            c = lookup(CallFacade.class);
            calls = c;
        }
        return c;
    }
}
