package io.ponte.admin.api;

import io.ponte.bridge.mapping.MappingService.MappingData;
import io.ponte.sip.Extension;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;

/**
 * Body of {@code POST /api/mappings} and {@code PUT /api/mappings/{id}}: a subscriber's extension and
 * the ConnectyCube user it is in the apps. The password is required on creation; on an update, null keeps
 * the current one. {@code enabled} defaults to true.
 */
public record MappingBody(
        @NotNull(message = "is required") @Pattern(regexp = "\\d{1,15}", message = "must be 1 to 15 digits") String extension,
        @NotNull(message = "is required") @Positive(message = "must be a positive ConnectyCube user id") Long connectycubeUserId,
        @NotBlank(message = "is required") @Size(max = 128, message = "must be at most 128 characters") String connectycubeLogin,
        @NotNull(message = "is required", groups = OnCreate.class)
        @Size(min = 1, max = 128, message = "must be 1 to 128 characters") String connectycubePassword,
        @Size(max = 128, message = "must be at most 128 characters") String displayName,
        Boolean enabled) {

    /** Constraints checked when a mapping is created, on top of the others. */
    public interface OnCreate extends Default {
    }

    MappingData data() {
        return new MappingData(Extension.parse(extension), connectycubeUserId, connectycubeLogin, connectycubePassword,
                displayName, enabled == null || enabled);
    }

    @Override
    public String toString() {
        return "MappingBody[extension=" + extension + ", connectycubeUserId=" + connectycubeUserId + "]";
    }
}
