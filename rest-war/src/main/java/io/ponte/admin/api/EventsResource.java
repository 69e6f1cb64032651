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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

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

    @Inject
    EventFeed feed;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse, @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String header,
                       @QueryParam("lastEventId") String query) {
        Long lastSeen = header != null ? lastSeen(HttpHeaders.LAST_EVENT_ID_HEADER, header) : lastSeen("lastEventId", query);
        SseSubscriber client = new SseSubscriber(sink, sse);
        if (client.opened(RECONNECT_MILLIS)) {
            feed.subscribe(client, lastSeen);
        }
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
