package io.ponte.sip.trunk;

import java.io.IOException;

import javax.servlet.sip.SipServletResponse;

import io.ponte.sip.common.PonteSipServlet;

/** The trunks' answers to Ponte's REGISTERs, handed to the {@link TrunkRegistrar} that sent them. No request is routed here. */
public class TrunkRegistrationServlet extends PonteSipServlet {

    private static final long serialVersionUID = 1L;
    /** This servlet's name in sip.xml. */
    static final String NAME = "trunkregistration";

    @Override
    protected void doSuccessResponse(SipServletResponse response) throws IOException {
        answered(response);
    }

    @Override
    protected void doErrorResponse(SipServletResponse response) throws IOException {
        answered(response);
    }

    @Override
    protected void doRedirectResponse(SipServletResponse response) throws IOException {
        answered(response);
    }

    private static void answered(SipServletResponse response) throws IOException {
        if (response.getRequest().getAttribute(TrunkRegistrar.BINDING) instanceof TrunkRegistrar.Binding b) {
            b.registrar.answered(response);
        }
    }
}
