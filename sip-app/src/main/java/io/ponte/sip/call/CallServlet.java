package io.ponte.sip.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.ServletException;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TimerService;

import io.ponte.call.CallRouting.Route;
import io.ponte.media.rtpengine.RtpengineErrorException;
import io.ponte.media.rtpengine.RtpengineUnavailableException;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;
import io.ponte.sip.common.PonteSipServlet;
import io.ponte.sip.common.RepeatedHeaders;

/**
 * A back-to-back user agent between two subscribers with the media anchored by rtpengine: the caller's
 * INVITE is authenticated (407), routed to the callee's registered contact, and re-issued on a second,
 * linked leg with the SDP rtpengine rewrote; responses, ACK, BYE and CANCEL cross between the legs.
 * Call state lives in the SIP sessions ({@link CallLeg}), never in the servlet.
 */
public class CallServlet extends PonteSipServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(CallServlet.class.getName());
    private static final String SDP = "application/sdp";
    /** Longest call before its sessions expire, should both BYEs be lost. */
    private static final int MAX_CALL_MINUTES = 240;

    private transient volatile CallFacade calls;

    @Override
    protected void doInvite(SipServletRequest request) throws IOException, ServletException {
        if (!request.isInitial()) {
            reinvite(request);
            return;
        }
        SipURI from = (SipURI) request.getFrom().getURI();
        CallFacade.CallerCheck caller = calls().checkCaller(from.getUser(), request.getHeader("Proxy-Authorization"));
        if (!caller.accepted()) {
            SipServletResponse refusal = request.createResponse(caller.status(), caller.reason());
            caller.challenges().forEach(c -> RepeatedHeaders.add(refusal, "Proxy-Authenticate", c));
            send(refusal);
            // a challenged INVITE comes back with credentials as a new transaction; nothing is kept for it
            // (with no application-session timer, a kept session would live forever if it never came back)
            releaseSessions(request);
            return;
        }
        send(request.createResponse(100, "Trying"));
        String target = ((SipURI) request.getRequestURI()).getUser();
        CallLeg call = CallLeg.start(request, from.getUser(), target);
        calls().started(request.getCallId(), from.getUser(), target, request.getApplicationSession().getId());
        Route route = calls().route(target);
        if (route instanceof Route.Reject reject) {
            send(request.createResponse(reject.status(), reject.reason()));
            finish(call, reject.status(), CallLeg.SYSTEM);
            releaseSessions(request);
            return;
        }
        bridge(request, call, (Route.Contacts) route);
    }

    private void bridge(SipServletRequest request, CallLeg caller, Route.Contacts contacts) throws IOException, ServletException {
        String offer;
        try {
            offer = calls().offer(caller.mediaCallId(), caller.mediaFromTag(), body(request));
        } catch (RtpengineUnavailableException e) {
            LOG.warning(() -> "rtpengine unavailable for " + request.getCallId() + ": " + e.getMessage());
            SipServletResponse busy = request.createResponse(SipStatus.SERVICE_UNAVAILABLE, "Service Unavailable (media server)");
            busy.setHeader("Retry-After", "5");
            send(busy);
            finish(caller, SipStatus.SERVICE_UNAVAILABLE, CallLeg.SYSTEM);
            releaseSessions(request);
            return;
        } catch (RtpengineErrorException e) {
            send(request.createResponse(488, "Not Acceptable Here (" + e.errorReason() + ")"));
            finish(caller, 488, CallLeg.SYSTEM);
            releaseSessions(request);
            return;
        }
        request.getApplicationSession().setExpires(MAX_CALL_MINUTES);
        request.getSession().setAttribute(CallLeg.INVITE, request);
        B2buaHelper helper = request.getB2buaHelper();
        caller.forking(contacts.uris().size());
        for (String contact : contacts.uris()) { // every registered phone rings; the first 200 wins
            SipServletRequest out = helper.createRequest(request, false, null);
            out.setRequestURI(sipFactory().createURI(contact));
            out.setContent(offer.getBytes(StandardCharsets.UTF_8), SDP);
            CallLeg.markCallee(out.getSession(), out, request);
            out.send();
        }
        TimerService timers = (TimerService) getServletContext().getAttribute(TIMER_SERVICE);
        timers.createTimer(request.getApplicationSession(), calls().ringTimeoutSeconds() * 1000L, false, RingTimeout.RING);
    }

    /**
     * A re-INVITE (hold, resume, codec change) from either side: its SDP goes through rtpengine as a new
     * offer from that side, and the request is carried to the other leg; the answer comes back the same way.
     */
    private void reinvite(SipServletRequest request) throws IOException {
        CallLeg leg = CallLeg.of(request.getSession());
        SipSession other = request.getB2buaHelper().getLinkedSession(request.getSession());
        if (leg == null || other == null || !other.isValid()) {
            send(request.createResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }
        SipServletRequest out = request.getB2buaHelper().createRequest(other, request, null);
        String sdp = body(request);
        if (!sdp.isEmpty()) {
            try {
                String offer = calls().offer(leg.mediaCallId(), leg.tagOf(CallLeg.side(request.getSession())), sdp);
                out.setContent(offer.getBytes(StandardCharsets.UTF_8), SDP);
            } catch (RtpengineErrorException | RtpengineUnavailableException e) {
                LOG.warning(() -> "rtpengine re-offer failed for " + leg.mediaCallId() + ": " + e.getMessage());
                send(request.createResponse(488, "Not Acceptable Here (media server)"));
                return;
            }
        }
        out.send();
    }

    /** The answer to a re-INVITE Ponte carried: ACK it on this leg, its SDP through rtpengine to the offerer. */
    private void reinviteAnswered(SipServletResponse response) throws IOException {
        SipServletRequest original = response.getRequest().getB2buaHelper().getLinkedSipServletRequest(response.getRequest());
        if (response.getStatus() >= 200 && response.getStatus() < 300) {
            response.createAck().send();
        }
        if (original == null || original.isCommitted() || response.getStatus() < 180) {
            return;
        }
        SipServletResponse relayed = original.createResponse(response.getStatus(), response.getReasonPhrase());
        CallLeg leg = CallLeg.of(response.getSession());
        String sdp = body(response);
        if (leg != null && !sdp.isEmpty() && response.getStatus() < 300) {
            try {
                String answerer = CallLeg.side(response.getSession());
                String offerer = CallLeg.CALLER.equals(answerer) ? CallLeg.CALLEE : CallLeg.CALLER;
                relayed.setContent(calls().answer(leg.mediaCallId(), leg.tagOf(offerer), leg.tagOf(answerer), sdp)
                        .getBytes(StandardCharsets.UTF_8), SDP);
            } catch (RtpengineErrorException | RtpengineUnavailableException e) {
                LOG.warning(() -> "rtpengine re-answer failed for " + leg.mediaCallId() + ": " + e.getMessage());
            }
        }
        send(relayed);
    }

    @Override
    protected void doProvisionalResponse(SipServletResponse response) throws IOException {
        if (response.getStatus() == 100 || !SipMethods.INVITE.equals(response.getMethod())) {
            return;
        }
        if (!response.getRequest().isInitial()) {
            reinviteAnswered(response);
            return;
        }
        SipServletRequest original = CallLeg.peerInvite(response.getSession());
        CallLeg leg = CallLeg.of(response.getSession());
        if (original != null && leg != null) { // never after the final answer: relayToCaller orders them
            leg.relayToCaller(original, () -> send(original.createResponse(response.getStatus(), response.getReasonPhrase())));
        }
    }

    @Override
    protected void doSuccessResponse(SipServletResponse response) throws IOException {
        if (!SipMethods.INVITE.equals(response.getMethod())) {
            if (SipMethods.BYE.equals(response.getMethod())) {
                end(response.getSession());
            } else {
                relayAnswer(response);
            }
            return;
        }
        if (!response.getRequest().isInitial()) {
            reinviteAnswered(response);
            return;
        }
        response.createAck().send();
        SipServletRequest original = CallLeg.peerInvite(response.getSession());
        CallLeg leg = CallLeg.of(response.getSession());
        if (original == null || original.isCommitted() || leg == null || !leg.claimAnswer()) {
            // another phone answered first, or the caller went away meanwhile: hang this one up
            response.getSession().createRequest(SipMethods.BYE).send();
            end(response.getSession());
            return;
        }
        response.getRequest().getB2buaHelper().linkSipSessions(original.getSession(), response.getSession());
        CallEnd.cancelOtherForks(response.getSession());
        String answer;
        try {
            answer = calls().answer(leg.mediaCallId(), leg.mediaFromTag(), response.getTo().getParameter("tag"), body(response));
        } catch (RtpengineErrorException | RtpengineUnavailableException e) {
            LOG.warning(() -> "rtpengine answer failed for " + original.getCallId() + ": " + e.getMessage());
            response.getSession().createRequest(SipMethods.BYE).send();
            send(original.createResponse(SipStatus.SERVICE_UNAVAILABLE, "Service Unavailable (media server)"));
            finish(leg, SipStatus.SERVICE_UNAVAILABLE, CallLeg.SYSTEM);
            return;
        }
        leg.relayToCaller(original, () -> {
            SipServletResponse ok = original.createResponse(200, "OK");
            ok.setContent(answer.getBytes(StandardCharsets.UTF_8), SDP);
            send(ok);
        });
        leg.answered(response.getTo().getParameter("tag"));
        calls().answered(leg.mediaCallId());
    }

    @Override
    protected void doErrorResponse(SipServletResponse response) throws IOException {
        if (!SipMethods.INVITE.equals(response.getMethod())) {
            if (!SipMethods.BYE.equals(response.getMethod())) {
                relayAnswer(response);
            }
            return;
        }
        if (!response.getRequest().isInitial()) {
            reinviteAnswered(response); // a refused re-INVITE leaves the call as it was
            return;
        }
        end(response.getSession());
        CallLeg leg = CallLeg.of(response.getSession());
        if (leg == null || !leg.forkFailed(response.getStatus(), response.getReasonPhrase())) {
            return; // other phones are still ringing, or one of them answered
        }
        SipServletRequest original = CallLeg.peerInvite(response.getSession());
        if (original != null) {
            leg.relayToCaller(original, () -> send(original.createResponse(leg.bestFailureStatus(), leg.bestFailureReason())));
        }
        finish(leg, leg.bestFailureStatus(), CallLeg.CALLEE);
    }

    @Override
    protected void doAck(SipServletRequest request) {
        // the callee's 200 was acknowledged when it arrived
    }

    @Override
    protected void doCancel(SipServletRequest cancel) throws IOException {
        // the container has answered the CANCEL with 200 and the INVITE with 487
        CallEnd.cancelOtherForks(cancel.getSession());
        finish(CallLeg.of(cancel.getSession()), SipStatus.REQUEST_TERMINATED, CallLeg.CALLER);
    }

    /** UPDATE (RFC 3311) and INFO (RFC 6086) within a call: carried to the other leg as they are. */
    @Override
    protected void doUpdate(SipServletRequest request) throws IOException {
        relayInDialog(request);
    }

    @Override
    protected void doInfo(SipServletRequest request) throws IOException {
        relayInDialog(request);
    }

    private void relayInDialog(SipServletRequest request) throws IOException {
        SipSession other = request.getB2buaHelper().getLinkedSession(request.getSession());
        if (other == null || !other.isValid()) {
            send(request.createResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }
        request.getB2buaHelper().createRequest(other, request, null).send();
    }

    @Override
    protected void doBye(SipServletRequest bye) throws IOException {
        send(bye.createResponse(200, "OK"));
        SipSession other = bye.getB2buaHelper().getLinkedSession(bye.getSession());
        LOG.fine(() -> "BYE " + bye.getCallId() + " on the " + bye.getSession().getAttribute("ponte.leg") + " leg");
        if (other != null && other.isValid()) {
            try {
                other.createRequest(SipMethods.BYE).send();
            } catch (IllegalStateException e) {
                // the other leg's dialog is not there yet (its 200 is still being handled) or already gone:
                // the call is still recorded and its media released below
                LOG.warning(() -> "could not send BYE on the other leg of " + bye.getCallId() + ": " + e.getMessage());
            }
        }
        finish(CallLeg.of(bye.getSession()), 200, CallLeg.side(bye.getSession()));
        end(bye.getSession());
    }

    private void finish(CallLeg leg, int finalStatus, String hangupSide) {
        CallEnd.finish(calls(), leg, finalStatus, hangupSide);
    }

    /** The answer to an UPDATE or INFO Ponte carried, back to whoever sent it. */
    private void relayAnswer(SipServletResponse response) throws IOException {
        SipServletRequest original = response.getRequest().getB2buaHelper().getLinkedSipServletRequest(response.getRequest());
        if (original != null && !original.isCommitted()) {
            SipServletResponse relayed = original.createResponse(response.getStatus(), response.getReasonPhrase());
            byte[] body = response.getRawContent();
            if (body != null && body.length > 0) {
                relayed.setContent(body, response.getContentType());
            }
            send(relayed);
        }
    }

    private static void end(SipSession session) {
        session.setInvalidateWhenReady(true);
        session.getApplicationSession().setInvalidateWhenReady(true);
    }

    private static String body(javax.servlet.sip.SipServletMessage message) throws IOException {
        byte[] raw = message.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public void init() throws ServletException {
        super.init();
        CallControlBean.use((javax.servlet.sip.SipSessionsUtil) getServletContext().getAttribute(SIP_SESSIONS_UTIL));
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
