package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.Sipp;
import io.ponte.it.support.TestSubscribers;

/** No rtpengine answers: a call fails fast with 503 and Retry-After instead of hanging. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MediaServerDownIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void aCallGets503WithRetryAfterWhenRtpengineDoesNotAnswer() throws Exception {
        java.time.Instant started = java.time.Instant.now();
        TestSubscribers.pair("721", "722", () -> {
            // the callee is registered (its phone need not run: the call never gets that far)
            Sipp.Result reg = Sipp.run("register.xml", Map.of("ext", "722", "domain", "ponte.local", "expires", "300"),
                    "-au", "722", "-ap", "callee-pass");
            assertTrue(reg.passed(), reg.log());
            Sipp.Result r = Sipp.run("call-rejected.xml", Map.of("caller", "721", "callee", "722", "domain", "ponte.local"),
                    "-au", "721", "-ap", "caller-pass");
            assertTrue(r.passed(), r.log());
            assertTrue(r.log().contains("SIP/2.0 503 Service Unavailable (media server)"), r.log());
            assertTrue(r.log().contains("Retry-After: 5"), r.log());
            jakarta.json.JsonObject cdr = AdminApi.newestCallRecord("721", started);
            org.junit.jupiter.api.Assertions.assertEquals("FAILED", cdr.getString("disposition"), cdr.toString());
            org.junit.jupiter.api.Assertions.assertEquals(503, cdr.getInt("finalStatus"));
            AdminApi.awaitNoCallOrSipSession();
        });
    }
}
