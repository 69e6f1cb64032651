package io.ponte.sip.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;

import io.ponte.call.LegKind;
import io.ponte.media.MediaException;
import io.ponte.sip.DtmfRelay;

/**
 * Requests within an established call, carried from one leg to the other and their answers back: a
 * re-INVITE (hold, resume, codec change; RFC 3261 section 14) with its SDP re-offered and answered through
 * the call's media anchor, UPDATE (RFC 3311) and INFO (RFC 6086) as they are, except an INFO carrying a
 * DTMF digit, which becomes RFC 4733 telephone-events in the media.
 */
final class InDialogRelay {

    private static final Logger LOG = Logger.getLogger(InDialogRelay.class.getName());
    private static final String SDP = "application/sdp";

    /** Sends a response Ponte makes (the servlet's, which counts them). */
    @FunctionalInterface
    interface Responder {
        void send(SipServletResponse response) throws IOException;
    }

    private final Responder responder;

    InDialogRelay(Responder responder) {
        this.responder = responder;
    }

    /** A re-INVITE from either side: to the other leg, its SDP (if any) as a new offer from its side. */
    void reinvite(SipServletRequest request) throws IOException {
        SipCall sip = SipCall.of(request.getSession());
        SipSession other = linked(request);
        if (sip != null && other == null && sip.call().leg(sip.sideOf(request.getSession()).other()).kind() != LegKind.SIP) {
            // the app on the other side cannot take a new offer through the bridge: the call stays as it was
            responder.send(request.createResponse(488, "Not Acceptable Here (other side is a ConnectyCube app)"));
            return;
        }
        if (sip == null || other == null) {
            responder.send(request.createResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }
        SipServletRequest out = request.getB2buaHelper().createRequest(other, request, null);
        SessionTimers.describe(out, sip, sip.sideOf(request.getSession()).other());
        String sdp = body(request);
        if (!sdp.isEmpty()) {
            try {
                out.setContent(bytes(sip.call().offer(sip.sideOf(request.getSession()), sdp)), SDP);
            } catch (MediaException e) {
                LOG.warning(() -> "re-offer of call " + sip.call().id() + " failed: " + e.getMessage());
                responder.send(request.createResponse(488, "Not Acceptable Here (media server)"));
                return;
            }
        }
        out.send();
    }

    /** The answer to a re-INVITE Ponte carried: ACKed on this leg, relayed with its SDP answered by the anchor. */
    void reinviteAnswered(SipServletResponse response) throws IOException {
        SipServletRequest original = response.getRequest().getB2buaHelper().getLinkedSipServletRequest(response.getRequest());
        if (response.getStatus() >= 200 && response.getStatus() < 300) {
            response.createAck().send();
        }
        if (original == null || original.isCommitted() || response.getStatus() < 180) {
            return;
        }
        SipServletResponse relayed = original.createResponse(response.getStatus(), response.getReasonPhrase());
        SipCall sip = SipCall.of(response.getSession());
        if (sip != null && response.getStatus() < 300) {
            SessionTimers.describe(relayed, sip, sip.sideOf(original.getSession()));
        }
        String sdp = body(response);
        if (sip != null && !sdp.isEmpty() && response.getStatus() < 300) {
            try {
                relayed.setContent(bytes(sip.call().answer(sip.sideOf(response.getSession()), sdp)), SDP);
            } catch (MediaException e) {
                LOG.warning(() -> "re-answer of call " + sip.call().id() + " failed: " + e.getMessage());
            }
        }
        responder.send(relayed);
    }

    /**
     * An INFO carrying a digit ({@link DtmfRelay}) from one of the call's phones: answered 200 here and
     * played into the call's media from that phone's side, so the other party gets it as RFC 4733
     * telephone-events (and the media server reports it to the event stream).
     *
     * @return false (nothing done) for any other INFO, or if the media server refused the digit: relay it then
     */
    boolean dtmf(SipServletRequest info) throws IOException {
        SipCall sip = SipCall.of(info.getSession());
        java.util.Optional<DtmfRelay> digit = DtmfRelay.parse(info.getContentType(), body(info));
        if (sip == null || digit.isEmpty() || !sip.isDialog(info.getSession()) || !sip.call().playsDtmf()) {
            return false; // with PONTE_DTMF_INJECT false, an INFO digit goes to the other phone as an INFO
        }
        try {
            sip.call().sendDtmf(sip.sideOf(info.getSession()), String.valueOf(digit.get().digit()), digit.get().durationMillis());
        } catch (MediaException e) {
            LOG.warning(() -> "DTMF of call " + sip.call().id() + " not played, INFO relayed instead: " + e.getMessage());
            return false;
        }
        responder.send(info.createResponse(200, "OK"));
        return true;
    }

    /** UPDATE or INFO: to the other leg as it is. */
    void request(SipServletRequest request) throws IOException {
        SipSession other = linked(request);
        if (other == null) {
            responder.send(request.createResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }
        SipServletRequest out = request.getB2buaHelper().createRequest(other, request, null);
        SipCall sip = SipCall.of(request.getSession());
        if (sip != null && io.ponte.sip.SipMethods.UPDATE.equals(request.getMethod())) {
            SessionTimers.describe(out, sip, sip.sideOf(request.getSession()).other());
        }
        out.send();
    }

    /** The answer to an UPDATE or INFO Ponte carried, back to whoever sent it, body and all. */
    void answered(SipServletResponse response) throws IOException {
        SipServletRequest original = response.getRequest().getB2buaHelper().getLinkedSipServletRequest(response.getRequest());
        if (original != null && !original.isCommitted()) {
            SipServletResponse relayed = original.createResponse(response.getStatus(), response.getReasonPhrase());
            byte[] body = response.getRawContent();
            if (body != null && body.length > 0) {
                relayed.setContent(body, response.getContentType());
            }
            responder.send(relayed);
        }
    }

    private static SipSession linked(SipServletRequest request) {
        SipSession other = request.getB2buaHelper().getLinkedSession(request.getSession());
        return other != null && other.isValid() ? other : null;
    }

    static String body(SipServletMessage message) throws IOException {
        byte[] raw = message.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String sdp) {
        return sdp.getBytes(StandardCharsets.UTF_8);
    }
}
