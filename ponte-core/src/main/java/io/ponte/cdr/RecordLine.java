package io.ponte.cdr;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.ponte.media.MediaCounters;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * A call record as one line of JSON: the journal's format (and the old spool file's, which had no
 * {@code recordId}: such a line gets an identifier derived from its Call-ID, the same at every reading).
 */
final class RecordLine {

    /**
     * Looked up once: {@code Json.createObjectBuilder()} and {@code Json.createReader} look the provider up
     * (a ServiceLoader search) on every call, and a record is written and read once per call.
     */
    static final JsonProvider JSON = JsonProvider.provider();

    private RecordLine() {
    }

    static String format(CallDetail d) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("recordId", d.recordId().toString())
                .add("callId", d.callId()).add("caller", d.caller()).add("callee", d.callee())
                .add("startedAt", d.startedAt().toString()).add("endedAt", d.endedAt().toString())
                .add("finalStatus", d.finalStatus());
        if (d.answeredAt() != null) {
            b.add("answeredAt", d.answeredAt().toString());
        }
        if (d.hangupSide() != null) {
            b.add("hangupSide", d.hangupSide());
        }
        if (d.endReason() != null) {
            b.add("endReason", d.endReason());
        }
        if (d.fromCaller() != null) {
            b.add("fromCaller", counters(d.fromCaller()));
        }
        if (d.fromCallee() != null) {
            b.add("fromCallee", counters(d.fromCallee()));
        }
        b.add("callerKind", d.callerKind()).add("calleeKind", d.calleeKind());
        if (d.callerConnectycubeUserId() != null) {
            b.add("callerConnectycubeUserId", d.callerConnectycubeUserId());
        }
        if (d.calleeConnectycubeUserId() != null) {
            b.add("calleeConnectycubeUserId", d.calleeConnectycubeUserId());
        }
        if (d.truncatedFields() != null) {
            b.add("truncatedFields", d.truncatedFields());
        }
        return b.build().toString();
    }

    /**
     * The record a line holds.
     *
     * @throws RuntimeException (a JSON, date, number or missing-field error) if the line holds no record
     */
    static CallDetail parse(String line) {
        try (JsonReader r = JSON.createReader(new StringReader(line))) {
            JsonObject o = r.readObject();
            String callId = o.getString("callId");
            UUID recordId = o.containsKey("recordId") ? UUID.fromString(o.getString("recordId"))
                    : UUID.nameUUIDFromBytes(("spooled " + callId).getBytes(StandardCharsets.UTF_8));
            return new CallDetail(recordId, callId, o.getString("caller"), o.getString("callee"),
                    Instant.parse(o.getString("startedAt")),
                    o.containsKey("answeredAt") ? Instant.parse(o.getString("answeredAt")) : null,
                    Instant.parse(o.getString("endedAt")), o.getInt("finalStatus"),
                    o.getString("hangupSide", null), o.getString("endReason", null),
                    counters(o.get("fromCaller")), counters(o.get("fromCallee")),
                    o.getString("callerKind", "SIP"), o.getString("calleeKind", "SIP"),
                    userId(o, "callerConnectycubeUserId"), userId(o, "calleeConnectycubeUserId"),
                    o.getString("truncatedFields", null));
        }
    }

    private static JsonObjectBuilder counters(MediaCounters c) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("packets", c.packets()).add("bytes", c.bytes()).add("errors", c.errors());
        if (c.mos() != null) {
            b.add("lost", c.lost()).add("jitterMillis", c.jitterMillis()).add("mos", c.mos());
        }
        return b;
    }

    private static Long userId(JsonObject o, String key) {
        return o.containsKey(key) ? o.getJsonNumber(key).longValue() : null;
    }

    private static MediaCounters counters(JsonValue v) {
        if (!(v instanceof JsonObject o)) {
            return null;
        }
        boolean quality = o.containsKey("mos");
        return new MediaCounters(o.getJsonNumber("packets").longValue(), o.getJsonNumber("bytes").longValue(),
                o.getJsonNumber("errors").longValue(), quality ? o.getJsonNumber("lost").longValue() : null,
                quality ? o.getJsonNumber("jitterMillis").longValue() : null,
                quality ? o.getJsonNumber("mos").doubleValue() : null);
    }
}
