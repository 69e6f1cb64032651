package io.ponte.sip.registrar;

import io.ponte.registrar.RegisterOutcome;
import io.ponte.registrar.RegisterRequest;
import io.ponte.registrar.RegistrarService;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** The registrar as the SIP servlet reaches it: one short transaction per REGISTER. */
@Stateless
@LocalBean
public class RegistrarFacade {

    @Inject
    RegistrarService registrar;

    public RegisterOutcome register(RegisterRequest request) {
        return registrar.register(request);
    }
}
