package io.ponte.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Provisions a caller and a callee for one test and removes them afterwards, whatever happens. */
public final class TestSubscribers {

    /** A test body that may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    public static final String CALLER_PASSWORD = "caller-pass";
    public static final String CALLEE_PASSWORD = "callee-pass";
    /** The SIP domain the tests' phones register in. */
    public static final String DOMAIN = "ponte.local";

    private TestSubscribers() {
    }

    /** Runs {@code body} with subscribers {@code caller} and {@code callee} freshly created. */
    public static void pair(String caller, String callee, Body body) throws Exception {
        AdminApi.deleteUser(caller);
        AdminApi.deleteUser(callee);
        AdminApi.createUser(caller, "Caller", CALLER_PASSWORD);
        AdminApi.createUser(callee, "Callee", CALLEE_PASSWORD);
        try {
            body.run();
        } finally {
            AdminApi.deleteUser(caller);
            AdminApi.deleteUser(callee);
        }
    }

    /** Runs {@code body} with each of {@code extensions} freshly created (password {@link #CALLER_PASSWORD}), removed after. */
    public static void each(java.util.List<String> extensions, Body body) throws Exception {
        for (String ext : extensions) {
            AdminApi.deleteUser(ext);
            AdminApi.createUser(ext, "Phone " + ext, CALLER_PASSWORD);
        }
        try {
            body.run();
        } finally {
            extensions.forEach(AdminApi::deleteUser);
        }
    }

    /** Waits (up to 20 s) until the API shows subscriber {@code ext} registered. */
    public static void awaitRegistered(String ext) {
        Poll.untilTrue(java.time.Duration.ofSeconds(20), "phone " + ext + " to register",
                () -> ((jakarta.json.JsonObject) AdminApi.getJson("/api/users/" + ext)).getBoolean("registered"));
    }

    /**
     * Creates subscriber {@code ext} (replacing any) challenged with MD5 only: baresip 1.0 fails as soon as
     * a challenge names SHA-256.
     */
    public static void provisionMd5Only(String ext, String password) {
        AdminApi.deleteUser(ext);
        var r = AdminApi.call("POST", "/api/users", "{\"extension\":\"" + ext + "\",\"password\":\"" + password
                + "\",\"digestAlgorithms\":[\"MD5\"]}");
        assertEquals(201, r.statusCode(), r.body());
    }

    /**
     * Registers {@code ext}'s phone at 127.0.0.1:{@code port} (digest MD5), as a SIPp phone that only
     * answers calls cannot do itself.
     */
    public static void registerPhone(String ext, String password, int port) throws IOException {
        try (SipClient phone = new SipClient()) {
            String callId = SipClient.newCallId();
            List<String> contact = List.of("Contact: <sip:" + ext + "@127.0.0.1:" + port + ">", "Expires: 300");
            SipClient.Response challenge = phone.send(phone.register(ext, DOMAIN, callId, 1, contact));
            String md5 = TestDigest.challengeFor(challenge.all("WWW-Authenticate"), "MD5");
            List<String> withAuth = new ArrayList<>(contact);
            withAuth.add(TestDigest.authorization(md5, ext, password, "REGISTER", "sip:" + DOMAIN, "00000001"));
            SipClient.Response ok = phone.send(phone.register(ext, DOMAIN, callId, 2, withAuth));
            assertEquals(200, ok.status(), ok.raw());
        }
    }
}
