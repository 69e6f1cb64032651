package io.ponte.admin.api;

import io.ponte.trunk.TrunkService.TrunkData;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST} and {@code PUT /api/trunks}: where the provider is, its credentials (the password
 * write-only; on PUT, omitted keeps the stored one) and whether Ponte registers to it, every
 * {@code registerExpires} seconds (default 600).
 */
public record TrunkBody(
        @NotNull(message = "is required") @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1 to 64 of letters, digits, . _ -") String name,
        @NotNull(message = "is required") @Pattern(regexp = "[A-Za-z0-9.:\\[\\]-]{1,255}", message = "must be a host name or IP address") String host,
        @Min(value = 1, message = "must be 1 to 65535") @Max(value = 65535, message = "must be 1 to 65535") Integer port,
        @Pattern(regexp = "udp|tcp|tls", message = "must be udp, tcp or tls") String transport,
        @Size(min = 1, max = 128, message = "must be 1 to 128 characters") String username,
        @Size(min = 1, max = 128, message = "must be 1 to 128 characters") String password,
        Boolean register,
        @Min(value = 10, message = "must be 10 to 86400") @Max(value = 86400, message = "must be 10 to 86400") Integer registerExpires) {

    TrunkData data() {
        String t = transport == null ? "udp" : transport;
        return new TrunkData(name, host, port == null ? ("tls".equals(t) ? 5061 : 5060) : port, t, username, password,
                Boolean.TRUE.equals(register), registerExpires == null ? 600 : registerExpires);
    }

    @Override
    public String toString() { // never the password
        return "TrunkBody[" + name + " " + transport + ":" + host + ":" + port + ", user " + username + "]";
    }
}
