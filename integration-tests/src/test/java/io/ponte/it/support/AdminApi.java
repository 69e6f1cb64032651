package io.ponte.it.support;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/** Ponte's REST API as an administrator's script would use it. */
public final class AdminApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminApi() {
    }

    /**
     * The newest call record of {@code caller} for a call started since {@code since}, once the recorder
     * has stored it (the database outlives a test run: older records must not count).
     */
    public static JsonObject newestCallRecord(String caller, Instant since) {
        return Poll.until(Duration.ofSeconds(10), "the call record of " + caller, () -> {
            JsonArray calls = ((JsonObject) getJson("/api/calls/history?extension=" + caller + "&from=" + since))
                    .getJsonArray("calls");
            return calls.isEmpty() ? null : calls.getJsonObject(0);
        });
    }

    /** The answered call {@code caller} has in progress, once {@code /api/calls} shows it (within 15 s). */
    public static JsonObject answeredCallOf(String caller) {
        return Poll.until(Duration.ofSeconds(15), "the call of " + caller + " to show as ANSWERED in /api/calls", () -> {
            JsonArray calls = (JsonArray) getJson("/api/calls");
            return calls.stream().map(JsonObject.class::cast)
                    .filter(c -> caller.equals(c.getString("caller")) && "ANSWERED".equals(c.getString("state")))
                    .findFirst().orElse(null);
        });
    }

    /** No live call left in {@code /api/calls} (within 10 s: a call is recorded just after its last BYE). */
    public static void awaitNoLiveCall() {
        Poll.untilTrue(Duration.ofSeconds(10), "no live call left", () -> ((JsonArray) getJson("/api/calls")).isEmpty());
    }

    /**
     * No live call in the API and, once the last transactions have ended, no SIP session in the container.
     * Sessions go when their last transaction has ended, and the SIP stack keeps a finished non-INVITE
     * transaction 32 s (RFC 3261 timer J), so this waits about that long.
     */
    public static void awaitNoCallOrSipSession() {
        awaitNoLiveCall();
        long start = System.nanoTime();
        JsonObject[] last = new JsonObject[1];
        try {
            Poll.untilTrue(Duration.ofSeconds(75), "no SIP session left", () -> {
                last[0] = ((JsonObject) getJson("/api/statistics")).getJsonObject("sipSessions");
                return last[0].getInt("applicationSessions") == 0 && last[0].getInt("sipSessions") == 0;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": still " + last[0], e);
        }
        System.out.printf("SIP sessions all released %d ms after the scenario%n", (System.nanoTime() - start) / 1_000_000);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request with the admin credentials. */
    public static HttpResponse<String> call(String method, String path, String jsonBody) {
        return call(method, path, jsonBody, basic(PonteServer.ADMIN_USER, PonteServer.ADMIN_PASSWORD));
    }

    /** A request with the given Authorization header (null for none). */
    public static HttpResponse<String> call(String method, String path, String jsonBody, String authorization) {
        return callAt(PonteServer.HTTP, method, path, jsonBody, authorization);
    }

    /** A request to the server at {@code base} (another node), with the given Authorization header (null for none). */
    public static HttpResponse<String> callAt(String base, String method, String path, String jsonBody, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a subscriber and fails unless the API answers 201. */
    public static void createUser(String extension, String displayName, String password) {
        HttpResponse<String> r = call("POST", "/api/users", "{\"extension\":\"" + extension + "\",\"displayName\":\""
                + displayName + "\",\"password\":\"" + password + "\"}");
        if (r.statusCode() != 201) {
            throw new AssertionError("creating " + extension + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** Deletes a subscriber if it exists. */
    public static void deleteUser(String extension) {
        call("DELETE", "/api/users/" + extension, null);
    }

    public static JsonStructure json(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        }
    }

    public static JsonStructure getJson(String path) {
        return getJsonAt(PonteServer.HTTP, path);
    }

    /** GET {@code path} from the server at {@code base} with the admin credentials; fails unless 200. */
    public static JsonStructure getJsonAt(String base, String path) {
        HttpResponse<String> r = callAt(base, "GET", path, null, basic(PonteServer.ADMIN_USER, PonteServer.ADMIN_PASSWORD));
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }
}
