package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.PonteEar;
import io.ponte.it.support.PonteServer;
import io.ponte.it.support.SipClient;
import io.ponte.it.support.Sipp;

/** The EAR boots the SIP container inside WildFly and it answers on the SIP port. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SipContainerIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void optionsToTheServerIsAnswered200WithAllow() {
        Sipp.Result r = Sipp.run("options.xml", Map.of());
        assertTrue(r.passed(), r.log());
    }

    @Test
    void aMessageOverTheSizeLimitIsNotTakenForAWholeOne() throws Exception {
        try (SipClient client = new SipClient()) {
            client.sendRaw(optionsWithBodyOf(client, 7000)); // PONTE_SIP_MAX_MESSAGE_SIZE is 8192 by default
            SipClient.Response fits = client.await(5000);
            assertNotNull(fits, "no answer to an OPTIONS of about 7,400 bytes");
            assertEquals(200, fits.status(), fits.raw());

            client.sendRaw(optionsWithBodyOf(client, 9000)); // cut at 8192 bytes: the body falls short of Content-Length
            SipClient.Response cut = client.await(2000);
            assertTrue(cut == null || cut.status() >= 400, "a truncated request was answered " + cut);
        }
        Sipp.Result r = Sipp.run("options.xml", Map.of());
        assertTrue(r.passed(), r.log());
    }

    /** An OPTIONS to the server carrying a text body of {@code bodySize} bytes. */
    private static String optionsWithBodyOf(SipClient client, int bodySize) {
        String callId = UUID.randomUUID() + "@127.0.0.1";
        return "OPTIONS sip:127.0.0.1:" + PonteServer.SIP_PORT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "") + "\r\n"
                + "From: <sip:it@127.0.0.1>;tag=" + Integer.toHexString(callId.hashCode()) + "\r\n"
                + "To: <sip:127.0.0.1:" + PonteServer.SIP_PORT + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + bodySize + "\r\n\r\n"
                + "x".repeat(bodySize);
    }

    @Test
    void aMethodPonteDoesNotHandleGets405() {
        Sipp.Result r = Sipp.run("unsupported-method.xml", Map.of());
        assertTrue(r.passed(), r.log());
    }
}
