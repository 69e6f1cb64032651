package io.ponte.admin.api;

import java.io.InputStream;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/openapi}: the OpenAPI 3.0 description of this API. */
@Path("openapi")
@RequestScoped
public class OpenApiResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public InputStream get() {
        InputStream doc = OpenApiResource.class.getResourceAsStream("openapi.json");
        if (doc == null) {
            throw new NotFoundException();
        }
        return doc;
    }
}
