package io.ponte.sip.options;

import java.io.IOException;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;
import io.ponte.sip.common.PonteSipServlet;

/** Answers OPTIONS (RFC 3261 section 11) with what Ponte supports; phones and balancers use it as a ping. */
public class OptionsServlet extends PonteSipServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doOptions(SipServletRequest request) throws IOException {
        SipServletResponse ok = request.createResponse(SipStatus.OK);
        ok.setHeader("Allow", String.join(", ", SipMethods.ALLOWED));
        ok.setHeader("Accept", "application/sdp");
        ok.setHeader("Accept-Language", "en");
        send(ok);
        releaseSessions(request);
    }
}
