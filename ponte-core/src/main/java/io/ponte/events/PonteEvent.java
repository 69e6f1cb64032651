package io.ponte.events;

import java.io.StringReader;
import java.time.Instant;
import java.util.Objects;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

/**
 * One event of the live stream as stored: its id (increasing across the cluster), when it happened, its
 * type ({@code call.answered}, {@code registration.added}...), the node it happened on, and its own fields
 * as a JSON object.
 */
public record PonteEvent(long id, Instant at, String type, String node, String payload) {

    public PonteEvent {
        Objects.requireNonNull(at);
        Objects.requireNonNull(type);
        Objects.requireNonNull(node);
        Objects.requireNonNull(payload);
    }

    /** The event as a client reads it: {@code id}, {@code type}, {@code at}, {@code node}, then its own fields. */
    public String json() {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", id).add("type", type).add("at", at.toString()).add("node", node);
        try (JsonReader r = Json.createReader(new StringReader(payload))) {
            r.readObject().forEach(b::add);
        }
        return b.build().toString();
    }

    /** An event not yet stored (no id yet). */
    public record Pending(Instant at, String type, JsonObject payload) {
    }
}
