package io.ponte.bridge.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ponte.bridge.connectycube.signaling.CallContext;
import io.ponte.bridge.connectycube.signaling.CallType;
import io.ponte.bridge.connectycube.signaling.IceCandidate;
import io.ponte.call.Side;

class AppLegTest {

    private static final IceCandidate HOST = new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "0", 0);

    private static AppLeg leg(Side side) {
        return new AppLeg(side, "s-1", CallContext.oneToOne(CallType.AUDIO, 1002, 1001), 1002, 1001, null, () -> { });
    }

    @Test
    void candidatesThatOvertakeTheAppsAcceptWaitForIt() {
        AppLeg called = leg(Side.CALLEE);
        assertTrue(called.keepIfEarly(List.of(HOST)), "kept while the app rings");
        assertTrue(called.peerAccepted());
        assertEquals(List.of(HOST), called.takeEarly());
        assertEquals(List.of(), called.takeEarly(), "handed over once");
        assertFalse(called.keepIfEarly(List.of(HOST)), "after the accept, candidates go straight on");
    }

    @Test
    void aCallingAppsCandidatesAreNeverHeldBack() {
        assertFalse(leg(Side.CALLER).keepIfEarly(List.of(HOST)), "its offer reached the media server with its call");
    }

    @ParameterizedTest(name = "SIP {0} -> reject reason {1}")
    @CsvSource({"486, busy", "600, busy", "603, declined", "480, no-answer", "408, no-answer", "487, cancelled",
            "503, unavailable", "500, unavailable", "404, not-reachable", "488, not-reachable"})
    void aFailedPhoneCallReachesTheAppAsAReason(int status, String reason) {
        assertEquals(reason, AppLeg.rejectReason(status));
    }
}
