package io.ponte.admin.api;

import java.util.List;
import java.util.Map;

import io.ponte.admin.problem.Problem;
import io.ponte.dialing.CallRights;
import io.ponte.security.Cidr;
import io.ponte.trunk.DialPlan;
import io.ponte.trunk.TrunkService.TrunkData;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;

/**
 * Body of {@code POST} and {@code PUT /api/trunks}: where the provider is, its credentials (the password
 * write-only; on PUT, omitted keeps the stored one), whether Ponte registers to it, every
 * {@code registerExpires} seconds (default 600), the most calls it carries at once either way
 * ({@code maxCalls}; omitted: no limit), and its dial plan ({@code outbound}, {@code inbound}).
 */
public record TrunkBody(
        @NotNull(message = "is required") @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1 to 64 of letters, digits, . _ -") String name,
        @NotNull(message = "is required") @Pattern(regexp = "[A-Za-z0-9.:\\[\\]-]{1,255}", message = "must be a host name or IP address") String host,
        @Min(value = 1, message = "must be 1 to 65535") @Max(value = 65535, message = "must be 1 to 65535") Integer port,
        @Pattern(regexp = "udp|tcp|tls", message = "must be udp, tcp or tls") String transport,
        @Size(min = 1, max = 128, message = "must be 1 to 128 characters") String username,
        @Size(min = 1, max = 128, message = "must be 1 to 128 characters") String password,
        Boolean register,
        @Min(value = 10, message = "must be 10 to 86400") @Max(value = 86400, message = "must be 10 to 86400") Integer registerExpires,
        @Min(value = 1, message = "must be 1 to 10000") @Max(value = 10000, message = "must be 1 to 10000") Integer maxCalls,
        @Valid Outbound outbound,
        @Valid Inbound inbound) {

    /**
     * The numbers the trunk carries out: those starting with a prefix, {@code strip} digits removed,
     * {@code add} put first; {@code classes} names the class of the numbers that start with a prefix
     * ({@code {"00": "international", "0900": "premium"}}), which a subscriber's rights must allow.
     */
    public record Outbound(
            @Size(max = 32, message = "must be at most 32 prefixes")
            List<@NotNull(message = "must be a prefix") @Pattern(regexp = "[0-9+*#]{1,16}", message = "must be 1 to 16 of digits, +, *, #") String> prefixes,
            @Min(value = 0, message = "must be 0 to 16") @Max(value = 16, message = "must be 0 to 16") Integer strip,
            @Pattern(regexp = "[0-9+]{0,16}", message = "must be up to 16 digits or +") String add,
            @Pattern(regexp = "[0-9A-Za-z+._-]{1,32}", message = "must be 1 to 32 of digits, letters, + . _ -") String callerId,
            @Size(max = 64, message = "must be at most 64 classed prefixes")
            Map<@Pattern(regexp = "[0-9+*#]{1,16}", message = "must be 1 to 16 of digits, +, *, #") String,
                @NotNull(message = "must be a class name") @Pattern(regexp = CallRights.CLASS_NAME_REGEX, message = CallRights.CLASS_NAME_RULE) String> classes) {
    }

    /**
     * Where the trunk's calls come from (hosts or blocks no wider than a /24, IPv6 /48, unless
     * {@code wideSources} is true: those calls skip authentication), the extension each of its called numbers
     * rings ({@code *201}: its app), and whose ConnectyCube identity calls app users for the trunk's callers;
     * {@code tlsOnly}: its calls are taken as the trunk's only when they arrive over TLS (otherwise they are
     * challenged like any subscriber's).
     */
    public record Inbound(
            @Size(max = 32, message = "must be at most 32 address blocks") List<@NotNull(message = "must be an address block") String> sources,
            @Size(max = 1000, message = "must be at most 1000 numbers")
            Map<@Pattern(regexp = "\\+?[0-9]{1,31}", message = "must be a number of up to 31 digits, + first if any") String,
                @NotNull(message = "must be an extension") @Pattern(regexp = "\\*?[0-9]{1,15}", message = "must be an extension (1 to 15 digits), * first for its app") String> numbers,
            @Pattern(regexp = "[0-9]{1,15}", message = "must be an extension (1 to 15 digits)") String appCaller,
            Boolean wideSources,
            Boolean tlsOnly) {
    }

    TrunkData data() {
        String t = transport == null ? "udp" : transport;
        return new TrunkData(name, host, port == null ? ("tls".equals(t) ? 5061 : 5060) : port, t, username, password,
                Boolean.TRUE.equals(register), registerExpires == null ? 600 : registerExpires, maxCalls,
                inbound != null && Boolean.TRUE.equals(inbound.tlsOnly()), plan());
    }

    private DialPlan plan() {
        Outbound out = outbound == null ? new Outbound(null, null, null, null, null) : outbound;
        Inbound in = inbound == null ? new Inbound(null, null, null, null, null) : inbound;
        List<Cidr> sources = new java.util.ArrayList<>();
        List<String> given = in.sources() == null ? List.of() : in.sources();
        for (int i = 0; i < given.size(); i++) {
            Cidr source;
            try {
                source = Cidr.parse(given.get(i));
            } catch (IllegalArgumentException e) {
                throw invalid("inbound.sources[" + i + "]", "must be an IP address or address block such as 192.0.2.0/24");
            }
            if (DialPlan.wide(source) && !Boolean.TRUE.equals(in.wideSources())) {
                throw invalid("inbound.sources[" + i + "]", "must be a host or a block no wider than /" + DialPlan.WIDEST_V4_SOURCE
                        + " (IPv6 /" + DialPlan.WIDEST_V6_SOURCE + "): calls from it skip authentication"
                        + " (set inbound.wideSources to true to allow a wider one)");
            }
            sources.add(source);
        }
        return new DialPlan(out.prefixes() == null ? List.of() : out.prefixes(), out.strip() == null ? 0 : out.strip(),
                out.add(), out.callerId(), out.classes() == null ? Map.of() : out.classes(), sources, in.numbers() == null ? Map.of() : in.numbers(), in.appCaller());
    }

    private static BadRequestException invalid(String field, String why) {
        return new BadRequestException(Problem.response(400, "Bad Request", field + ": " + why,
                List.of(new Problem.InvalidParam(field, why))));
    }

    @Override
    public String toString() { // never the password
        return "TrunkBody[" + name + " " + transport + ":" + host + ":" + port + ", user " + username + "]";
    }
}
