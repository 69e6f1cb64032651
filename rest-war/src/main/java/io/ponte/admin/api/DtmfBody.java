package io.ponte.admin.api;

import io.ponte.call.Side;
import io.ponte.sip.DtmfRelay;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /api/calls/{callId}/dtmf}: {@code digits} played to the party {@code to}
 * ({@code callee} unless given), each {@code durationMillis} long (160 unless given).
 */
public record DtmfBody(
        @NotNull(message = "is required") @Pattern(regexp = "[0-9*#A-Da-d]{1,32}", message = "must be 1 to 32 of 0-9, *, #, A-D") String digits,
        @Pattern(regexp = "caller|callee", message = "must be caller or callee") String to,
        @Min(value = 40, message = "must be 40 to 5000") @Max(value = 5000, message = "must be 40 to 5000") Integer durationMillis) {

    /** The side whose media carries the digits: the other party's. */
    Side playedFrom() {
        return "caller".equals(to) ? Side.CALLEE : Side.CALLER;
    }

    int duration() {
        return durationMillis == null ? DtmfRelay.DEFAULT_DURATION : durationMillis;
    }
}
