package io.ponte.sip.call;

import java.io.IOException;
import java.util.logging.Logger;

import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;

import io.ponte.call.Call;
import io.ponte.call.CallState;
import io.ponte.call.Side;
import io.ponte.media.MediaException;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;

/**
 * The re-INVITE that moves the party joining from an attended transfer's consultation call into the new
 * call: sent on that party's existing dialog with the new call's offer, so its phone keeps its dialog and
 * only its media moves. When it answers, its dialog becomes the new call's callee dialog (its application
 * session now holds the new call) and the consultation call ends as transferred, releasing the transferor.
 */
final class Joining {

    private static final Logger LOG = Logger.getLogger(Joining.class.getName());
    /** Request attribute: the joining this re-INVITE does. */
    private static final String ATTRIBUTE = "ponte.joining";

    private final SipCall moved;
    private final SipCall consultation;
    private final Side joins;

    private Joining(SipCall moved, SipCall consultation, Side joins) {
        this.moved = moved;
        this.consultation = consultation;
        this.joins = joins;
    }

    /** Re-INVITEs {@code dialog}, {@code consultation}'s party on side {@code joins}, with {@code moved}'s {@code offer}. */
    static void reinvite(SipCall moved, String offer, SipCall consultation, Side joins, SipSession dialog) throws IOException {
        if (!dialog.isValid() || dialog.getState() != SipSession.State.CONFIRMED) {
            moved.call().hangUp(SipStatus.TEMPORARILY_UNAVAILABLE, "the party to join left before the transfer");
            return;
        }
        // from now on the joining party's session belongs to the new call (a BYE from the transferor on the
        // consultation call no longer ends it)
        moved.holdAlso(dialog);
        SipServletRequest reinvite = dialog.createRequest(SipMethods.INVITE);
        reinvite.setContent(InDialogRelay.bytes(offer), "application/sdp");
        reinvite.setAttribute(ATTRIBUTE, new Joining(moved, consultation, joins));
        reinvite.send();
    }

    /** The joining this response answers, or null. */
    static Joining of(SipServletResponse response) {
        return response.getRequest().getAttribute(ATTRIBUTE) instanceof Joining j ? j : null;
    }

    /** The joining party took the new call's offer: the two are joined and the consultation call ends. */
    void answered(SipServletResponse response) throws IOException {
        response.createAck().send();
        SipSession dialog = response.getSession();
        Call call = moved.call();
        if (call.state() == CallState.ENDED) {
            consultation.holdAlso(dialog); // the party that stayed hung up meanwhile: this party stays in its call
            return;
        }
        B2buaHelper b2b = response.getRequest().getB2buaHelper();
        if (b2b.getLinkedSession(dialog) != null) {
            b2b.unlinkSipSessions(dialog); // linked to the transferor's dialog of the consultation call
        }
        moved.joined(dialog);
        try {
            call.answer(Side.CALLEE, InDialogRelay.body(response));
        } catch (MediaException e) {
            LOG.warning(() -> "media of attended transfer " + call.id() + " failed: " + e.getMessage());
            call.hangUp(SipStatus.SERVICE_UNAVAILABLE, "Service Unavailable (media server)");
            return;
        }
        consultation.call().transferred(joins, call.caller().party(), call.id());
        call.answered();
    }

    /** The joining party refused the new offer: the new call ends; its phone stays in the consultation call. */
    void failed(SipServletResponse response) {
        consultation.holdAlso(response.getSession()); // still the consultation call's party
        LOG.info(() -> "attended transfer " + moved.call().id() + " refused by the joining phone: " + response.getStatus());
        moved.call().hangUp(response.getStatus(), "the joining party refused the transfer (" + response.getReasonPhrase() + ")");
    }
}
