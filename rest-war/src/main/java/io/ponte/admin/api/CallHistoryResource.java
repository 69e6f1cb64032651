package io.ponte.admin.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.ponte.admin.problem.Problem;
import io.ponte.call.Disposition;
import io.ponte.cdr.CdrStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Call detail records of every node ({@code /api/calls/history}), from the database. */
@Path("calls/history")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallHistoryResource {

    @Inject
    CdrStore cdrs;

    /** Records newest first, filtered by extension, disposition and start time, paged. */
    @GET
    public Views.CallHistory history(@QueryParam("extension") String extension,
                                     @QueryParam("disposition") String disposition,
                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                     @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "must be 1 to 500")
                                     @Max(value = 500, message = "must be 1 to 500") int size) {
        CdrStore.Page p = cdrs.history(extension, disposition(disposition), instant("from", from), instant("to", to), page, size);
        return new Views.CallHistory(p.records().stream().map(Views.CallRecordView::of).toList(), page, size, p.total());
    }

    static Disposition disposition(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Disposition.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("disposition", "must be one of " + List.of(Disposition.values()));
        }
    }

    static Instant instant(String name, String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 instant such as 2026-11-22T10:00:00Z");
        }
    }

    private static BadRequestException invalid(String name, String reason) {
        return new BadRequestException(Problem.response(400, "Bad Request", name + ": " + reason,
                List.of(new Problem.InvalidParam(name, reason))));
    }
}
