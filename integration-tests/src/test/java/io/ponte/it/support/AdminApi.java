package io.ponte.it.support;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonStructure;

/** Ponte's REST API as an administrator's script would use it. */
public final class AdminApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminApi() {
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(PonteServer.HTTP + path)).timeout(Duration.ofSeconds(20))
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
        HttpResponse<String> r = call("GET", path, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }
}
