package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.ServerLog;
import io.ponte.it.support.SipClient;
import io.ponte.it.support.Sipp;
import io.ponte.it.support.TestDigest;

/**
 * Flood protection: one source sends REGISTERs as fast as SIPp sends them; it is dropped after the
 * first 100 in a second (PONTE_FLOOD_RATE) and logged once, while another source's registrations, made
 * all the while, all succeed. Prints the attacker's rate and the other source's latency.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FloodIT {

    private static final String EXT = "342";
    private static final String PASSWORD = "steady-342";
    private static final String DOMAIN = "ponte.local";
    private static final String ATTACKER = "127.0.0.4";
    private static final String PHONE = "127.0.0.5";
    private static final int FLOOD_MESSAGES = 40_000;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void aFloodingSourceIsDroppedWhileAnotherSourceRegistersNormally() throws Exception {
        AdminApi.deleteUser(EXT);
        AdminApi.createUser(EXT, "Steady", PASSWORD);
        long floodStart = System.nanoTime();
        Sipp.Running flood = Sipp.start("flood-register.xml", 5094, Map.of("ext", "999", "domain", DOMAIN),
                "-i", ATTACKER, "-m", Integer.toString(FLOOD_MESSAGES), "-r", "8000", "-l", "100000");
        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService phoneThread = Executors.newSingleThreadScheduledExecutor();
        SipClient phone = new SipClient(PHONE);
        phoneThread.scheduleAtFixedRate(() -> { // a busy phone: a registration every 100 ms
            try {
                long t = System.nanoTime();
                int status = register(phone, latenciesMicros.size() + failures.size());
                if (status == 200) {
                    latenciesMicros.add((System.nanoTime() - t) / 1000);
                } else {
                    failures.add("status " + status);
                }
            } catch (Exception | AssertionError e) {
                failures.add(e.toString());
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        Sipp.Result sent = flood.await();
        double seconds = (System.nanoTime() - floodStart) / 1e9;
        phoneThread.shutdown();
        assertTrue(phoneThread.awaitTermination(20, TimeUnit.SECONDS));
        phone.close();
        assertTrue(failures.isEmpty(), failures.size() + " of the other source's registrations failed: " + failures);
        assertTrue(latenciesMicros.size() >= 10, latenciesMicros.size() + " registrations during the flood");
        assertTrue(sent.passed(), sent.log());

        try (SipClient attacker = new SipClient(ATTACKER)) {
            attacker.sendRaw(attacker.register("999", DOMAIN, SipClient.newCallId(), 1, List.of()));
            assertNull(attacker.await(1000), "the flooding source is still blocked right after the flood");
        }
        List<String> floods = ServerLog.lines("security.log").stream()
                .filter(l -> l.contains("FLOOD source=" + ATTACKER + " ")).toList();
        assertTrue(!floods.isEmpty() && floods.size() <= 1 + (long) (seconds / 10), "FLOOD lines: " + floods);

        List<Long> sorted = latenciesMicros.stream().sorted().toList();
        System.out.printf("FloodIT: attacker %d REGISTERs in %.1f s (%.0f/s); other source %d of %d registrations ok,"
                + " latency (REGISTER, 401, REGISTER, 200) median %.1f ms, max %.1f ms%n",
                FLOOD_MESSAGES, seconds, FLOOD_MESSAGES / seconds, sorted.size(), sorted.size(),
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static int register(SipClient phone, int n) throws Exception {
        String callId = "steady-" + n + "@" + PHONE;
        List<String> contact = List.of("Contact: <sip:" + EXT + "@" + PHONE + ":" + phone.port() + ">", "Expires: 60");
        SipClient.Response challenge = phone.send(phone.register(EXT, DOMAIN, callId, 1, contact));
        assertEquals(401, challenge.status(), challenge.raw());
        List<String> withAuth = new ArrayList<>(contact);
        withAuth.add(TestDigest.authorization(TestDigest.challengeFor(challenge.all("WWW-Authenticate"), "MD5"),
                EXT, PASSWORD, "REGISTER", "sip:" + DOMAIN, "00000001"));
        return phone.send(phone.register(EXT, DOMAIN, callId, 2, withAuth)).status();
    }
}
