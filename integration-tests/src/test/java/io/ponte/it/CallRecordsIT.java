package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.RtpengineForClass;
import io.ponte.it.support.SecondNode;
import io.ponte.it.support.Sipp;
import io.ponte.it.support.TestDatabase;
import io.ponte.it.support.TestSubscribers;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * Call records that nothing blocks or loses: a record whose callee does not fit its column is stored cut to
 * fit (and says so) without holding up the next; records written during a database outage wait in the
 * node's journal through a SIGKILL and are stored once each after the restart; calls still up when a node
 * stops are hung up and recorded. The crash and the stop happen to a second node (its own WildFly, the
 * same database), so the server the other tests use is never harmed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallRecordsIT {

    private static final String DOMAIN = TestSubscribers.DOMAIN;
    @org.junit.jupiter.api.extension.RegisterExtension
    static final RtpengineForClass RTPENGINE = new RtpengineForClass();

    private static SecondNode node;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @BeforeAll
    static void secondNode() throws Exception {
        Sipp.silence();
        node = SecondNode.prepare("records");
        node.start(true);
    }

    @AfterAll
    static void stopSecondNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** The records of calls {@code caller} made since {@code since}, newest first. */
    private static List<JsonObject> recordsOf(String caller, Instant since) {
        JsonArray calls = ((JsonObject) AdminApi.getJson("/api/calls/history?extension=" + caller + "&from=" + since))
                .getJsonArray("calls");
        return calls.stream().map(JsonObject.class::cast).filter(c -> caller.equals(c.getString("caller"))).toList();
    }

    @Test
    @Order(1)
    void aSeventyDigitNumberIsRecordedCutToFitAndTheNextCallIsRecordedToo() throws Exception {
        Instant start = Instant.now();
        String dialed = "4930123456".repeat(7);
        TestSubscribers.pair("881", "882", () -> {
            Sipp.Result refused = Sipp.run("call-rejected.xml", Map.of("caller", "881", "callee", dialed, "domain", DOMAIN),
                    "-au", "881", "-ap", TestSubscribers.CALLER_PASSWORD);
            assertTrue(refused.passed() && refused.log().contains("SIP/2.0 404"), "no such number: " + refused.log());

            TestSubscribers.registerPhone("882", TestSubscribers.CALLEE_PASSWORD, 16960);
            Sipp.Running callee = Sipp.start("call-uas.xml", 16960, Map.of(), "-mp", "41000");
            Sipp.Result caller = Sipp.run("call-uac.xml", Map.of("caller", "881", "callee", "882", "domain", DOMAIN),
                    "-au", "881", "-ap", TestSubscribers.CALLER_PASSWORD, "-mp", "42000");
            assertTrue(caller.passed(), "caller: " + caller.log());
            assertTrue(callee.await().passed(), "callee");

            List<JsonObject> records = Poll.until(Duration.ofSeconds(10), "both calls of 881 in the history", () -> {
                List<JsonObject> r = recordsOf("881", start);
                return r.size() == 2 ? r : null;
            });
            JsonObject normal = records.get(0);
            JsonObject cut = records.get(1);
            assertEquals("882", normal.getString("callee"), normal.toString());
            assertEquals("ANSWERED", normal.getString("disposition"));
            assertEquals(dialed.substring(0, 64), cut.getString("callee"), cut.toString());
            assertEquals(List.of("callee"), cut.getJsonArray("truncatedFields").getValuesAs(jakarta.json.JsonString::getString));
            assertEquals(404, cut.getInt("finalStatus"));
            assertTrue(!normal.containsKey("truncatedFields") || normal.isNull("truncatedFields"), normal.toString());
            assertTrue(!cut.getString("recordId").equals(normal.getString("recordId")));
        });
        JsonObject records = ((JsonObject) AdminApi.getJson("/api/health")).getJsonObject("callRecords");
        assertTrue(records.getJsonNumber("truncatedSinceStart").longValue() >= 1, records.toString());
        Poll.untilTrue(Duration.ofSeconds(5), "no record left waiting", () ->
                ((JsonObject) AdminApi.getJson("/api/health")).getJsonObject("callRecords").getInt("pending") == 0);
    }

    @Test
    @Order(2)
    void recordsWrittenDuringADatabaseOutageSurviveSigkillAndAreStoredOnceEach() throws Exception {
        Instant start = Instant.now();
        TestSubscribers.pair("883", "884", () -> {
            TestSubscribers.registerPhone("884", TestSubscribers.CALLEE_PASSWORD, 16961);
            Sipp.Running callee = Sipp.startAt(SecondNode.SIP, "call-uas.xml", 16961, Map.of(), "-mp", "41100",
                    "-m", "3", "-l", "3");
            Sipp.Running caller = Sipp.startAt(SecondNode.SIP, "call-uac-long.xml", 16962,
                    Map.of("caller", "883", "callee", "884", "domain", DOMAIN), "-au", "883", "-ap",
                    TestSubscribers.CALLER_PASSWORD, "-mp", "42100", "-d", "6000", "-m", "3", "-l", "3");
            Poll.untilTrue(Duration.ofSeconds(20), "three answered calls on the second node", () ->
                    ((JsonArray) AdminApi.getJsonAt(SecondNode.HTTP, "/api/calls")).stream().map(JsonObject.class::cast)
                            .filter(c -> "ANSWERED".equals(c.getString("state"))).count() == 3);

            TestDatabase.stop();
            try {
                Poll.untilTrue(Duration.ofSeconds(30), "the three records to wait in the second node's journal", () ->
                        node.health().getJsonObject("callRecords").getInt("pending") == 3);
                Sipp.Result callerResult = caller.await();
                assertTrue(callerResult.passed(), "the calls ended normally: " + callerResult.log());
                assertTrue(callee.await().passed(), "callee");
                node.kill();
            } finally {
                TestDatabase.start();
            }
            Poll.untilTrue(Duration.ofSeconds(60), "the main node to be healthy again",
                    () -> AdminApi.call("GET", "/api/health", null, null).statusCode() == 200);
            assertTrue(recordsOf("883", start).isEmpty(), "nothing was stored before the crash");

            node.start(true);
            List<JsonObject> records = Poll.until(Duration.ofSeconds(30), "the journaled records stored after the restart", () -> {
                List<JsonObject> r = recordsOf("883", start);
                return r.size() >= 3 ? r : null;
            });
            Set<String> callIds = records.stream().map(r -> r.getString("callId")).collect(Collectors.toSet());
            assertEquals(3, records.size(), "three calls, three records: " + records);
            assertEquals(3, callIds.size(), "each record once: " + records);
            for (JsonObject r : records) {
                assertEquals("ANSWERED", r.getString("disposition"), r.toString());
                long talked = r.getJsonNumber("durationMs").longValue();
                assertTrue(talked >= 5_500 && talked <= 8_000, "6 s calls: " + r);
            }
            assertEquals(0, node.health().getJsonObject("callRecords").getInt("pending"));
        });
    }

    @Test
    @Order(3)
    void callsStillUpWhenANodeStopsAreHungUpAndRecordedAsEndedByTheSystem() throws Exception {
        Instant start = Instant.now();
        TestSubscribers.pair("885", "886", () -> {
            TestSubscribers.registerPhone("886", TestSubscribers.CALLEE_PASSWORD, 16963);
            Sipp.Running callee = Sipp.startAt(SecondNode.SIP, "call-uas.xml", 16963, Map.of(), "-mp", "41200");
            Sipp.Running caller = Sipp.startAt(SecondNode.SIP, "call-uac-hung-up.xml", 16964,
                    Map.of("caller", "885", "callee", "886", "domain", DOMAIN), "-au", "885", "-ap",
                    TestSubscribers.CALLER_PASSWORD, "-mp", "42200");
            Poll.untilTrue(Duration.ofSeconds(20), "the call to be answered on the second node", () ->
                    ((JsonArray) AdminApi.getJsonAt(SecondNode.HTTP, "/api/calls")).stream().map(JsonObject.class::cast)
                            .anyMatch(c -> "885".equals(c.getString("caller")) && "ANSWERED".equals(c.getString("state"))));
            node.stop();
            Sipp.Result callerResult = caller.await();
            assertTrue(callerResult.passed(), "the caller got a BYE: " + callerResult.log());
            assertTrue(callee.await().passed(), "the callee got a BYE");
            JsonObject r = Poll.until(Duration.ofSeconds(10), "the record of the call", () -> {
                List<JsonObject> list = recordsOf("885", start);
                return list.isEmpty() ? null : list.get(0);
            });
            assertEquals("ANSWERED", r.getString("disposition"), r.toString());
            assertEquals("SYSTEM", r.getString("hangupSide"), r.toString());
            assertEquals("Service Unavailable (server shutting down)", r.getString("endReason"), r.toString());
        });
    }
}
