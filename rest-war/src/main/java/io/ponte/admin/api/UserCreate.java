package io.ponte.admin.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/users}. {@code digestAlgorithms} (optional, most preferred first) overrides
 * PONTE_DIGEST_ALGORITHMS for this subscriber's phones, e.g. {@code ["MD5"]} for phones that fail when a
 * SHA-256 challenge is present. {@code rights} (optional): what it may do with outside calls ({@link RightsBody}).
 */
public record UserCreate(
        @NotNull(message = "is required") @Pattern(regexp = "\\d{1,15}", message = "must be 1 to 15 digits") String extension,
        @Size(max = 128, message = "must be at most 128 characters") String displayName,
        @NotNull(message = "is required") @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password,
        @Size(min = 1, max = 2, message = "must list 1 or 2 algorithms")
        java.util.List<@NotNull(message = "must not be null") @Pattern(regexp = "MD5|SHA-256", message = "must be MD5 or SHA-256") String> digestAlgorithms,
        @jakarta.validation.Valid RightsBody rights) {

    @Override
    public String toString() {
        return "UserCreate[extension=" + extension + ", displayName=" + displayName + "]";
    }
}
