package io.ponte.cdr;

import java.time.Duration;
import java.time.Instant;

/**
 * Everything recorded about one call attempt. Media counters are what rtpengine received from each
 * side (null when the call never reached the media server).
 */
public record CallDetail(String callId, String caller, String callee, Instant startedAt, Instant answeredAt,
                         Instant endedAt, int finalStatus, String hangupSide, MediaCounters fromCaller,
                         MediaCounters fromCallee) {

    /** RTP packets, bytes and errors rtpengine counted from one side. */
    public record MediaCounters(long packets, long bytes, long errors) {
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
