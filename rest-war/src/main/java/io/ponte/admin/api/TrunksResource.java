package io.ponte.admin.api;

import java.net.URI;
import java.util.List;

import io.ponte.admin.problem.Problem;
import io.ponte.trunk.Trunk;
import io.ponte.trunk.TrunkRegistrations;
import io.ponte.trunk.TrunkService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** SIP trunks: {@code /api/trunks}, with each node's outbound registration. The password is write-only. */
@Path("trunks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TrunksResource {

    @Inject
    TrunkService trunks;

    @Inject
    TrunkRegistrations registrations;

    @GET
    public List<Views.Trunk> list() {
        return trunks.list().stream().map(this::view).toList();
    }

    @POST
    public Response create(@NotNull(message = "a JSON body is required") @Valid TrunkBody body) {
        Views.Trunk created = view(trunks.create(credentialsComplete(body).data()));
        return Response.created(URI.create("trunks/" + created.id())).entity(created).build();
    }

    @GET
    @Path("{id}")
    public Views.Trunk get(@PathParam("id") String id) {
        return trunks.find(id(id)).map(this::view).orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("{id}")
    public Views.Trunk update(@PathParam("id") String id, @NotNull(message = "a JSON body is required") @Valid TrunkBody body) {
        return trunks.update(id(id), body.data()).map(this::view).orElseThrow(NotFoundException::new);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (!trunks.delete(id(id))) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    private Views.Trunk view(Trunk t) {
        return Views.Trunk.of(t, registrations.of(t.getId()));
    }

    /** A trunk that registers needs a username and a password to answer the provider's challenge. */
    private static TrunkBody credentialsComplete(TrunkBody body) {
        if (Boolean.TRUE.equals(body.register()) && (body.username() == null || body.password() == null)) {
            String field = body.username() == null ? "username" : "password";
            throw new BadRequestException(Problem.response(400, "Bad Request", field + ": is required to register",
                    List.of(new Problem.InvalidParam(field, "is required to register"))));
        }
        return body;
    }

    /** A path id that is not a number names no trunk. */
    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
    }
}
