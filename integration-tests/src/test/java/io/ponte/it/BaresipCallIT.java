package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import io.ponte.it.support.TestSubscribers;
import jakarta.json.JsonObject;

/**
 * Two real softphones (baresip) register with digest authentication and call each other through Ponte
 * and rtpengine; each plays its own tone and must hear the other's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BaresipCallIT {

    @RegisterExtension
    static final RtpengineForClass RTPENGINE = new RtpengineForClass();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void twoBaresipPhonesHearEachOtherThroughRtpengineAndTheCallIsRecorded() throws Exception {
        java.time.Instant started = java.time.Instant.now();
        TestSubscribers.provisionMd5Only("801", "phone-a-pass");
        TestSubscribers.provisionMd5Only("802", "phone-b-pass");
        try (Baresip b = Baresip.start("802", "phone-b-pass", 5182, 1000, 40)) {
            Poll.untilTrue(Duration.ofSeconds(20), "phone B to register",
                    () -> ((JsonObject) AdminApi.getJson("/api/users/802")).getBoolean("registered"));
            // 16 s: long enough for two rounds of RTCP reports (every 5 s)
            try (Baresip a = Baresip.start("801", "phone-a-pass", 5172, 440, 16, "/dial sip:802@127.0.0.1")) {
                assertTrue(a.awaitExit(30), "phone A hangs up after 16 s");
                String log = a.log();
                Matcher m = Pattern.compile("terminated \\(duration: (\\d+) secs\\)").matcher(log);
                assertTrue(m.find(), "phone A had a call: " + log);
                long talkedSeconds = Long.parseLong(m.group(1));
                assertTrue(talkedSeconds >= 5, log);

                short[] heardByA = a.heard();
                short[] heardByB = b.heard();
                double aGets1k = Baresip.power(heardByA, 1000);
                double aGets440 = Baresip.power(heardByA, 440);
                double bGets440 = Baresip.power(heardByB, 440);
                double bGets1k = Baresip.power(heardByB, 1000);
                assertTrue(aGets1k > 0.01, "A heard B's 1 kHz tone (not silence): power " + aGets1k);
                assertTrue(aGets1k > 100 * aGets440, "A heard B's tone, not its own: " + aGets1k + " vs " + aGets440);
                assertTrue(bGets440 > 0.01, "B heard A's 440 Hz tone (not silence): power " + bGets440);
                assertTrue(bGets440 > 100 * bGets1k, "B heard A's tone, not its own: " + bGets440 + " vs " + bGets1k);

                JsonObject cdr = AdminApi.newestCallRecord("801", started);
                assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
                assertEquals("802", cdr.getString("callee"));
                // the real talk time, to the sample: how long phone A played out what it received
                long realMs = heardByA.length / 8;
                long recordedMs = cdr.getJsonNumber("durationMs").longValue();
                System.out.printf("talk time: CDR %d ms, phone A's recording %d ms, baresip %d s%n", recordedMs, realMs, talkedSeconds);
                assertTrue(Math.abs(recordedMs - realMs) <= 1000,
                        "recorded " + recordedMs + " ms for a call phone A heard for " + realMs + " ms");
                assertTrue(Math.abs(recordedMs - talkedSeconds * 1000) < 2000,
                        "recorded " + recordedMs + " ms, baresip counted " + talkedSeconds + " whole seconds");
                assertTrue(cdr.getJsonObject("fromCaller").getJsonNumber("packets").longValue() > 100,
                        "the caller's RTP went through rtpengine: " + cdr);
                assertTrue(cdr.getJsonObject("fromCallee").getJsonNumber("packets").longValue() > 100,
                        "the callee's RTP went through rtpengine: " + cdr);
                // receive quality from the phones' RTCP: rtpengine scores a direction once a receiver report
                // answers a sender report it relayed (baresip reports every ~5 s, so in 16 s at least one does)
                int scored = 0;
                for (String side : List.of("fromCaller", "fromCallee")) {
                    JsonObject media = cdr.getJsonObject(side);
                    if (!media.containsKey("mos")) {
                        continue;
                    }
                    scored++;
                    double mos = media.getJsonNumber("mos").doubleValue();
                    assertTrue(mos >= 4.0 && mos <= 5.0, side + ": a clean loopback call scores well: " + cdr);
                    assertTrue(media.getJsonNumber("lost").longValue() <= media.getJsonNumber("packets").longValue() / 100,
                            side + ": at most 1% lost on loopback: " + cdr);
                    assertTrue(media.getJsonNumber("jitterMs").longValue() < 20, side + ": loopback jitter: " + cdr);
                }
                assertTrue(scored >= 1, "rtpengine scored the call from the phones' RTCP reports: " + cdr);
            }
        } finally {
            AdminApi.deleteUser("801");
            AdminApi.deleteUser("802");
        }
    }
}
