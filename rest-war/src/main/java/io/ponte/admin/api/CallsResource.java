package io.ponte.admin.api;

import java.net.URI;
import java.util.List;

import io.ponte.admin.problem.Problem;
import io.ponte.call.ActiveCalls;
import io.ponte.call.Call;
import io.ponte.call.CallState;
import io.ponte.call.TransferRefusedException;
import io.ponte.media.MediaException;
import io.ponte.call.CallControl;
import io.ponte.call.CallId;
import io.ponte.media.MediaServer;
import io.ponte.media.rtpengine.CallStats;
import io.ponte.media.rtpengine.RtpengineErrorException;
import io.ponte.media.rtpengine.RtpengineUnavailableException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Calls in progress on this node ({@code /api/calls}) and their control: click-to-call, hang-up, DTMF,
 * blind transfer. The records are {@link CallHistoryResource}'s.
 */
@Path("calls")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    @Inject
    ActiveCalls active;

    @Inject
    MediaServer media;

    @Inject
    CallControl control;

    /**
     * Click-to-call (RFC 3725): {@code from}'s phones ring, and when one answers {@code to} is called.
     * 201 with the call at once; its progress is in the event stream, its outcome in its record.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(@NotNull(message = "is required") @Valid ClickToCallBody body) {
        Call call = control.place(body.from(), body.to()).orElseThrow(() -> new ServiceUnavailableException("SIP is not started"));
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

    /** Plays digits to one party of an answered call (RFC 4733 through rtpengine): 202; 409 while it rings or with injection off. */
    @POST
    @Path("{callId}/dtmf")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response dtmf(@PathParam("callId") String callId, @NotNull(message = "is required") @Valid DtmfBody body)
            throws MediaException {
        Call call = active.find(callId(callId)).orElseThrow(NotFoundException::new);
        if (call.state() != CallState.ANSWERED) {
            throw new ClientErrorException(Problem.response(409, "Conflict", "the call is " + call.state() + ", not ANSWERED", List.of()));
        }
        if (!call.playsDtmf()) {
            throw new ClientErrorException(Problem.response(409, "Conflict", "digits cannot be played: PONTE_DTMF_INJECT is false", List.of()));
        }
        call.sendDtmf(body.playedFrom(), body.digits(), body.duration());
        return Response.accepted().build();
    }

    /**
     * Blind transfer: the party on {@code side} is connected to {@code to} in a new call (202 with it and
     * its Location); the other party is released once the media has moved. 409 naming why when it cannot be.
     */
    @POST
    @Path("{callId}/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response transfer(@PathParam("callId") String callId, @NotNull(message = "is required") @Valid TransferBody body)
            throws TransferRefusedException {
        Call call = active.find(callId(callId)).orElseThrow(NotFoundException::new);
        Call moved = control.transfer(call, body.stays(), body.to()).orElseThrow(() -> new ServiceUnavailableException("SIP is not started"));
        return Response.accepted(Views.ActiveCallView.of(moved, null)).location(URI.create("calls/" + moved.id().value())).build();
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
}
