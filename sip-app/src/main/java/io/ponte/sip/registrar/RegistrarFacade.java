package io.ponte.sip.registrar;

import io.ponte.registrar.RegisterOutcome;
import io.ponte.registrar.RegisterRequest;
import io.ponte.registrar.RegistrarService;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * The registrar as the SIP servlet reaches it. No transaction here: the registrar opens a short one
 * only when bindings change, so challenges cost no database transaction.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RegistrarFacade {

    @Inject
    RegistrarService registrar;

    public RegisterOutcome register(RegisterRequest request) {
        return registrar.register(request);
    }
}
