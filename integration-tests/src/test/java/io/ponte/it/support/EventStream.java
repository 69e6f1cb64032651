package io.ponte.it.support;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

/**
 * A client of {@code GET /api/events} over real HTTP, reading the Server-Sent Events wire format itself
 * (W3C HTML, section 9.2): it keeps every event with the moment it arrived.
 */
public final class EventStream implements AutoCloseable {

    /** One event as received: its SSE id and name, its JSON data, and when it arrived here. */
    public record Received(long id, String type, JsonObject data, Instant receivedAt) {

        /** From the event's {@code at} (when it happened on the server) to its arrival here. */
        public Duration delay() {
            return Duration.between(Instant.parse(data.getString("at")), receivedAt);
        }

        public JsonObject call() {
            return data.getJsonObject("call");
        }
    }

    /** Looked up once: {@code Json.createReader} looks it up through the service loader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Received> events = new ArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;
    private volatile String contentType;

    private EventStream(String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(PonteServer.HTTP + "/api/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", AdminApi.basic(PonteServer.ADMIN_USER, PonteServer.ADMIN_PASSWORD));
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        response = HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            contentType = r.headers().firstValue("Content-Type").orElse("");
            status = r.statusCode(); // last: open() reads both once this is set
            read(r.body());
        });
    }

    /** Connects (waiting until the server has answered); with {@code lastEventId}, asks for what came after it. */
    public static EventStream open(String lastEventId) {
        EventStream s = new EventStream(lastEventId);
        Poll.untilTrue(Duration.ofSeconds(10), "the event stream to answer", () -> s.status != 0);
        if (s.status != 200 || !s.contentType.startsWith("text/event-stream")) {
            throw new AssertionError("GET /api/events answered " + s.status + " " + s.contentType);
        }
        return s;
    }

    private void read(Stream<String> lines) {
        String id = null;
        String type = "message";
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    try (JsonReader r = JSON.createReader(new StringReader(data.toString()))) {
                        Received e = new Received(Long.parseLong(id), type, r.readObject(), Instant.now());
                        synchronized (events) {
                            events.add(e);
                        }
                    }
                }
                id = null;
                type = "message";
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = field(line);
            } else if (line.startsWith("event:")) {
                type = field(line);
            } else if (line.startsWith("data:")) {
                data.append(data.length() > 0 ? "\n" : "").append(field(line));
            } // comments (":") and retry: ignored
        }
    }

    private static String field(String line) {
        String v = line.substring(line.indexOf(':') + 1);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    /** Every event received so far, in order. */
    public List<Received> received() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The first event received that matches, waiting up to {@code timeout} for it. */
    public Received await(Duration timeout, String what, Predicate<Received> match) {
        return Poll.until(timeout, what + " on the event stream", () -> received().stream().filter(match).findFirst().orElse(null));
    }

    /** A matcher: an event of {@code type} about call {@code callId}. */
    public static Predicate<Received> call(String type, String callId) {
        return e -> e.type().equals(type) && e.data().containsKey("call") && e.call().getString("id").equals(callId);
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
