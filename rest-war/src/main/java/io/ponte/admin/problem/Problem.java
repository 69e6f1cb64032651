package io.ponte.admin.problem;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}).
 *
 * @param type          a URI naming the problem type ({@code about:blank} for plain HTTP statuses)
 * @param title         short summary of the type
 * @param status        HTTP status
 * @param detail        what went wrong with this request
 * @param invalidParams for validation problems: which field and why
 */
public record Problem(String type, String title, int status, String detail, List<InvalidParam> invalidParams) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    /** One rejected field of a request body or parameter. */
    public record InvalidParam(String name, String reason) {
    }

    public static Response response(Response.Status status, String detail) {
        return response(status.getStatusCode(), status.getReasonPhrase(), detail, List.of());
    }

    public static Response response(int status, String title, String detail, List<InvalidParam> invalid) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", title, status, detail, invalid.isEmpty() ? null : invalid)).build();
    }
}
