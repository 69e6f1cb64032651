package io.ponte.sip.call;

import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.sip.SipServletResponse;

import io.ponte.call.Side;
import io.ponte.sip.SipMethods;
import io.ponte.sip.common.PonteSipServlet;

/**
 * The answers of a click-to-call's caller phones to Ponte's INVITEs, translated for its {@link ClickCaller}:
 * alerting, answered (then the session is an ordinary leg of the call, handled by {@link CallServlet}),
 * refused. Takes no requests: nothing is routed here, it only handles these sessions.
 */
public class ClickToCallServlet extends PonteSipServlet {

    private static final long serialVersionUID = 1L;
    /** This servlet's name in sip.xml. */
    static final String NAME = "clicktocall";

    @Override
    protected void doProvisionalResponse(SipServletResponse response) {
        ClickCaller caller = ClickCaller.of(response.getSession());
        if (caller != null && response.getStatus() > 100 && SipMethods.INVITE.equals(response.getMethod())) {
            caller.call().ringing(Side.CALLER);
        }
    }

    @Override
    protected void doSuccessResponse(SipServletResponse response) throws IOException, ServletException {
        ClickCaller caller = ClickCaller.of(response.getSession());
        if (SipMethods.INVITE.equals(response.getMethod())) {
            if (caller == null) { // the call is gone: acknowledge and hang up this late answer
                response.createAck().send();
                response.getSession().createRequest(SipMethods.BYE).send();
                return;
            }
            caller.answered(response);
        }
    }

    @Override
    protected void doErrorResponse(SipServletResponse response) {
        ClickCaller caller = ClickCaller.of(response.getSession());
        if (SipMethods.INVITE.equals(response.getMethod())) {
            response.getSession().setInvalidateWhenReady(true);
            if (caller != null) {
                caller.failed(response);
            }
        }
    }
}
