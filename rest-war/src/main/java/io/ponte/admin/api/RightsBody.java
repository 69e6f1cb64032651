package io.ponte.admin.api;

import java.util.List;

import io.ponte.dialing.CallRights;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A subscriber's {@code rights}, in bodies and views: the classes of number it may dial ({@code dialing},
 * the names trunks give their prefixes; omitted or null: every class but {@code premium}), the most calls
 * it may have at once ({@code maxCalls}) and start in a minute ({@code maxCallsPerMinute}); omitted or
 * null: the node's PONTE_MAX_CALLS_PER_SUBSCRIBER and PONTE_MAX_CALLS_PER_MINUTE.
 */
public record RightsBody(
        @Size(max = 32, message = "must list at most 32 classes")
        List<@NotNull(message = "must be a class name") @Pattern(regexp = CallRights.CLASS_NAME_REGEX, message = CallRights.CLASS_NAME_RULE) String> dialing,
        @Min(value = 1, message = "must be 1 to 1000") @Max(value = 1000, message = "must be 1 to 1000") Integer maxCalls,
        @Min(value = 1, message = "must be 1 to 10000") @Max(value = 10000, message = "must be 1 to 10000") Integer maxCallsPerMinute) {

    CallRights rights() {
        return new CallRights(dialing == null ? null : java.util.Set.copyOf(dialing), maxCalls, maxCallsPerMinute);
    }

    static RightsBody of(CallRights r) {
        return new RightsBody(r.classes() == null ? null : List.copyOf(r.classes()), r.maxCalls(), r.maxCallsPerMinute());
    }
}
