package io.ponte.admin.api;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.ponte.admin.problem.Problem;
import io.ponte.call.ActiveCalls;
import io.ponte.call.Call;
import io.ponte.call.CallState;
import io.ponte.media.MediaException;
import io.ponte.call.ClickToCall;
import io.ponte.call.CallId;
import io.ponte.cdr.CdrStore;
import io.ponte.call.Disposition;
import io.ponte.media.MediaServer;
import io.ponte.media.rtpengine.CallStats;
import io.ponte.media.rtpengine.RtpengineErrorException;
import io.ponte.media.rtpengine.RtpengineUnavailableException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Calls in progress on this node ({@code /api/calls}), click-to-call ({@code POST /api/calls}) and call
 * detail records ({@code /api/calls/history}).
 */
@Path("calls")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    @Inject
    CdrStore cdrs;

    @Inject
    ActiveCalls active;

    @Inject
    MediaServer media;

    @Inject
    ClickToCall clickToCall;

    /**
     * Click-to-call (RFC 3725): {@code from}'s phones ring, and when one answers {@code to} is called.
     * 201 with the call at once; its progress is in the event stream, its outcome in its record.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(@NotNull(message = "is required") @Valid ClickToCallBody body) {
        Call call = clickToCall.place(body.from(), body.to()).orElseThrow(() -> new ServiceUnavailableException("SIP is not started"));
        return Response.created(URI.create("calls/" + call.id().value())).entity(Views.ActiveCallView.of(call, null)).build();
    }

    @GET
    public List<Views.ActiveCallView> list() {
        return active.list().stream().map(c -> Views.ActiveCallView.of(c, null)).toList();
    }

    /** One call in progress, with the media counters rtpengine has for it now. */
    @GET
    @Path("{callId}")
    public Views.ActiveCallView get(@PathParam("callId") String callId) {
        return active.find(callId(callId)).map(c -> Views.ActiveCallView.of(c, liveMedia(callId))).orElseThrow(NotFoundException::new);
    }

    /** Plays digits to one party of an answered call (RFC 4733 through rtpengine): 202; 409 while it rings. */
    @POST
    @Path("{callId}/dtmf")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response dtmf(@PathParam("callId") String callId, @NotNull(message = "is required") @Valid DtmfBody body)
            throws MediaException {
        Call call = active.find(callId(callId)).orElseThrow(NotFoundException::new);
        if (call.state() != CallState.ANSWERED) {
            throw new ClientErrorException(Problem.response(409, "Conflict", "the call is " + call.state() + ", not ANSWERED", List.of()));
        }
        call.sendDtmf(body.playedFrom(), body.digits(), body.duration());
        return Response.accepted().build();
    }

    /** Hangs the call up (BYE to both legs, or CANCEL while it rings): 204, or 404 if no such call here. */
    @DELETE
    @Path("{callId}")
    public Response hangUp(@PathParam("callId") String callId) {
        if (!active.hangUp(callId(callId))) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    private static CallId callId(String text) {
        try {
            return CallId.of(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }

    private CallStats liveMedia(String callId) {
        try {
            return media.client().query(callId);
        } catch (RtpengineErrorException | RtpengineUnavailableException e) {
            return null;
        }
    }

    /** Records newest first, filtered by extension, disposition and start time, paged. */
    @GET
    @Path("history")
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
