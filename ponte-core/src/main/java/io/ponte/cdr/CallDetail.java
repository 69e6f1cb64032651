package io.ponte.cdr;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.ponte.call.Call;
import io.ponte.call.Disposition;
import io.ponte.media.MediaCounters;
import io.ponte.media.MediaTotals;

/**
 * Everything recorded about one call attempt, already fitted to what the {@code call_record} table holds:
 * every text field is bounded by its column (a longer value is cut and its name listed in
 * {@link #truncatedFields()}: the record is stored, never refused) and control characters are written as
 * {@code %XX}, as in a SIP URI. {@code recordId} is Ponte's key for the call (the Call-ID, chosen by a phone,
 * may repeat). Media counters describe the audio each side sent: what rtpengine received from it, and how
 * well the other side received it (null when the call never reached the media server). {@code hangupSide}
 * is who ended the call: CALLER, CALLEE or SYSTEM, with {@code endReason} for the latter. Each side's
 * {@code Kind} is SIP or CONNECTYCUBE; the ConnectyCube user is set for a ConnectyCube side.
 */
public record CallDetail(UUID recordId, String callId, String caller, String callee, Instant startedAt, Instant answeredAt,
                         Instant endedAt, int finalStatus, String hangupSide, String endReason, MediaCounters fromCaller,
                         MediaCounters fromCallee, String callerKind, String calleeKind, Long callerConnectycubeUserId,
                         Long calleeConnectycubeUserId, String truncatedFields) {

    /** Column widths of {@code call_record} (V2, V11). */
    static final int CALL_ID_MAX = 255;
    static final int PARTY_MAX = 64;
    static final int END_REASON_MAX = 128;
    private static final Set<String> SIDES = Set.of("CALLER", "CALLEE", "SYSTEM");
    private static final Set<String> KINDS = Set.of("SIP", "CONNECTYCUBE");

    public CallDetail {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        if (hangupSide != null && !SIDES.contains(hangupSide)) {
            throw new IllegalArgumentException("hangupSide is one of " + SIDES + ", not " + hangupSide);
        }
        if (!KINDS.contains(callerKind) || !KINDS.contains(calleeKind)) {
            throw new IllegalArgumentException("leg kinds are one of " + KINDS + ": " + callerKind + ", " + calleeKind);
        }
        Set<String> cut = new LinkedHashSet<>();
        if (truncatedFields != null && !truncatedFields.isBlank()) {
            cut.addAll(Set.of(truncatedFields.split(",")));
        }
        callId = fit("callId", callId == null || callId.isEmpty() ? "-" : callId, CALL_ID_MAX, cut);
        caller = fit("caller", caller == null ? "" : caller, PARTY_MAX, cut);
        callee = fit("callee", callee == null ? "" : callee, PARTY_MAX, cut);
        endReason = endReason == null ? null : fit("endReason", endReason, END_REASON_MAX, cut);
        truncatedFields = cut.isEmpty() ? null : String.join(",", cut);
    }

    /** A call between two SIP phones, not ended by Ponte (tests and examples). */
    public CallDetail(UUID recordId, String callId, String caller, String callee, Instant startedAt, Instant answeredAt,
                      Instant endedAt, int finalStatus, String hangupSide, MediaCounters fromCaller, MediaCounters fromCallee) {
        this(recordId, callId, caller, callee, startedAt, answeredAt, endedAt, finalStatus, hangupSide, null, fromCaller,
                fromCallee, "SIP", "SIP", null, null, null);
    }

    /** The record of a call that has ended. */
    public static CallDetail of(Call call) {
        MediaTotals media = call.media();
        return new CallDetail(call.recordId(), call.id().value(), call.caller().party(), call.callee().party(),
                call.startedAt(), call.answeredAt(), call.endedAt(), call.finalStatus(), call.endedBy().name(),
                call.endReason(), media.fromCaller(), media.fromCallee(), call.caller().kind().name(),
                call.callee().kind().name(), call.caller().connectycubeUserId(), call.callee().connectycubeUserId(), null);
    }

    /**
     * {@code value} as its column can hold it: control characters as {@code %XX}, then at most {@code max}
     * characters (never half a surrogate pair); {@code name} is added to {@code cut} when it had to be shortened.
     */
    static String fit(String name, String value, int max, Set<String> cut) {
        StringBuilder b = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (b == null) {
                    b = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else if (b != null) {
                b.append(c);
            }
        }
        String clean = b == null ? value : b.toString();
        if (clean.length() <= max) {
            return clean;
        }
        cut.add(name);
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end);
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
