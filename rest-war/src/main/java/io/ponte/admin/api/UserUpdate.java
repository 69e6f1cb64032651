package io.ponte.admin.api;

import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/users/{extension}}; a null password keeps the current one, and so do omitted
 * {@code rights} (given, they replace the rights as a whole: {@code {}} restores the defaults).
 */
public record UserUpdate(
        @Size(max = 128, message = "must be at most 128 characters") String displayName,
        @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password,
        @jakarta.validation.Valid RightsBody rights) {

    @Override
    public String toString() {
        return "UserUpdate[displayName=" + displayName + "]";
    }
}
