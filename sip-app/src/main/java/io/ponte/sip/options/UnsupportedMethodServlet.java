package io.ponte.sip.options;

import java.io.IOException;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;
import io.ponte.sip.common.PonteSipServlet;

/** Answers methods Ponte does not handle with 405 and the {@code Allow} list (RFC 3261 section 8.2.1). */
public class UnsupportedMethodServlet extends PonteSipServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doRequest(SipServletRequest request) throws IOException {
        statistics().requestReceived(request.getMethod());
        if (SipMethods.ACK.equals(request.getMethod())) {
            return;
        }
        SipServletResponse answer = request.createResponse(SipStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
        answer.setHeader("Allow", String.join(", ", SipMethods.ALLOWED));
        send(answer);
        releaseSessions(request);
    }
}
