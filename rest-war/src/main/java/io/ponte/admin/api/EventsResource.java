package io.ponte.admin.api;

import java.util.List;

import io.ponte.admin.problem.Problem;
import io.ponte.events.EventFeed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/events}: the live event stream as Server-Sent Events (one JSON event per registration and
 * call change, from every node). A client that reconnects with {@code Last-Event-ID} (or
 * {@code ?lastEventId=}, for browsers' first connection) gets what it missed within the retention window.
 */
@Path("events")
@RequestScoped
public class EventsResource {

    /** How long a client waits before reconnecting after the connection drops. */
    private static final long RECONNECT_MILLIS = 1000;
    private static final int RETRY_AFTER_SECONDS = 5;

    @Inject
    EventFeed feed;

    @GET
    public void stream(@Suspended AsyncResponse response, @Context SecurityContext security,
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String header, @QueryParam("lastEventId") String query) {
        Long lastSeen = header != null ? lastSeen(HttpHeaders.LAST_EVENT_ID_HEADER, header) : lastSeen("lastEventId", query);
        EventFeed.Opened opened = feed.subscribe(new SseStream(response, RECONNECT_MILLIS), lastSeen, security.getUserPrincipal().getName());
        if (opened != EventFeed.Opened.OPENED) {
            response.resume(refusal(opened));
        }
    }

    /** 503 problem+json with Retry-After: which limit keeps the stream out. */
    private Response refusal(EventFeed.Opened why) {
        String detail = switch (why) {
            case NODE_FULL -> "this node serves as many event streams as it may (PONTE_EVENT_MAX_STREAMS); try again later or another node";
            case USER_FULL -> "this user has as many event streams open here as it may (PONTE_EVENT_MAX_STREAMS_PER_USER); close one first";
            default -> "the event stream cannot read the database now; try again shortly";
        };
        return Response.fromResponse(Problem.response(503, "Service Unavailable", detail, List.of()))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    private static Long lastSeen(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(text.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String reason = "must be the id of an event (a whole number, 0 or more)";
        throw new BadRequestException(Problem.response(400, "Bad Request", name + ": " + reason, List.of(new Problem.InvalidParam(name, reason))));
    }
}
