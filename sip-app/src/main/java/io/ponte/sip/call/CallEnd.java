package io.ponte.sip.call;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;

import io.ponte.cdr.CallDetail;
import io.ponte.media.rtpengine.RtpengineErrorException;
import io.ponte.media.rtpengine.RtpengineUnavailableException;

/** The end of a call, whichever way it ends: media released once, the call recorded once. */
final class CallEnd {

    private static final Logger LOG = Logger.getLogger(CallEnd.class.getName());

    private CallEnd() {
    }

    /**
     * Ends a call that has not been answered: CANCEL towards the callee, {@code status} to the caller,
     * media released and the call recorded with that status.
     */
    static void stopRinging(CallFacade calls, SipApplicationSession call, int status, String reason) {
        CallLeg leg = CallLeg.of(call);
        if (leg == null || leg.answeredAt() != null) {
            return;
        }
        for (Iterator<?> it = call.getSessions("SIP"); it.hasNext();) {
            SipSession s = (SipSession) it.next();
            SipServletRequest invite = s.isValid() ? (SipServletRequest) s.getAttribute(CallLeg.INVITE) : null;
            if (invite == null) {
                continue;
            }
            try {
                if (CallLeg.CALLEE.equals(CallLeg.side(s))) {
                    invite.createCancel().send();
                } else if (!invite.isCommitted()) {
                    invite.createResponse(status, reason).send();
                }
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "a leg of " + leg.mediaCallId() + " was already ending", e);
            }
        }
        finish(calls, leg, status, CallLeg.SYSTEM);
    }

    /** CANCELs every fork of the call still ringing, except the session {@code keep}. */
    static void cancelOtherForks(SipSession keep) {
        for (Iterator<?> it = keep.getApplicationSession().getSessions("SIP"); it.hasNext();) {
            SipSession s = (SipSession) it.next();
            if (s == keep || !s.isValid() || !CallLeg.CALLEE.equals(CallLeg.side(s))
                    || s.getState() == SipSession.State.CONFIRMED) {
                continue;
            }
            SipServletRequest invite = (SipServletRequest) s.getAttribute(CallLeg.INVITE);
            try {
                if (invite != null) {
                    invite.createCancel().send();
                }
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "fork already answered or gone", e);
            }
        }
    }

    static void finish(CallFacade calls, CallLeg leg, int finalStatus, String hangupSide) {
        if (leg == null) {
            return;
        }
        leg.release();
        CallFacade.MediaTotals media = null;
        if (leg.claimMediaRelease()) {
            try {
                media = calls.delete(leg.mediaCallId(), leg.mediaFromTag());
            } catch (RtpengineErrorException | RtpengineUnavailableException e) {
                LOG.warning(() -> "rtpengine delete failed for " + leg.mediaCallId() + ": " + e.getMessage());
            }
        }
        if (leg.claimRecord()) {
            calls.record(new CallDetail(leg.mediaCallId(), leg.caller(), leg.callee(), leg.startedAt(), leg.answeredAt(),
                    Instant.now(), finalStatus, hangupSide, media == null ? null : media.fromCaller(),
                    media == null ? null : media.fromCallee()));
        }
    }
}
