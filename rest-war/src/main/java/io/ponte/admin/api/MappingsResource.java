package io.ponte.admin.api;

import java.net.URI;
import java.util.List;

import io.ponte.bridge.mapping.MappingService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
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

/** Subscriber <-> ConnectyCube user mappings: {@code /api/mappings}. The password is write-only. */
@Path("mappings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MappingsResource {

    @Inject
    MappingService mappings;

    @GET
    public List<Views.Mapping> list() {
        return mappings.list().stream().map(Views.Mapping::of).toList();
    }

    @POST
    public Response create(@NotNull(message = "a JSON body is required") @Valid
                           @ConvertGroup(from = Default.class, to = MappingBody.OnCreate.class) MappingBody body) {
        Views.Mapping created = Views.Mapping.of(mappings.create(body.data()));
        return Response.created(URI.create("mappings/" + created.id())).entity(created).build();
    }

    @GET
    @Path("{id}")
    public Views.Mapping get(@PathParam("id") String id) {
        return mappings.find(id(id)).map(Views.Mapping::of).orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("{id}")
    public Views.Mapping update(@PathParam("id") String id, @NotNull(message = "a JSON body is required") @Valid MappingBody body) {
        return mappings.update(id(id), body.data()).map(Views.Mapping::of).orElseThrow(NotFoundException::new);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (!mappings.delete(id(id))) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    /** A path id that is not a number names no mapping. */
    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
    }
}
