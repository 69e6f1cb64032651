package io.ponte.sip.call;

import java.time.Instant;
import java.util.logging.Logger;

import io.ponte.cdr.CallDetail;
import io.ponte.media.rtpengine.RtpengineErrorException;
import io.ponte.media.rtpengine.RtpengineUnavailableException;

/** The end of a call, whichever way it ends: media released once, the call recorded once. */
final class CallEnd {

    private static final Logger LOG = Logger.getLogger(CallEnd.class.getName());

    private CallEnd() {
    }

    static void finish(CallFacade calls, CallLeg leg, int finalStatus, String hangupSide) {
        if (leg == null) {
            return;
        }
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
