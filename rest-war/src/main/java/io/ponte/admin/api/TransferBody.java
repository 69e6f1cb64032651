package io.ponte.admin.api;

import io.ponte.call.Side;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /api/calls/{callId}/transfer}: the party on {@code side} is connected to {@code to}. */
public record TransferBody(
        @NotNull(message = "is required") @Pattern(regexp = "caller|callee", message = "must be caller or callee") String side,
        @NotNull(message = "is required") @Pattern(regexp = "\\+?\\d{1,32}", message = "must be an extension or a number: digits, optionally after +") String to) {

    Side stays() {
        return "caller".equals(side) ? Side.CALLER : Side.CALLEE;
    }
}
