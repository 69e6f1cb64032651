package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.EventStream;
import io.ponte.it.support.EventStream.Received;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.Poll;
import io.ponte.it.support.SseSocket;
import io.ponte.it.support.SipClient;
import io.ponte.it.support.TestDatabaseRows;
import io.ponte.it.support.TestDigest;
import io.ponte.it.support.TestSubscribers;

/**
 * The live event stream ({@code GET /api/events}) read by a real SSE client over HTTP: registration
 * changes arrive with increasing ids, a client reconnecting with Last-Event-ID gets exactly what it missed,
 * events another node stored in the shared database reach this node's clients, bad input gets a 400.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventsIT {

    private static final String EXT = "351";
    private static final String PASSWORD = "events-pass";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int BURST = 3000;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void registrationChangesReachTheStreamAndAReconnectingClientMissesNothing() throws Exception {
        TestSubscribers.provisionMd5Only(EXT, PASSWORD);
        String contact = "sip:" + EXT + "@127.0.0.1:5391";
        Received added;
        Received removed;
        try (EventStream stream = EventStream.open(null); SipClient phone = new SipClient()) {
            register(phone, contact, 300);
            added = stream.await(WAIT, "registration.added of " + EXT, e -> e.type().equals("registration.added")
                    && e.data().getJsonObject("registration").getString("extension").equals(EXT));
            assertEquals(contact, added.data().getJsonObject("registration").getString("contact"));
            assertTrue(added.data().getJsonObject("registration").getInt("expiresSeconds") > 290, added.data().toString());
            register(phone, contact, 300); // a refresh changes nothing: no event
            register(phone, contact, 0);
            removed = stream.await(WAIT, "registration.removed of " + EXT, e -> e.type().equals("registration.removed")
                    && e.data().getJsonObject("registration").getString("contact").equals(contact));
            List<Received> mine = stream.received().stream().filter(e -> e.id() >= added.id() && e.id() <= removed.id()
                    && e.type().startsWith("registration.")).toList();
            assertEquals(List.of("registration.added", "registration.removed"), mine.stream().map(Received::type).toList(),
                    "a refresh is no change");
            assertIncreasing(stream.received());
            System.out.printf("event delivery delay: registration.added %d ms, registration.removed %d ms%n",
                    added.delay().toMillis(), removed.delay().toMillis());
        } finally {
            AdminApi.deleteUser(EXT);
        }
        // a client that saw the added event but not what followed reconnects and is given the rest, in order
        try (EventStream again = EventStream.open(Long.toString(added.id()))) {
            Received replayed = again.await(WAIT, "the replayed removal", e -> e.id() == removed.id());
            assertEquals("registration.removed", replayed.type());
            assertTrue(again.received().stream().allMatch(e -> e.id() > added.id()), "nothing at or before Last-Event-ID");
            assertIncreasing(again.received());
        }
    }

    @Test
    void eventsStoredByAnotherNodeReachThisNodesClients() {
        try (EventStream stream = EventStream.open(null)) {
            long id = TestDatabaseRows.appendEventAsNode("node-b", "registration.added",
                    "{\"registration\":{\"extension\":\"999\",\"contact\":\"sip:999@192.0.2.9\"}}");
            Received e = stream.await(WAIT, "node-b's event", r -> r.id() == id);
            assertEquals("node-b", e.data().getString("node"));
            assertEquals("999", e.data().getJsonObject("registration").getString("extension"));
            System.out.printf("event delivery delay from another node: %d ms%n", e.delay().toMillis());
        }
    }

    @Test
    void badLastEventIdAndMissingCredentialsAreRefused() {
        var bad = AdminApi.call("GET", "/api/events?lastEventId=yesterday", null);
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(bad.body().contains("lastEventId"), bad.body());
        assertEquals(401, AdminApi.call("GET", "/api/events", null, null).statusCode());
    }

    @Test
    void aStalledClientHoldsUpNoOneAndIsCutOffOnceTooFarBehind() throws Exception {
        String payload = "{\"registration\":{\"extension\":\"999\",\"contact\":\"sip:999@192.0.2.9\",\"userAgent\":\""
                + "x".repeat(4000) + "\"}}";
        try (SseSocket stalled = SseSocket.open(); SseSocket live = SseSocket.open()) {
            assertEquals(200, stalled.status(), stalled.head());
            assertEquals(200, live.status(), live.head());
            java.util.Map<Long, Instant> arrived = live.readEvents();
            // 12 MB: four times what loopback TCP buffers hold for a reader that stopped (3 MB), three times the ITs' backlog
            Instant stored = Instant.now();
            List<Long> ids = TestDatabaseRows.appendEventsAsNode("node-b", "registration.added", payload, BURST);
            Poll.untilTrue(WAIT, "all " + BURST + " events at the client that reads", () -> arrived.keySet().containsAll(ids));
            Duration worst = ids.stream().map(id -> Duration.between(stored, arrived.get(id))).max(Duration::compareTo).orElseThrow();
            System.out.printf("event delivery next to a stalled client: %d events of 4 KB, the last %d ms after they were stored%n",
                    ids.size(), worst.toMillis());
            assertTrue(worst.compareTo(Duration.ofSeconds(1)) < 0, "each event within 1 s, the slowest took " + worst.toMillis() + " ms");
            String end = stalled.readUntil(": too slow", WAIT);
            assertTrue(end.contains(": too slow: the events after "), "the stalled client is cut off with a last comment: ..." + end);
            assertTrue(end.contains("reconnect with Last-Event-ID"), end);
        }
    }

    @Test
    void aQuietStreamIsKeptOpenPastTheContainersAsyncTimeout() throws Exception {
        try (SseSocket quiet = SseSocket.open()) {
            assertEquals(200, quiet.status(), quiet.head());
            Instant opened = Instant.now();
            // read (keep-alive comments every 15 s of silence, other tests' events) until 35 s have passed
            quiet.readUntil("no such text", Duration.ofSeconds(35).minus(Duration.between(opened, Instant.now())));
            long id = TestDatabaseRows.appendEventAsNode("node-b", "registration.added", "{}");
            String late = quiet.readUntil("id: " + id + "\n", WAIT);
            assertTrue(late.contains("id: " + id + "\n"), "an event 35 s after opening (Undertow's async timeout is 30 s): " + late);
        }
    }

    @Test
    void eachUserMayOpenOnlySoManyStreams() throws Exception {
        awaitNoStreamOpen();
        List<SseSocket> open = new java.util.ArrayList<>();
        try {
            SseSocket next = SseSocket.open();
            while (next.status() == 200 && open.size() < 16) {
                open.add(next);
                next = SseSocket.open();
            }
            assertEquals(16, open.size(), "PONTE_EVENT_MAX_STREAMS_PER_USER (16) streams open, then " + next.head());
            assertEquals(503, next.status(), next.head());
            assertTrue(next.head().contains("application/problem+json"), next.head());
            assertTrue(next.head().contains("Retry-After: 5"), next.head());
            next.close();
            assertEquals(16, AdminApi.getJson("/api/statistics").asJsonObject().getInt("eventStreams"));
        } finally {
            for (SseSocket s : open) {
                s.close();
            }
        }
        awaitNoStreamOpen();
    }

    /** Waits until no stream is open here: two events make every writer of a closed connection see that it is closed. */
    private static void awaitNoStreamOpen() {
        TestDatabaseRows.appendEventsAsNode("node-b", "registration.added", "{}", 2);
        Poll.untilTrue(WAIT, "every event stream closed", () -> {
            TestDatabaseRows.appendEventsAsNode("node-b", "registration.added", "{}", 1);
            return AdminApi.getJson("/api/statistics").asJsonObject().getInt("eventStreams") == 0;
        });
    }

    private static void register(SipClient phone, String contact, int expires) throws Exception {
        String callId = SipClient.newCallId();
        List<String> headers = List.of("Contact: <" + contact + ">", "Expires: " + expires);
        SipClient.Response challenge = phone.send(phone.register(EXT, TestSubscribers.DOMAIN, callId, 1, headers));
        String md5 = TestDigest.challengeFor(challenge.all("WWW-Authenticate"), "MD5");
        List<String> withAuth = new java.util.ArrayList<>(headers);
        withAuth.add(TestDigest.authorization(md5, EXT, PASSWORD, "REGISTER", "sip:" + TestSubscribers.DOMAIN, "00000001"));
        SipClient.Response ok = phone.send(phone.register(EXT, TestSubscribers.DOMAIN, callId, 2, withAuth));
        assertEquals(200, ok.status(), ok.raw());
    }

    private static void assertIncreasing(List<Received> events) {
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).id() > events.get(i - 1).id(), "ids increase: " + events);
        }
    }
}
