package io.ponte.events;

import java.io.StringReader;
import java.time.Instant;
import java.util.Objects;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

/**
 * One event of the live stream as stored: its id (increasing across the cluster), when it happened, its
 * type ({@code call.answered}, {@code registration.added}...), the node it happened on, and its own fields
 * as a JSON object.
 */
public record PonteEvent(long id, Instant at, String type, String node, String payload) {

    /** Looked up once: each {@code Json.createX} call looks the provider up again through the service loader. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public PonteEvent {
        Objects.requireNonNull(at);
        Objects.requireNonNull(type);
        Objects.requireNonNull(node);
        Objects.requireNonNull(payload);
    }

    /**
     * The event as a client reads it, on one line: {@code id}, {@code type}, {@code at}, {@code node}, then its
     * own fields. The stored payload (compact JSON, as {@link EventStore} writes it) is spliced in as it is:
     * parsing and rebuilding it cost every stream client up to 0.8 ms an event; a payload written across lines
     * (by something else) is rebuilt.
     */
    public String json() {
        String own = payload.strip();
        if (own.indexOf('\n') >= 0 || own.indexOf('\r') >= 0 || !own.startsWith("{") || !own.endsWith("}")) {
            return rebuilt();
        }
        StringBuilder b = new StringBuilder(own.length() + 96).append("{\"id\":").append(id).append(",\"type\":");
        quoted(b, type).append(",\"at\":");
        quoted(b, at.toString()).append(",\"node\":");
        quoted(b, node);
        String inner = own.substring(1, own.length() - 1);
        if (!inner.isBlank()) {
            b.append(',').append(inner);
        }
        return b.append('}').toString();
    }

    private String rebuilt() {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("id", id).add("type", type).add("at", at.toString()).add("node", node);
        try (JsonReader r = JSON.createReader(new StringReader(payload))) {
            r.readObject().forEach(b::add);
        }
        return b.build().toString();
    }

    /** {@code text} as a JSON string (RFC 8259 section 7). */
    private static StringBuilder quoted(StringBuilder b, String text) {
        b.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }

    /** An event not yet stored (no id yet). */
    public record Pending(Instant at, String type, JsonObject payload) {
    }
}
