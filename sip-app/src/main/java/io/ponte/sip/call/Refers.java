package io.ponte.sip.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;

import io.ponte.call.Call;
import io.ponte.call.CallControl;
import io.ponte.call.Side;
import io.ponte.call.TransferRefusedException;
import io.ponte.sip.Replaces;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;

/**
 * REFER within a call (RFC 3515): a phone asks for a blind transfer of the other party to the Refer-To
 * target. Ponte, the B2BUA, does it itself (the other party never sees the REFER; its media is moved with
 * a re-INVITE), answers 202, and reports with NOTIFYs carrying a message/sipfrag: 100 Trying at once, 200
 * OK when the other party has been moved, just before the transferor is released with a BYE, or the
 * other party's refusal of the move (the call then goes on). An attended transfer (a Refer-To with
 * Replaces, RFC 3891, naming the transferor's dialog of its consultation call, RFC 5589 section 7) joins the
 * other party of this call with the other party of that one, each with a re-INVITE on its own dialog.
 */
final class Refers {

    private Refers() {
    }

    static void refer(SipServletRequest refer, CallFacade calls, InDialogRelay.Responder responder) throws IOException {
        CallControl control = calls.control();
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
        Side transferor = sip.sideOf(refer.getSession());
        try {
            Optional<Call> moved;
            String replaces = target.get().getHeader("Replaces");
            if (replaces != null) {
                Consulted consulted = consulted(calls.active(), replaces, sip);
                moved = control.attendedTransfer(sip.call(), transferor.other(), consulted.call(), consulted.side());
            } else {
                moved = control.transfer(sip.call(), transferor.other(), target.get().getUser());
            }
            if (moved.isEmpty()) {
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

    /** The party of the consultation call that joins: the one opposite the transferor's dialog that Replaces names. */
    private record Consulted(Call call, Side side) {
    }

    /**
     * The consultation call whose dialog with the transferor {@code replacesHeader} names (its Call-ID; the
     * transferor's tag as from-tag, Ponte's as to-tag), and its other party.
     *
     * @throws TransferRefusedException 400 if the header is malformed, 481 if no such dialog is here
     */
    private static Consulted consulted(Collection<Call> active, String replacesHeader, SipCall referring) throws TransferRefusedException {
        Replaces r;
        try {
            r = Replaces.parse(replacesHeader);
        } catch (IllegalArgumentException e) {
            throw new TransferRefusedException(SipStatus.BAD_REQUEST, "Bad Replaces in Refer-To");
        }
        for (Call c : active) {
            SipCall sip = SipCall.holding(c);
            if (sip == null || sip == referring) {
                continue;
            }
            for (Side side : Side.values()) {
                if (sip.names(side, r)) {
                    return new Consulted(c, side.other());
                }
            }
        }
        throw new TransferRefusedException(481, "Call/Transaction Does Not Exist (the dialog Replaces names)");
    }

    /** The transfer failed after the 202: the final NOTIFY carries the refusal; the call goes on. */
    static void failed(SipSession transferor, int status, String reason) throws IOException {
        notify(transferor, "SIP/2.0 " + status + " " + (reason == null ? "" : reason), "terminated;reason=noresource");
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
