package io.ponte.cdr;

import java.time.Duration;
import java.time.Instant;

import io.ponte.call.Call;
import io.ponte.call.Disposition;
import io.ponte.media.MediaCounters;
import io.ponte.media.MediaTotals;

/**
 * Everything recorded about one call attempt. Media counters describe the audio each side sent: what
 * rtpengine received from it, and how well the other side received it (null when the call never reached
 * the media server). {@code hangupSide} is who ended the call: CALLER, CALLEE or SYSTEM. Each side's
 * {@code Kind} is SIP or CONNECTYCUBE; the ConnectyCube user is set for a ConnectyCube side.
 */
public record CallDetail(String callId, String caller, String callee, Instant startedAt, Instant answeredAt,
                         Instant endedAt, int finalStatus, String hangupSide, MediaCounters fromCaller,
                         MediaCounters fromCallee, String callerKind, String calleeKind, Long callerConnectycubeUserId,
                         Long calleeConnectycubeUserId) {

    /** A call between two SIP phones. */
    public CallDetail(String callId, String caller, String callee, Instant startedAt, Instant answeredAt, Instant endedAt,
                      int finalStatus, String hangupSide, MediaCounters fromCaller, MediaCounters fromCallee) {
        this(callId, caller, callee, startedAt, answeredAt, endedAt, finalStatus, hangupSide, fromCaller, fromCallee,
                "SIP", "SIP", null, null);
    }

    /** The record of a call that has ended. */
    public static CallDetail of(Call call) {
        MediaTotals media = call.media();
        return new CallDetail(call.id().value(), call.caller().party(), call.callee().party(), call.startedAt(),
                call.answeredAt(), call.endedAt(), call.finalStatus(), call.endedBy().name(), media.fromCaller(),
                media.fromCallee(), call.caller().kind().name(), call.callee().kind().name(),
                call.caller().connectycubeUserId(), call.callee().connectycubeUserId());
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
