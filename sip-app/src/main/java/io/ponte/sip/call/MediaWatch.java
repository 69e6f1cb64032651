package io.ponte.sip.call;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Logger;

import io.ponte.call.ActiveCalls;
import io.ponte.call.Call;
import io.ponte.media.MediaServer;
import io.ponte.media.rtpengine.RtpengineErrorException;
import io.ponte.media.rtpengine.RtpengineUnavailableException;
import io.ponte.sip.SipStatus;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Ends answered calls whose media rtpengine no longer anchors. rtpengine drops a call on its own when no
 * RTP has flowed for its {@code timeout} (60 s unless configured), which is what happens when both phones
 * vanish without a BYE, or a restarted rtpengine has forgotten its calls. Without this the call would stay
 * in {@code /api/calls} for ever, as SIP alone never tells Ponte (no RFC 4028 session timers). The phones
 * still reachable get a BYE and the call is recorded, ended by the system.
 *
 * <p>Only rtpengine's explicit "unknown call" answer ends a call: when rtpengine cannot be reached the
 * media may still be flowing, so nothing is ended.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MediaWatch {

    private static final Logger LOG = Logger.getLogger(MediaWatch.class.getName());
    /** Calls answered more recently than this are not checked: their media may still be being set up. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Inject
    ActiveCalls active;

    @Inject
    MediaServer media;

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false)
    void endCallsWithoutMedia() {
        Instant settled = Instant.now().minus(SETTLE);
        for (Call call : active.list()) {
            Instant answered = call.answeredAt();
            if (answered == null || !answered.isBefore(settled)) {
                continue;
            }
            try {
                media.client().query(call.id().value());
            } catch (RtpengineErrorException e) {
                if (unknownCall(e)) {
                    LOG.warning(() -> "rtpengine no longer anchors " + call + ": its media stopped or rtpengine restarted;"
                            + " hanging it up");
                    call.hangUp(SipStatus.REQUEST_TERMINATED, "Request Terminated");
                }
            } catch (RtpengineUnavailableException e) {
                LOG.fine(() -> "rtpengine unreachable, calls not checked this time: " + e.getMessage());
                return; // the media may still flow; ask again next time rather than wait on every call
            }
        }
    }

    private static boolean unknownCall(RtpengineErrorException e) {
        return e.errorReason() != null && e.errorReason().toLowerCase(Locale.ROOT).contains("unknown call");
    }
}
