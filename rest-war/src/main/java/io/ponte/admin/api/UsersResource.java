package io.ponte.admin.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.ponte.registrar.RegistrarService;
import io.ponte.sip.Extension;
import io.ponte.subscriber.SubscriberService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Subscribers: {@code /api/users}. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    SubscriberService subscribers;

    @Inject
    RegistrarService registrar;

    @Inject
    CallHistoryResource history;

    @GET
    public List<Views.User> list() {
        return subscribers.list().stream().map(Views.User::of).toList();
    }

    @POST
    public Response create(@NotNull(message = "a JSON body is required") @Valid UserCreate body) {
        Views.User created = Views.User.of(subscribers.create(Extension.parse(body.extension()), body.displayName(), body.password(),
                body.digestAlgorithms() == null ? null : String.join(",", body.digestAlgorithms()),
                body.rights() == null ? io.ponte.dialing.CallRights.DEFAULT : body.rights().rights()));
        return Response.created(URI.create("users/" + created.extension())).entity(created).build();
    }

    @GET
    @Path("expiring")
    public List<Views.Registration> expiring(@QueryParam("within") @NotNull(message = "is required")
                                             @Min(value = 1, message = "must be at least 1") @Max(value = 86400, message = "must be at most 86400") Long within) {
        Instant now = Instant.now();
        return registrar.expiringWithin(within).stream().map(b -> Views.Registration.of(b, now)).toList();
    }

    @GET
    @Path("{extension}")
    public Views.User get(@PathParam("extension") String extension) {
        return subscribers.find(PathExtensions.parseOrNotFound(extension)).map(Views.User::of).orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("{extension}")
    public Views.User update(@PathParam("extension") String extension, @NotNull(message = "a JSON body is required") @Valid UserUpdate body) {
        return subscribers.update(PathExtensions.parseOrNotFound(extension), body.displayName(), body.password(),
                        body.rights() == null ? null : body.rights().rights())
                .map(Views.User::of).orElseThrow(NotFoundException::new);
    }

    /** The extension's call records, newest first. */
    @GET
    @Path("{extension}/calls")
    public Views.CallHistory calls(@PathParam("extension") String extension, @QueryParam("page") @jakarta.ws.rs.DefaultValue("0")
                                   @Min(value = 0, message = "must be 0 or more") int page) {
        subscribers.find(PathExtensions.parseOrNotFound(extension)).orElseThrow(NotFoundException::new);
        return history.history(extension, null, null, null, page, 50);
    }

    @DELETE
    @Path("{extension}")
    public Response delete(@PathParam("extension") String extension) {
        if (!subscribers.delete(PathExtensions.parseOrNotFound(extension))) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }
}
