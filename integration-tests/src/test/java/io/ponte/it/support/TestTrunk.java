package io.ponte.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;

/** A trunk created over REST for one test ({@code POST /api/trunks}), deleted when closed. */
public record TestTrunk(String path, JsonObject view) implements AutoCloseable {

    public static TestTrunk create(String json) {
        var created = AdminApi.call("POST", "/api/trunks", json);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject view = (JsonObject) AdminApi.json(created);
        return new TestTrunk("/api/trunks/" + view.getJsonNumber("id").longValue(), view);
    }

    @Override
    public void close() {
        AdminApi.call("DELETE", path, null);
    }
}
