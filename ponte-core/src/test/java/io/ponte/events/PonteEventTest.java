package io.ponte.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;

class PonteEventTest {

    private static final Instant AT = Instant.parse("2026-12-07T17:00:00.123Z");

    private static JsonObject parsed(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void theStoredPayloadFollowsTheCommonFieldsOnOneLine() {
        String json = new PonteEvent(42, AT, "call.answered", "node-a", "{\"call\":{\"id\":\"c1\",\"from\":\"\\\"Ann\\\" <sip:201@x>\"}}").json();
        assertEquals("{\"id\":42,\"type\":\"call.answered\",\"at\":\"2026-12-07T17:00:00.123Z\",\"node\":\"node-a\","
                + "\"call\":{\"id\":\"c1\",\"from\":\"\\\"Ann\\\" <sip:201@x>\"}}", json);
        assertEquals("\"Ann\" <sip:201@x>", parsed(json).getJsonObject("call").getString("from"));
    }

    @Test
    void anEmptyPayloadAndOddNodeNamesStayValidJson() {
        JsonObject e = parsed(new PonteEvent(7, AT, "registration.added", "node \"b\"\t2", " {} ").json());
        assertEquals("node \"b\"\t2", e.getString("node"));
        assertEquals(4, e.size());
    }

    @Test
    void aPayloadWrittenAcrossLinesIsRebuiltOnOne() {
        String json = new PonteEvent(8, AT, "registration.removed", "n1", "{\n  \"registration\": {\"extension\": \"201\"}\n}").json();
        assertEquals(-1, json.indexOf('\n'), json);
        assertEquals("201", parsed(json).getJsonObject("registration").getString("extension"));
        assertEquals(8, parsed(json).getInt("id"));
    }
}
