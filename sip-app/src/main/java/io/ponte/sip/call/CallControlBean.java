package io.ponte.sip.call;

import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionsUtil;

import io.ponte.call.ActiveCalls;
import io.ponte.call.CallControl;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** Hangs up calls on behalf of the REST API, through the SIP container's own sessions. */
@Stateless
@Local(CallControl.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CallControlBean implements CallControl {

    private static final Logger LOG = Logger.getLogger(CallControlBean.class.getName());
    private static volatile SipSessionsUtil sessions;

    @Inject
    ActiveCalls active;

    @EJB
    CallFacade calls;

    /** Called by the call servlet when the SIP application starts. */
    static void use(SipSessionsUtil util) {
        sessions = util;
    }

    @Override
    public boolean hangUp(String callId) {
        ActiveCalls.ActiveCall call = active.find(callId).orElse(null);
        SipSessionsUtil util = sessions;
        if (call == null || util == null) {
            return false;
        }
        SipApplicationSession sas = util.getApplicationSessionById(call.handle());
        if (sas == null || !sas.isValid()) {
            return false;
        }
        if (call.answeredAt() == null) {
            CallEnd.stopRinging(calls, sas, SipStatus.REQUEST_TERMINATED, "Request Terminated");
            return true;
        }
        CallLeg leg = CallLeg.of(sas);
        for (Iterator<?> it = sas.getSessions("SIP"); it.hasNext();) {
            SipSession s = (SipSession) it.next();
            try {
                if (s.isValid() && s.getState() == SipSession.State.CONFIRMED) {
                    s.createRequest(SipMethods.BYE).send();
                }
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "hang-up of " + callId + ": a leg was already ending", e);
            }
        }
        CallEnd.finish(calls, leg, 200, CallLeg.SYSTEM);
        return true;
    }
}
