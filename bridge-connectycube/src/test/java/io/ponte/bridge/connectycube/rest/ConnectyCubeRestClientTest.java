package io.ponte.bridge.connectycube.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ponte.bridge.connectycube.Golden;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a local stand-in (JDK HttpServer on 127.0.0.1) that checks each request and
 * answers with the bodies captured from the SDK's exchange (golden/rest).
 */
class ConnectyCubeRestClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "S3cr3t-x";

    record Seen(String method, String path, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    record Reply(int status, String body) {
    }

    private HttpServer server;
    private ExecutorService executor;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Function<Seen, Reply> handler;
    private final CountDownLatch release = new CountDownLatch(1);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] raw = ex.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        Seen s = new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body);
        seen.add(s);
        Reply r = handler.apply(s);
        byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private ConnectyCubeRestClient client(ConnectyCubeRestClient.SessionForm form, Duration timeout) {
        return new ConnectyCubeRestClient(url(), new AppCredentials("385", "capture-auth-key", SECRET), form, timeout,
                HttpClient.newBuilder().connectTimeout(timeout).build(), clock);
    }

    private static String goldenBody(String name) throws IOException {
        return JSON.writeValueAsString(JSON.readTree(Golden.read("rest/" + name + ".response.json")).get("body"));
    }

    private static int goldenStatus(String name) throws IOException {
        return JSON.readTree(Golden.read("rest/" + name + ".response.json")).get("status").asInt();
    }

    @Test
    void plainApplicationSessionThenLoginAsTheSdkDoes() throws Exception {
        JsonNode sdkSession = JSON.readTree(Golden.read("rest/session-app.request.json"));
        JsonNode sdkLogin = JSON.readTree(Golden.read("rest/login.request.json"));
        String appReply = goldenBody("session-app");
        String loginReply = goldenBody("login");
        handler = s -> {
            try {
                return switch (s.method() + " " + s.path()) {
                    case "POST /session" -> new Reply(goldenStatus("session-app"), appReply);
                    case "POST /login" -> "capture-token-5001".equals(s.header("CB-Token"))
                            ? new Reply(goldenStatus("login"), loginReply)
                            : new Reply(401, "{\"errors\":{\"base\":[\"Required session does not exist\"]}}");
                    default -> new Reply(404, "{\"errors\":[\"Not found\"]}");
                };
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        ConnectyCubeRestClient c = client(ConnectyCubeRestClient.SessionForm.PLAIN, Duration.ofSeconds(5));
        Session app = c.createSession();
        assertEquals("capture-token-5001", app.token());
        assertFalse(app.isUserSession());
        assertEquals(385, app.applicationId());

        User user = c.login(app, new UserCredentials("ana_cc", "ana-secret-1"));
        assertEquals(new User(1001, "ana_cc", "Ana"), user);

        Seen session = seen.get(0);
        assertTrue(session.header("Content-Type").startsWith("application/json"));
        assertEquals(null, session.header("CB-Token"));
        assertEquals(sdkSession.path("body").path("auth_key"), session.body().path("auth_key"));
        assertEquals(sdkSession.path("body").path("application_id").asText(), session.body().path("application_id").asText());
        assertEquals(new TreeMap<>(Map.of("application_id", 1, "auth_key", 1)).keySet(),
                new TreeMap<>(JSON.convertValue(session.body(), Map.class)).keySet(), "the SDK's fields, no more");
        Seen login = seen.get(1);
        assertEquals(sdkLogin.path("body"), login.body(), "login body as the SDK sends it");
        assertEquals("capture-token-5001", login.header("CB-Token"));
    }

    @Test
    void signedUserSession() throws Exception {
        String userReply = goldenBody("session-user");
        handler = s -> {
            JsonNode b = s.body();
            Map<String, String> p = new TreeMap<>();
            p.put("application_id", b.path("application_id").asText());
            p.put("auth_key", b.path("auth_key").asText());
            p.put("nonce", b.path("nonce").asText());
            p.put("timestamp", b.path("timestamp").asText());
            p.put("user[login]", b.path("user").path("login").asText());
            p.put("user[password]", b.path("user").path("password").asText());
            StringBuilder data = new StringBuilder();
            p.forEach((k, v) -> data.append(data.length() == 0 ? "" : "&").append(k).append('=').append(v));
            String expected = hmac(data.toString());
            return expected.equals(b.path("signature").asText())
                    ? new Reply(201, userReply)
                    : new Reply(422, "{\"errors\":{\"base\":[\"Unexpected signature\"]}}");
        };
        ConnectyCubeRestClient c = client(ConnectyCubeRestClient.SessionForm.SIGNED, Duration.ofSeconds(5));
        Session s = c.createSession(new UserCredentials("bob_cc", "bob-secret-2"));
        assertEquals(1002, s.userId());
        assertTrue(s.isUserSession());
        JsonNode sent = seen.get(0).body();
        assertEquals(clock.instant().getEpochSecond(), sent.path("timestamp").asLong());
        assertTrue(sent.path("nonce").asLong() >= 0);
        c.createSession(new UserCredentials("bob_cc", "bob-secret-2"));
        assertNotEquals(sent.path("nonce").asLong(), seen.get(1).body().path("nonce").asLong(), "a fresh nonce each time");
        assertFalse(s.toString().contains(s.token()), "no token in toString");
    }

    private static String hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            StringBuilder hex = new StringBuilder();
            for (byte x : mac.doFinal(data.getBytes(StandardCharsets.UTF_8))) {
                hex.append(String.format("%02x", x));
            }
            return hex.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void errorsFromTheFarSide() {
        handler = s -> new Reply(401, "{\"errors\":[\"Unauthorized\"]}");
        ConnectyCubeRestClient c = client(ConnectyCubeRestClient.SessionForm.PLAIN, Duration.ofSeconds(5));
        ConnectyCubeErrorException e = assertThrows(ConnectyCubeErrorException.class,
                () -> c.createSession(new UserCredentials("ana_cc", "wrong-password")));
        assertEquals(401, e.status());
        assertEquals("[\"Unauthorized\"]", e.errors());
        assertEquals("POST /session", e.operation());
        assertFalse(e.isSessionExpired());
        assertFalse(e.getMessage().contains("wrong-password"));

        handler = s -> new Reply(401, "{\"errors\":{\"base\":[\"Required session does not exist\"]}}");
        ConnectyCubeErrorException expired = assertThrows(ConnectyCubeErrorException.class,
                () -> c.login(new Session("old", 1, 385, 0, Instant.EPOCH), new UserCredentials("ana_cc", "x")));
        assertTrue(expired.isSessionExpired());

        handler = s -> new Reply(500, "<html>oops</html>");
        assertEquals("<html>oops</html>",
                assertThrows(ConnectyCubeErrorException.class, c::createSession).errors());
    }

    @Test
    void localFailures() throws Exception {
        handler = s -> new Reply(200, "not json");
        ConnectyCubeRestClient c = client(ConnectyCubeRestClient.SessionForm.PLAIN, Duration.ofMillis(500));
        assertTrue(assertThrows(ConnectyCubeUnavailableException.class, c::createSession).getMessage().contains("not JSON"));

        handler = s -> new Reply(201, "{\"session\":{}}");
        assertTrue(assertThrows(ConnectyCubeUnavailableException.class, c::createSession).getMessage().contains("no session.token"));

        handler = s -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Reply(201, "{}");
        };
        long t0 = System.nanoTime();
        ConnectyCubeUnavailableException slow = assertThrows(ConnectyCubeUnavailableException.class, c::createSession);
        assertTrue(slow.getMessage().contains("no answer within 500 ms"), slow.getMessage());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ConnectyCubeRestClient nowhere = new ConnectyCubeRestClient(URI.create("http://127.0.0.1:" + closedPort),
                new AppCredentials("385", "k", null), ConnectyCubeRestClient.SessionForm.PLAIN, Duration.ofSeconds(2));
        assertThrows(ConnectyCubeUnavailableException.class, nowhere::createSession);
    }

    @Test
    void keeperRenewsBeforeExpiryAndAfterTheFarSideForgets() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        handler = s -> {
            if (s.path().equals("/session")) {
                int n = sessions.incrementAndGet();
                return new Reply(201, "{\"session\":{\"id\":" + n + ",\"application_id\":385,\"user_id\":1001,"
                        + "\"token\":\"t" + n + "\"}}");
            }
            return "t1".equals(s.header("CB-Token"))
                    ? new Reply(401, "{\"errors\":{\"base\":[\"Required session does not exist\"]}}")
                    : new Reply(202, "{\"user\":{\"id\":1001,\"login\":\"ana_cc\"}}");
        };
        ConnectyCubeRestClient c = client(ConnectyCubeRestClient.SessionForm.PLAIN, Duration.ofSeconds(5));
        UserSessionKeeper keeper = new UserSessionKeeper(c, new UserCredentials("ana_cc", "ana-secret-1"), clock,
                Duration.ofHours(2), Duration.ofMinutes(10));
        Session first = keeper.session();
        assertEquals(Instant.parse("2026-11-26T14:00:00Z"), keeper.expiresAt());
        clock.advance(Duration.ofMinutes(109));
        assertSame(first, keeper.session(), "more than 10 minutes left: reused");
        clock.advance(Duration.ofMinutes(2));
        Session second = keeper.session();
        assertNotSame(first, second, "renewed 10 minutes before expiry");
        assertEquals(2, sessions.get());

        keeper.used();
        clock.advance(Duration.ofMinutes(100));
        assertSame(second, keeper.session(), "use extends the token");

        keeper.invalidate();
        Session third = keeper.session();
        assertEquals("t3", third.token());

        // the far side forgot t1: call() renews once and retries
        UserSessionKeeper k2 = new UserSessionKeeper(c, new UserCredentials("ana_cc", "ana-secret-1"), clock,
                Duration.ofHours(2), Duration.ofMinutes(10));
        sessions.set(0);
        User u = k2.call(s -> c.login(s, new UserCredentials("ana_cc", "ana-secret-1")));
        assertEquals(1001, u.id());
        assertEquals(2, sessions.get());
    }

    @Test
    void secretsStayOutOfToString() {
        AppCredentials app = new AppCredentials("385", "the-auth-key", "the-secret");
        assertFalse(app.toString().contains("the-auth-key") || app.toString().contains("the-secret"), app.toString());
        UserCredentials u = new UserCredentials("ana_cc", "the-password");
        assertFalse(u.toString().contains("the-password"));
        ConnectyCubeRestClient c = new ConnectyCubeRestClient(URI.create("http://127.0.0.1:9"), app,
                ConnectyCubeRestClient.SessionForm.SIGNED, Duration.ofSeconds(1));
        assertFalse(c.toString().contains("the-secret") || c.toString().contains("the-auth-key"));
        assertThrows(IllegalArgumentException.class, () -> new ConnectyCubeRestClient(URI.create("http://127.0.0.1:9"),
                new AppCredentials("385", "k", null), ConnectyCubeRestClient.SessionForm.SIGNED, Duration.ofSeconds(1)));
    }
}
