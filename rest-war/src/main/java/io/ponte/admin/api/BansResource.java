package io.ponte.admin.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.ponte.security.Ban;
import io.ponte.security.BanService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Source addresses whose SIP requests are dropped: {@code /api/security/bans} (README, Security). */
@Path("security/bans")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BansResource {

    /** A ban as the API shows it. */
    public record BanView(String address, String reason, String origin, Instant createdAt, Instant expiresAt) {
        static BanView of(Ban b) {
            return new BanView(b.address(), b.reason(), b.origin().name(), b.created(), b.expires());
        }
    }

    /** Body of {@code POST}: the address, and optionally how long (default PONTE_BAN_TIME) and why. */
    public record BanBody(
            @NotBlank(message = "is required") @Size(max = 45, message = "must be an IPv4 or IPv6 address") String address,
            @Positive(message = "must be a positive number of seconds") @Max(value = 315_360_000, message = "must be at most ten years") Long durationSeconds,
            @Size(max = 200, message = "must be at most 200 characters") String reason) {
    }

    @Inject
    BanService bans;

    @GET
    public List<BanView> list() {
        return bans.list().stream().map(BanView::of).toList();
    }

    @POST
    public Response create(@NotNull(message = "a JSON body is required") @Valid BanBody body) {
        Ban ban = bans.ban(body.address(), body.durationSeconds() == null ? null : Duration.ofSeconds(body.durationSeconds()), body.reason());
        return Response.created(URI.create("security/bans/" + ban.address())).entity(BanView.of(ban)).build();
    }

    @DELETE
    @Path("{address}")
    public Response lift(@PathParam("address") String address) {
        if (!bans.lift(address)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }
}
