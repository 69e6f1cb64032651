package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Baresip;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.RtpengineForClass;
import io.ponte.it.support.ServerLog;
import io.ponte.it.support.TestSubscribers;
import io.ponte.it.support.TlsProbe;
import jakarta.json.JsonObject;

/**
 * SIP over TLS (RFC 3261 section 26) on port 5061: two baresip phones register and call each other over
 * TLS and hear each other; TLS 1.2 and 1.3 handshakes succeed and TLS 1.0 and 1.1 are refused
 * (RFC 8996); the key store password appears in no log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SipTlsIT {

    @RegisterExtension
    static final RtpengineForClass RTPENGINE = new RtpengineForClass();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void twoTlsPhonesRegisterAndHearEachOther() throws Exception {
        Instant started = Instant.now();
        TestSubscribers.provisionMd5Only("803", "tls-a-pass");
        TestSubscribers.provisionMd5Only("804", "tls-b-pass");
        try (Baresip b = Baresip.startTls("804", "tls-b-pass", 5192, 1000, 40)) {
            Poll.untilTrue(Duration.ofSeconds(20), "phone B to register over TLS",
                    () -> ((JsonObject) AdminApi.getJson("/api/users/804")).getBoolean("registered"));
            String contact = ((JsonObject) AdminApi.getJson("/api/users/804")).getJsonArray("contacts").getJsonObject(0).getString("uri");
            assertTrue(contact.contains("transport=tls"), "B registered a TLS contact: " + contact);
            try (Baresip a = Baresip.startTls("803", "tls-a-pass", 5202, 440, 12, "/dial sip:804@127.0.0.1;transport=tls")) {
                assertTrue(a.awaitExit(30), "phone A hangs up after 12 s");
                assertTrue(a.log().contains("terminated (duration:"), "phone A had a call: " + a.log());
                Baresip.assertHeardEachOther(a, 440, b, 1000);
                JsonObject cdr = AdminApi.newestCallRecord("803", started);
                assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
                assertEquals("804", cdr.getString("callee"));
            }
        } finally {
            AdminApi.deleteUser("803");
            AdminApi.deleteUser("804");
        }
    }

    @Test
    void onlyTls12AndLaterAreAccepted() throws Exception {
        assertTrue(TlsProbe.handshake("127.0.0.1", 5061, "TLSv1.3"), "a TLS 1.3 handshake");
        assertTrue(TlsProbe.handshake("127.0.0.1", 5061, "TLSv1.2"), "a TLS 1.2 handshake");
        assertFalse(TlsProbe.handshake("127.0.0.1", 5061, "TLSv1.1"), "TLS 1.1 is refused");
        assertFalse(TlsProbe.handshake("127.0.0.1", 5061, "TLSv1"), "TLS 1.0 is refused");
    }

    @Test
    void theKeyStorePasswordIsInNoLog() throws IOException {
        String password = System.getProperty("ponte.test.tls.password");
        assertEquals(java.util.Optional.empty(), ServerLog.fileContaining(password), "a log holds the key store password");
    }
}
