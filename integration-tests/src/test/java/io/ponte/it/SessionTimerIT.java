package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.RtpengineForClass;
import io.ponte.it.support.Sipp;
import io.ponte.it.support.TestSubscribers;
import jakarta.json.JsonObject;

/**
 * Session timers (RFC 4028) with SIPp phones; the tests run with PONTE_SESSION_MIN_SE=10 so a 10 s
 * interval is accepted: a caller that stops refreshing is hung up within its interval, one that refreshes
 * keeps its call, a too short interval gets 422 with Min-SE, and a callee that makes Ponte the refresher
 * gets UPDATEs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionTimerIT {

    @RegisterExtension
    static final RtpengineForClass RTPENGINE = new RtpengineForClass();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    private interface Check {
        void accept(Sipp.Result caller, Sipp.Result callee) throws Exception;
    }

    private static void call(String callerScenario, String calleeScenario, String caller, String callee, int calleePort,
                             Check check, String... callerArgs) throws Exception {
        AdminApi.deleteUser(caller);
        AdminApi.deleteUser(callee);
        AdminApi.createUser(caller, "Caller", TestSubscribers.CALLER_PASSWORD);
        AdminApi.createUser(callee, "Callee", TestSubscribers.CALLEE_PASSWORD);
        try {
            TestSubscribers.registerPhone(callee, TestSubscribers.CALLEE_PASSWORD, calleePort);
            Sipp.Running phone = calleeScenario == null ? null : Sipp.start(calleeScenario, calleePort, Map.of(), "-mp", "44000");
            String[] args = new String[4 + callerArgs.length];
            System.arraycopy(new String[] {"-au", caller, "-ap", TestSubscribers.CALLER_PASSWORD}, 0, args, 0, 4);
            System.arraycopy(callerArgs, 0, args, 4, callerArgs.length);
            Sipp.Result callerResult = Sipp.run(callerScenario, Map.of("caller", caller, "callee", callee, "domain", TestSubscribers.DOMAIN), args);
            check.accept(callerResult, phone == null ? null : phone.await());
        } finally {
            AdminApi.deleteUser(caller);
            AdminApi.deleteUser(callee);
        }
    }

    @Test
    void aCallerThatStopsRefreshingIsHungUpWithinItsInterval() throws Exception {
        Instant start = Instant.now();
        call("call-uac-stops-refreshing.xml", "call-uas.xml", "831", "832", 16931, (caller, callee) -> {
            assertTrue(caller.passed(), "caller (200 with Session-Expires: 10;refresher=uac and Require: timer, then Ponte's BYE): " + caller.log());
            assertTrue(callee.passed(), "callee (BYE from Ponte): " + callee.log());
            JsonObject cdr = AdminApi.newestCallRecord("831", start);
            long talkMs = cdr.getJsonNumber("durationMs").longValue();
            System.out.printf("session timer: the call of a caller that stopped refreshing a 10 s session ended after %d ms%n", talkMs);
            assertTrue(talkMs >= 6000 && talkMs < 10_000, "ended within the interval, not before its last third: " + cdr);
            assertEquals("SYSTEM", cdr.getString("hangupSide"), cdr.toString());
            assertEquals("ANSWERED", cdr.getString("disposition"));
        });
    }

    @Test
    void aCallerThatRefreshesKeepsItsCallBeyondTheInterval() throws Exception {
        Instant start = Instant.now();
        call("call-uac-refreshes.xml", "callee-refreshed.xml", "833", "834", 16933, (caller, callee) -> {
            assertTrue(caller.passed(), "caller (its UPDATEs answered, no BYE from Ponte): " + caller.log());
            assertTrue(callee.passed(), "callee (two UPDATEs relayed): " + callee.log());
            JsonObject cdr = AdminApi.newestCallRecord("833", start);
            assertEquals("CALLER", cdr.getString("hangupSide"), cdr.toString());
            assertTrue(cdr.getJsonNumber("durationMs").longValue() >= 11_000, cdr.toString());
        });
    }

    @Test
    void anIntervalBelowMinSeGets422NamingMinSe() throws Exception {
        call("call-uac-interval-too-small.xml", null, "835", "836", 16935, (caller, callee) ->
                assertTrue(caller.passed(), "caller (422 with Min-SE: 10): " + caller.log()));
    }

    @Test
    void aCalleeThatMakesPonteTheRefresherGetsUpdates() throws Exception {
        call("call-uac-long.xml", "callee-refreshed-by-ponte.xml", "837", "838", 16937, (caller, callee) -> {
            assertTrue(callee.passed(), "callee (an UPDATE from Ponte within 9 s): " + callee.log());
            assertTrue(caller.passed(), "caller: " + caller.log());
        }, "-d", "7000");
    }
}
