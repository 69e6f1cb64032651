package io.ponte.bridge.connectycube.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A client of ConnectyCube's REST API (ConnectyCube Server API: "Authentication and Authorization"
 * and "Users"): create a session, plain or signed, with or without a user; log a user in on an
 * application session; destroy a session. JSON bodies, the token in the {@code CB-Token} header.
 * Every call goes through {@link #request}, and fails with one of two exceptions:
 * {@link ConnectyCubeErrorException} (the far side said no) or
 * {@link ConnectyCubeUnavailableException} (no usable answer).
 *
 * <p>Sessions are made in one of two forms ({@link SessionForm}): {@code PLAIN} sends
 * {@code application_id} and {@code auth_key} (what the JS SDK 6.1.2 sends: golden file
 * {@code rest/session-app.request.json}); {@code SIGNED} adds {@code nonce}, {@code timestamp} and the
 * HMAC-SHA1 {@code signature} of {@link SessionSignature}, for applications set up for the older API.
 *
 * <p>Thread-safe. Never logs request bodies, passwords, keys or tokens.
 */
public final class ConnectyCubeRestClient {
    private static final Logger LOG = Logger.getLogger(ConnectyCubeRestClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 2000;

    /** How a session request proves the application. */
    public enum SessionForm {
        /** {@code application_id} + {@code auth_key}. */
        PLAIN,
        /** Also {@code nonce}, {@code timestamp} and {@code signature} (needs the auth secret). */
        SIGNED
    }

    private final URI apiUrl;
    private final AppCredentials app;
    private final SessionForm form;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param apiUrl  the API's base URL, e.g. {@code https://api.connectycube.com}
     * @param timeout for connecting and for each whole request
     */
    public ConnectyCubeRestClient(URI apiUrl, AppCredentials app, SessionForm form, Duration timeout) {
        this(apiUrl, app, form, timeout,
                HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build(),
                Clock.systemUTC());
    }

    /** With a given HTTP client and clock (tests). */
    public ConnectyCubeRestClient(URI apiUrl, AppCredentials app, SessionForm form, Duration timeout, HttpClient http,
            Clock clock) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        String s = apiUrl.toString();
        this.apiUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.app = Objects.requireNonNull(app, "app");
        this.form = Objects.requireNonNull(form, "form");
        if (form == SessionForm.SIGNED && app.authSecret().isEmpty()) {
            throw new IllegalArgumentException("a signed session needs the application's auth secret");
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AppCredentials app() {
        return app;
    }

    /** An application session (read-only access; used to log a user in). */
    public Session createSession() throws ConnectyCubeErrorException, ConnectyCubeUnavailableException {
        return createSession(null);
    }

    /**
     * A session for {@code user} (ConnectyCube Server API, "Create session token" with {@code user[login]}
     * and {@code user[password]}), or an application session when {@code user} is {@code null}.
     */
    public Session createSession(UserCredentials user)
            throws ConnectyCubeErrorException, ConnectyCubeUnavailableException {
        ObjectNode body = sessionBody(user, form, random.nextInt(Integer.MAX_VALUE), clock.instant().getEpochSecond());
        JsonNode reply = request("POST", "/session", null, body);
        return parseSession(reply, "POST /session");
    }

    /**
     * The JSON body of a session request. For {@link SessionForm#SIGNED} the signature covers
     * {@code application_id}, {@code auth_key}, {@code nonce}, {@code timestamp} and, with a user,
     * {@code user[login]} and {@code user[password]}.
     */
    ObjectNode sessionBody(UserCredentials user, SessionForm how, long nonce, long timestamp) {
        ObjectNode body = JSON.createObjectNode();
        body.put("application_id", Long.parseLong(app.appId()));
        body.put("auth_key", app.authKey());
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("application_id", app.appId());
        signed.put("auth_key", app.authKey());
        if (how == SessionForm.SIGNED) {
            body.put("nonce", nonce);
            body.put("timestamp", timestamp);
            signed.put("nonce", Long.toString(nonce));
            signed.put("timestamp", Long.toString(timestamp));
        }
        if (user != null) {
            ObjectNode u = body.putObject("user");
            u.put("login", user.login());
            u.put("password", user.password());
            signed.put("user[login]", user.login());
            signed.put("user[password]", user.password());
        }
        if (how == SessionForm.SIGNED) {
            body.put("signature", SessionSignature.sign(signed, app.authSecret().orElseThrow()));
        }
        return body;
    }

    /**
     * Logs {@code user} in on an application session ({@code POST /login}); the session becomes the
     * user's.
     */
    public User login(Session session, UserCredentials user)
            throws ConnectyCubeErrorException, ConnectyCubeUnavailableException {
        ObjectNode body = JSON.createObjectNode();
        body.put("login", user.login());
        body.put("password", user.password());
        JsonNode reply = request("POST", "/login", session.token(), body);
        JsonNode u = reply.path("user");
        if (!u.path("id").canConvertToLong() || u.path("id").asLong() <= 0) {
            throw new ConnectyCubeUnavailableException("POST /login: answer has no user.id");
        }
        return new User(u.path("id").asLong(), u.path("login").asText(user.login()), u.path("full_name").asText(""));
    }

    /** Ends a session ({@code DELETE /session}). */
    public void destroySession(Session session) throws ConnectyCubeErrorException, ConnectyCubeUnavailableException {
        request("DELETE", "/session", session.token(), null);
    }

    private Session parseSession(JsonNode reply, String operation) throws ConnectyCubeUnavailableException {
        JsonNode s = reply.path("session");
        String token = s.path("token").asText("");
        if (token.isEmpty()) {
            throw new ConnectyCubeUnavailableException(operation + ": answer has no session.token");
        }
        return new Session(token, s.path("id").asLong(0), s.path("application_id").asLong(0),
                s.path("user_id").asLong(0), clock.instant());
    }

    /**
     * The one request function: sends {@code body} as JSON with {@code CB-Token} when a token is given,
     * and returns the JSON answer ({@code {}} for an empty body).
     *
     * @throws ConnectyCubeErrorException       for any status outside 200-299
     * @throws ConnectyCubeUnavailableException for a transport failure, a timeout, an interrupt, or an
     *                                          answer that is not JSON
     */
    JsonNode request(String method, String path, String token, JsonNode body)
            throws ConnectyCubeErrorException, ConnectyCubeUnavailableException {
        String operation = method + " " + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            b.header("CB-Token", token);
        }
        if (body != null) {
            byte[] bytes;
            try {
                bytes = JSON.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
            b.header("Content-Type", "application/json; charset=utf-8");
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ConnectyCubeUnavailableException(operation + ": no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new ConnectyCubeUnavailableException(operation + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectyCubeUnavailableException(operation + ": interrupted", e);
        }
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        LOG.log(Level.FINE, "ConnectyCube {0} -> {1}", new Object[] {operation, status});
        if (status < 200 || status > 299) {
            throw new ConnectyCubeErrorException(operation, status, errorText(text));
        }
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConnectyCubeUnavailableException(operation + ": answer is not JSON (HTTP " + status + ")", e);
        }
    }

    private static String errorText(String body) {
        String out;
        try {
            JsonNode n = JSON.readTree(body);
            out = n != null && n.has("errors") ? JSON.writeValueAsString(n.get("errors")) : body;
        } catch (JsonProcessingException e) {
            out = body;
        }
        return out.length() > MAX_ERROR_TEXT ? out.substring(0, MAX_ERROR_TEXT) + "..." : out;
    }

    @Override
    public String toString() {
        return "ConnectyCubeRestClient[" + apiUrl + ", " + app + ", " + form + "]";
    }
}
