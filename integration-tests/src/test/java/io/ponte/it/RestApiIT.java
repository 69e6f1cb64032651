package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.PonteServer;
import io.ponte.it.support.RawHttp;
import io.ponte.it.support.Sipp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/** The admin API as a provisioning script would use it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    private static void assertProblem(HttpResponse<String> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
        JsonObject problem = (JsonObject) AdminApi.json(r);
        assertEquals(status, problem.getInt("status"));
        if (field != null) {
            JsonArray invalid = problem.getJsonArray("invalidParams");
            assertNotNull(invalid, r.body());
            assertTrue(invalid.stream().anyMatch(p -> field.equals(((JsonObject) p).getString("name"))), r.body());
        }
    }

    @Test
    void theApiIsServedOverHttpsWithTheConfiguredCertificate() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(System.getProperty("ponte.test.tls.dir"), "trust.p12"))) {
            trust.load(in, System.getProperty("ponte.test.tls.password").toCharArray());
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust); // only PONTE_HTTPS_KEYSTORE's certificate: WildFly's generated one would fail the handshake
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        java.net.http.HttpClient https = java.net.http.HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> stats = https.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:8443/api/statistics"))
                .header("Authorization", AdminApi.basic(PonteServer.ADMIN_USER, PonteServer.ADMIN_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stats.statusCode(), stats.body());
        assertTrue(stats.body().contains("\"uptimeSeconds\""), stats.body());
        assertEquals("TLSv1.3", stats.sslSession().orElseThrow().getProtocol());
    }

    @Test
    void healthNeedsNoLoginAndSaysUp() {
        HttpResponse<String> r = AdminApi.call("GET", "/api/health", null, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject health = (JsonObject) AdminApi.json(r);
        assertEquals("UP", health.getString("status"));
        // the test server's bridge is configured against the launcher's private Prosody
        assertEquals("CONFIGURED", health.getJsonObject("connectycube").getString("status"), r.body());
        assertEquals(0, health.getJsonObject("connectycube").getJsonArray("missing").size(), r.body());
    }

    @Test
    void everythingElseNeedsTheAdminCredentials() {
        HttpResponse<String> none = AdminApi.call("GET", "/api/users", null, null);
        assertProblem(none, 401, null);
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), none.headers().toString());
        assertProblem(AdminApi.call("GET", "/api/users", null, AdminApi.basic("admin", "wrong")), 401, null);
        assertProblem(AdminApi.call("GET", "/api/statistics", null, AdminApi.basic("mallory", PonteServer.ADMIN_PASSWORD)), 401, null);
    }

    @Test
    void subscriberLifecycle() {
        AdminApi.deleteUser("401");
        HttpResponse<String> created = AdminApi.call("POST", "/api/users",
                "{\"extension\":\"401\",\"displayName\":\"Ana\",\"password\":\"first-password\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/users/401"), created.headers().toString());
        assertFalse(created.body().contains("first-password"), "password must never be returned");
        assertFalse(created.body().toLowerCase().contains("ha1"), "hashes must never be returned");

        JsonObject got = (JsonObject) AdminApi.getJson("/api/users/401");
        assertEquals("Ana", got.getString("displayName"));
        assertFalse(got.getBoolean("registered"));

        HttpResponse<String> updated = AdminApi.call("PUT", "/api/users/401", "{\"displayName\":\"Ana Lima\"}");
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals("Ana Lima", ((JsonObject) AdminApi.getJson("/api/users/401")).getString("displayName"));

        assertProblem(AdminApi.call("POST", "/api/users",
                "{\"extension\":\"401\",\"displayName\":\"Twin\",\"password\":\"second-password\"}"), 409, "extension");

        JsonObject extensions = (JsonObject) AdminApi.getJson("/api/extensions");
        assertEquals(100, extensions.getInt("min"));
        assertEquals(999, extensions.getInt("max"));
        assertTrue(extensions.getJsonArray("provisioned").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(s -> s.getString().equals("401")));

        assertEquals(204, AdminApi.call("DELETE", "/api/users/401", null).statusCode());
        assertProblem(AdminApi.call("GET", "/api/users/401", null), 404, null);
        assertProblem(AdminApi.call("DELETE", "/api/users/401", null), 404, null);
    }

    @Test
    void badBodiesGet400NamingTheField() {
        assertProblem(AdminApi.call("POST", "/api/users", "{\"extension\":\"402\",\"displayName\":\"No Password\"}"), 400, "password");
        assertProblem(AdminApi.call("POST", "/api/users", "{\"extension\":\"40a\",\"password\":\"long-enough\"}"), 400, "extension");
        assertProblem(AdminApi.call("POST", "/api/users", "{\"extension\":\"402\",\"password\":\"short\"}"), 400, "password");
        assertProblem(AdminApi.call("POST", "/api/users", "{\"extension\":\"5000\",\"password\":\"long-enough\"}"), 400, "extension");
        assertProblem(AdminApi.call("POST", "/api/users", "{\"extension\": 402,"), 400, null);
        assertProblem(AdminApi.call("POST", "/api/users", ""), 400, null);
        assertProblem(AdminApi.call("GET", "/api/users/expiring", null), 400, "within");
        assertProblem(AdminApi.call("GET", "/api/users/expiring?within=0", null), 400, "within");
        assertProblem(AdminApi.call("GET", "/api/calls/history?disposition=MAYBE", null), 400, "disposition");
        assertProblem(AdminApi.call("GET", "/api/calls/history?from=yesterday", null), 400, "from");
        assertProblem(AdminApi.call("GET", "/api/calls/history?size=0", null), 400, "size");
    }

    @Test
    void unknownExtensionsAre404() {
        assertProblem(AdminApi.call("GET", "/api/users/998", null), 404, null);
        assertProblem(AdminApi.call("GET", "/api/users/not-digits", null), 404, null);
        assertProblem(AdminApi.call("PUT", "/api/users/998", "{\"displayName\":\"x\"}"), 404, null);
        assertProblem(AdminApi.call("DELETE", "/api/registrations/998", null), 404, null);
    }

    @Test
    void registrationsCanBeListedExpiringAndDropped() {
        AdminApi.deleteUser("403");
        AdminApi.createUser("403", "Reg", "reg-password");
        try {
            Sipp.Result r = Sipp.run("register.xml", Map.of("ext", "403", "domain", "ponte.local", "expires", "300"),
                    "-au", "403", "-ap", "reg-password");
            assertTrue(r.passed(), r.log());
            JsonArray all = (JsonArray) AdminApi.getJson("/api/registrations");
            assertTrue(all.stream().anyMatch(x -> "403".equals(((JsonObject) x).getString("extension"))), all.toString());
            JsonArray soon = (JsonArray) AdminApi.getJson("/api/users/expiring?within=600");
            assertTrue(soon.stream().anyMatch(x -> "403".equals(((JsonObject) x).getString("extension"))), soon.toString());
            JsonArray notYet = (JsonArray) AdminApi.getJson("/api/users/expiring?within=60");
            assertFalse(notYet.stream().anyMatch(x -> "403".equals(((JsonObject) x).getString("extension"))), notYet.toString());

            JsonObject stats = (JsonObject) AdminApi.getJson("/api/statistics");
            assertTrue(stats.getJsonNumber("registeredUsers").longValue() >= 1, stats.toString());
            assertTrue(stats.getJsonObject("sipRequests").getJsonNumber("REGISTER").longValue() >= 2, stats.toString());
            assertTrue(stats.getJsonObject("sipResponses").containsKey("401"), stats.toString());

            assertEquals(204, AdminApi.call("DELETE", "/api/registrations/403", null).statusCode());
            assertFalse(((JsonObject) AdminApi.getJson("/api/users/403")).getBoolean("registered"));
        } finally {
            AdminApi.deleteUser("403");
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryResource() {
        JsonObject doc = (JsonObject) AdminApi.getJson("/api/openapi");
        assertTrue(doc.getString("openapi").startsWith("3."), doc.toString());
        JsonObject paths = doc.getJsonObject("paths");
        for (String p : new String[] {"/users", "/users/{extension}", "/users/expiring", "/users/{extension}/calls",
                "/calls", "/calls/{callId}", "/calls/history", "/rtp-streams", "/registrations",
                "/registrations/{extension}", "/extensions", "/statistics", "/health", "/openapi", "/mappings",
                "/mappings/{id}", "/security/bans", "/events", "/calls/{callId}/dtmf", "/calls/{callId}/transfer", "/trunks", "/trunks/{id}"}) {
            assertTrue(paths.containsKey(p), "missing " + p);
        }
        assertTrue(paths.getJsonObject("/calls").containsKey("post"), "click-to-call is described");
    }

    @Test
    void aClientThatFloodsTheApiGets429WithRetryAfterWhileOthersAreServed() throws Exception {
        // the flood comes from a second loopback address, so the limit of other clients is untouched
        String flooder = "127.0.0.2";
        String admin = AdminApi.basic(PonteServer.ADMIN_USER, PonteServer.ADMIN_PASSWORD);
        RawHttp.Reply limited = null;
        int served = 0;
        for (int i = 0; i < 1000 && limited == null; i++) {
            RawHttp.Reply r = RawHttp.get(flooder, "/api/extensions", admin);
            if (r.status() == 429) {
                limited = r;
            } else {
                assertEquals(200, r.status(), r.head());
                served++;
            }
        }
        assertNotNull(limited, "no 429 after 1000 requests");
        assertTrue(served >= 100, "the burst allowance (2 x 50) was served first: " + served);
        long retryAfter = Long.parseLong(limited.retryAfter());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(200, AdminApi.call("GET", "/api/extensions", null).statusCode(), "another client is not limited");
        Poll.untilTrue(Duration.ofSeconds(10), "the flooding client to be let through again",
                () -> {
                    try {
                        return RawHttp.get(flooder, "/api/extensions", admin).status() == 200;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }
}
