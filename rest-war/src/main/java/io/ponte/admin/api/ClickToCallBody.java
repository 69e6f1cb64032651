package io.ponte.admin.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /api/calls}: ring subscriber {@code from}'s phones, then call {@code to} (an
 * extension; {@code *} before it rings its ConnectyCube app) and join the two.
 */
public record ClickToCallBody(
        @NotNull(message = "is required") @Pattern(regexp = "\\d{1,15}", message = "must be an extension: 1 to 15 digits") String from,
        @NotNull(message = "is required") @Pattern(regexp = "\\*?\\+?\\d{1,32}", message = "must be an extension or a number: digits, optionally after * or +") String to) {
}
