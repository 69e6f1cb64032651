package io.ponte.admin.api;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.ponte.events.EventSubscriber;
import io.ponte.events.PonteEvent;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * One open event stream response: each event goes out as an SSE event whose {@code id} is the event id,
 * {@code event} its type and {@code data} its JSON (W3C HTML, Server-sent events). A failed write marks
 * the client gone.
 */
final class SseSubscriber implements EventSubscriber {

    private static final Logger LOG = Logger.getLogger(SseSubscriber.class.getName());

    private final SseEventSink sink;
    private final Sse sse;
    private volatile boolean gone;

    SseSubscriber(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    /** Opens the stream: the reconnection delay and a comment, so the client sees the response at once. */
    boolean opened(long reconnectMillis) {
        return send(sse.newEventBuilder().reconnectDelay(reconnectMillis).comment("ponte events").build());
    }

    @Override
    public boolean deliver(PonteEvent event) {
        return send(sse.newEventBuilder().id(Long.toString(event.id())).name(event.type())
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, event.json()).build());
    }

    @Override
    public boolean keepAlive() {
        return send(sse.newEventBuilder().comment("").build());
    }

    private boolean send(OutboundSseEvent event) {
        if (gone || sink.isClosed()) {
            return false;
        }
        try {
            sink.send(event).whenComplete((done, failure) -> {
                if (failure != null) {
                    gone();
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "event stream client gone", e);
            gone();
        }
        return !gone;
    }

    private void gone() {
        gone = true;
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing a broken event stream", e);
        }
    }
}
