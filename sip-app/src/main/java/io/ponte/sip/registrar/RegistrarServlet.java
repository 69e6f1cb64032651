package io.ponte.sip.registrar;

import java.io.IOException;

import javax.servlet.sip.SipServletRequest;

import io.ponte.registrar.RegisterOutcome;
import io.ponte.registrar.RegisterRequest;
import io.ponte.sip.SipStatus;
import io.ponte.sip.common.PonteSipServlet;

/** REGISTER (RFC 3261 section 10): parse, hand to the registrar, answer, forget the session. */
public class RegistrarServlet extends PonteSipServlet {

    private static final long serialVersionUID = 1L;

    private transient volatile RegistrarFacade registrar;

    @Override
    protected void doRegister(SipServletRequest request) throws IOException {
        releaseSessions(request);
        RegisterRequest parsed;
        try {
            parsed = RegisterMessages.parse(request);
        } catch (IllegalArgumentException e) {
            send(request.createResponse(SipStatus.BAD_REQUEST, e.getMessage()));
            return;
        }
        RegisterOutcome outcome = registrar().register(parsed);
        send(RegisterMessages.response(request, outcome));
    }

    private RegistrarFacade registrar() {
        RegistrarFacade r = registrar;
        if (r == null) {
            r = lookup(RegistrarFacade.class);
            registrar = r;
        }
        return r;
    }
}
