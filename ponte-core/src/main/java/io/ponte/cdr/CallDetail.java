package io.ponte.cdr;

import java.time.Duration;
import java.time.Instant;

/**
 * Everything recorded about one call attempt. Media counters describe the audio each side sent: what
 * rtpengine received from it, and how well the other side received it (null when the call never reached
 * the media server).
 */
public record CallDetail(String callId, String caller, String callee, Instant startedAt, Instant answeredAt,
                         Instant endedAt, int finalStatus, String hangupSide, MediaCounters fromCaller,
                         MediaCounters fromCallee) {

    /**
     * The audio one side sent: RTP packets, bytes and errors rtpengine counted from it, and, when the
     * receiving phone sent RTCP reports, the packets it lost, the jitter (ms) and the MOS (1.0 to 5.0).
     */
    public record MediaCounters(long packets, long bytes, long errors, Long lost, Long jitterMillis, Double mos) {

        /** Counters without receive quality (no RTCP reports). */
        public MediaCounters(long packets, long bytes, long errors) {
            this(packets, bytes, errors, null, null, null);
        }
    }

    public Disposition disposition() {
        return Disposition.ofFinalStatus(finalStatus);
    }

    /** Talk time: from answer to end, zero for a call never answered. */
    public long durationMillis() {
        return answeredAt == null ? 0 : Math.max(0, Duration.between(answeredAt, endedAt).toMillis());
    }

    /** Whole seconds billed: talk time rounded up. */
    public int billableSeconds() {
        return (int) ((durationMillis() + 999) / 1000);
    }
}
