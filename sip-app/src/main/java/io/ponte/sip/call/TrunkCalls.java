package io.ponte.sip.call;

import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;

import io.ponte.call.CallState;
import io.ponte.sip.SipMethods;
import io.ponte.trunk.TrunkLine;
import io.ponte.trunk.TrunkLines.Outbound;

/**
 * The callee leg of a call that goes out through a trunk: one INVITE to {@code number@host:port} with the
 * media anchor's offer, From the trunk's caller ID (else the caller's extension) at the trunk's host, and,
 * when the provider challenges it (401 or 407, RFC 3261 section 22.2), the same INVITE once more in the
 * same session (same Call-ID and From tag, next CSeq, JSR 289 section 7.1.2) with the trunk's digest
 * credentials. A second challenge is the provider's refusal and ends the call like any failure.
 */
final class TrunkCalls {

    /** Request attribute: the {@link Outbound} an INVITE carries the call out on. */
    static final String OUTBOUND = "ponte.trunk-outbound";
    /** Request attribute: set on the INVITE that answers a challenge, so that one is answered once only. */
    private static final String CREDENTIALS_SENT = "ponte.trunk-credentials-sent";

    private TrunkCalls() {
    }

    static void invite(SipFactory factory, SipCall sip, Outbound out, String offer, String callerName) throws IOException {
        TrunkLine line = out.line();
        String user = line.plan().callerId() != null ? line.plan().callerId() : sip.call().caller().party();
        Address from = factory.createAddress(factory.createSipURI(user, line.host()), callerName);
        Address to = factory.createAddress(factory.createSipURI(out.number(), line.host()));
        SipServletRequest invite = factory.createRequest(sip.applicationSession(), SipMethods.INVITE, from, to);
        SipURI target = factory.createSipURI(out.number(), line.host());
        target.setPort(line.port());
        if (!"udp".equals(line.transport())) {
            target.setTransportParam(line.transport());
        }
        invite.setRequestURI(target);
        invite.setContent(InDialogRelay.bytes(offer), "application/sdp");
        SessionTimers.propose(invite);
        try {
            invite.getSession().setHandler(CallServlet.NAME);
        } catch (ServletException e) {
            throw new IOException("cannot call out through " + line, e);
        }
        invite.setAttribute(OUTBOUND, out);
        sip.calleeForks().sent(invite);
        invite.send();
    }

    /**
     * Answers a trunk's first challenge of an outbound INVITE with credentials.
     *
     * @return true when a new INVITE went out (the call goes on), false when this failure is to be handled as one
     */
    static boolean challenged(SipServletResponse response, SipCall sip) throws IOException {
        SipServletRequest first = response.getRequest();
        boolean challenge = response.getStatus() == 401 || response.getStatus() == 407;
        if (!challenge || !(first.getAttribute(OUTBOUND) instanceof Outbound out) || first.getAttribute(CREDENTIALS_SENT) != null
                || out.line().password() == null || out.line().username() == null || sip == null
                || sip.call().state() == CallState.ENDED) {
            return false;
        }
        SipServletRequest again = response.getSession().createRequest(SipMethods.INVITE);
        again.setRequestURI(first.getRequestURI());
        again.setContent(first.getRawContent(), first.getContentType());
        SessionTimers.propose(again);
        again.addAuthHeader(response, out.line().username(), out.line().password());
        again.setAttribute(OUTBOUND, out);
        again.setAttribute(CREDENTIALS_SENT, Boolean.TRUE);
        sip.calleeForks().replaced(first, again);
        again.send();
        return true;
    }
}
