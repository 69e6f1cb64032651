package io.ponte.admin.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/users}. */
public record UserCreate(
        @NotNull(message = "is required") @Pattern(regexp = "\\d{1,15}", message = "must be 1 to 15 digits") String extension,
        @Size(max = 128, message = "must be at most 128 characters") String displayName,
        @NotNull(message = "is required") @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password) {

    @Override
    public String toString() {
        return "UserCreate[extension=" + extension + ", displayName=" + displayName + "]";
    }
}
