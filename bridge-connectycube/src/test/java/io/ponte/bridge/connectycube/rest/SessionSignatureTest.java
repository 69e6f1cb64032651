package io.ponte.bridge.connectycube.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signed session form against vectors computed independently with
 * {@code printf '%s' 'application_id=385&...' | openssl dgst -sha1 -hmac 'S3cr3t-x'}.
 */
class SessionSignatureTest {
    private static final String WITH_USER = "281d0b2c0a6acd1dc34fe95fe25bf62da552aeb1";
    private static final String APP_ONLY = "83f8998c27b269fe9be3ef6adcc8029273173ca0";

    @Test
    void canonicalStringIsSortedAndUnencoded() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user[password]", "p@ss w&rd");
        p.put("timestamp", "1795694400");
        p.put("auth_key", "k3y-AbC");
        p.put("user[login]", "ana_cc");
        p.put("nonce", "4711");
        p.put("application_id", "385");
        assertEquals("application_id=385&auth_key=k3y-AbC&nonce=4711&timestamp=1795694400"
                + "&user[login]=ana_cc&user[password]=p@ss w&rd", SessionSignature.canonical(p));
        assertEquals(WITH_USER, SessionSignature.sign(p, "S3cr3t-x"));
    }

    @Test
    void signedSessionBodies() {
        ConnectyCubeRestClient client = new ConnectyCubeRestClient(URI.create("http://127.0.0.1:9"),
                new AppCredentials("385", "k3y-AbC", "S3cr3t-x"), ConnectyCubeRestClient.SessionForm.SIGNED,
                Duration.ofSeconds(1));
        JsonNode withUser = client.sessionBody(new UserCredentials("ana_cc", "p@ss w&rd"),
                ConnectyCubeRestClient.SessionForm.SIGNED, 4711, 1795694400L);
        assertEquals(WITH_USER, withUser.path("signature").asText());
        assertEquals(385, withUser.path("application_id").asInt());
        assertEquals(4711, withUser.path("nonce").asInt());
        assertEquals(1795694400L, withUser.path("timestamp").asLong());
        assertEquals("ana_cc", withUser.path("user").path("login").asText());

        JsonNode appOnly = client.sessionBody(null, ConnectyCubeRestClient.SessionForm.SIGNED, 4711, 1795694400L);
        assertEquals(APP_ONLY, appOnly.path("signature").asText());
        assertFalse(appOnly.has("user"));

        JsonNode plain = client.sessionBody(null, ConnectyCubeRestClient.SessionForm.PLAIN, 4711, 1795694400L);
        assertEquals(2, plain.size(), "plain: application_id and auth_key only, as the SDK: " + plain);
        assertTrue(plain.has("auth_key"));
    }
}
