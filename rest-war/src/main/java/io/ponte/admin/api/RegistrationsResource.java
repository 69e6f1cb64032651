package io.ponte.admin.api;

import java.time.Instant;
import java.util.List;

import io.ponte.registrar.RegistrarService;
import io.ponte.subscriber.SubscriberService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Live registrations: {@code /api/registrations}. */
@Path("registrations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationsResource {

    @Inject
    RegistrarService registrar;

    @Inject
    SubscriberService subscribers;

    @GET
    public List<Views.Registration> list() {
        Instant now = Instant.now();
        return registrar.allLive().stream().map(b -> Views.Registration.of(b, now)).toList();
    }

    /** Drops every binding of the extension: its phones must register again to be reached. */
    @DELETE
    @Path("{extension}")
    public Response drop(@PathParam("extension") String extension) {
        subscribers.dropRegistrations(PathExtensions.parseOrNotFound(extension)).orElseThrow(NotFoundException::new);
        return Response.noContent().build();
    }
}
