package io.ponte.admin.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ponte.events.EventSubscriber;
import io.ponte.events.PonteEvent;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * One open event stream response, written in the Server-Sent Events wire format (W3C HTML, section 9.2):
 * each event as {@code id} (the event id), {@code event} (its type) and one {@code data} line (its JSON,
 * which has no line break), then a blank line, flushed at once. The response is resumed on the stream's
 * own thread and written there with blocking writes, so a client that stops reading blocks that thread
 * and nothing else. A failed write marks the client gone.
 */
final class SseStream implements EventSubscriber {

    private static final Logger LOG = Logger.getLogger(SseStream.class.getName());

    private final AsyncResponse response;
    private final long reconnectMillis;
    private OutputStream out; // the stream's thread's only
    private volatile boolean gone;

    /** A stream answering {@code response}, telling the client to wait {@code reconnectMillis} before reconnecting. */
    SseStream(AsyncResponse response, long reconnectMillis) {
        this.response = response;
        this.reconnectMillis = reconnectMillis;
    }

    @Override
    public void open(Runnable stream) {
        StreamingOutput body = output -> {
            out = output;
            if (write("retry: " + reconnectMillis + "\n: ponte events\n\n")) {
                stream.run();
            }
        };
        if (!response.resume(Response.ok(body, MediaType.SERVER_SENT_EVENTS).header("Cache-Control", "no-store")
                .header("X-Accel-Buffering", "no").build())) {
            gone = true; // the client went before the stream began
        }
    }

    @Override
    public boolean deliver(PonteEvent event) {
        return write("id: " + event.id() + "\nevent: " + event.type() + "\ndata: " + event.json() + "\n\n");
    }

    @Override
    public boolean keepAlive() {
        return write(":\n\n");
    }

    @Override
    public void cutOff(String reason) {
        write(": " + reason.replace('\n', ' ') + "\n\n");
        close();
    }

    @Override
    public void close() {
        gone = true;
    }

    private boolean write(String text) {
        if (gone) {
            return false;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "event stream client gone", e);
            gone = true;
            return false;
        }
    }
}
