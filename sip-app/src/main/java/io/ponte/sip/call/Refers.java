package io.ponte.sip.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;

import io.ponte.call.CallControl;
import io.ponte.call.Side;
import io.ponte.call.TransferRefusedException;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;

/**
 * REFER within a call (RFC 3515): a phone asks for a blind transfer of the other party to the Refer-To
 * target. Ponte, the B2BUA, does it itself (the other party never sees the REFER; its media is moved with
 * a re-INVITE), answers 202, and reports with NOTIFYs carrying a message/sipfrag: 100 Trying at once, 200
 * OK when the other party has been moved, just before the transferor is released with a BYE. An attended
 * transfer (Refer-To with Replaces, RFC 3891) is refused with 501 for now.
 */
final class Refers {

    private Refers() {
    }

    static void refer(SipServletRequest refer, CallControl control, InDialogRelay.Responder responder) throws IOException {
        SipCall sip = SipCall.of(refer.getSession());
        if (sip == null || !sip.isDialog(refer.getSession())) {
            responder.send(refer.createResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }
        Optional<SipURI> target = target(refer);
        if (target.isEmpty() || target.get().getUser() == null) {
            responder.send(refer.createResponse(SipStatus.BAD_REQUEST, "Bad Refer-To"));
            return;
        }
        if (target.get().getHeader("Replaces") != null) {
            responder.send(refer.createResponse(SipStatus.NOT_IMPLEMENTED, "Not Implemented (attended transfer with Replaces)"));
            return;
        }
        Side transferor = sip.sideOf(refer.getSession());
        try {
            if (control.transfer(sip.call(), transferor.other(), target.get().getUser()).isEmpty()) {
                responder.send(refer.createResponse(SipStatus.SERVICE_UNAVAILABLE, "Service Unavailable"));
                return;
            }
        } catch (TransferRefusedException e) {
            responder.send(refer.createResponse(e.status() >= 400 ? e.status() : SipStatus.FORBIDDEN, e.getMessage()));
            return;
        }
        responder.send(refer.createResponse(202, "Accepted"));
        sip.referredBy(transferor);
        notify(refer.getSession(), "SIP/2.0 100 Trying", "active;expires=60");
    }

    /** The transfer is done for the transferor: the final NOTIFY (RFC 3515 section 2.4.5), before its BYE. */
    static void done(SipSession transferor) throws IOException {
        notify(transferor, "SIP/2.0 200 OK", "terminated;reason=noresource");
    }

    private static Optional<SipURI> target(SipServletRequest refer) {
        try {
            Address a = refer.getAddressHeader("Refer-To");
            return a != null && a.getURI() instanceof SipURI uri ? Optional.of(uri) : Optional.empty();
        } catch (ServletParseException e) {
            return Optional.empty();
        }
    }

    private static void notify(SipSession dialog, String sipfrag, String state) throws IOException {
        SipServletRequest n = dialog.createRequest(SipMethods.NOTIFY);
        n.setHeader("Event", "refer");
        n.setHeader("Subscription-State", state);
        n.setContent(sipfrag.getBytes(StandardCharsets.UTF_8), "message/sipfrag;version=2.0");
        n.send();
    }
}
