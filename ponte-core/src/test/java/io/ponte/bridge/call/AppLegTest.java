package io.ponte.bridge.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppLegTest {

    @ParameterizedTest(name = "SIP {0} -> reject reason {1}")
    @CsvSource({"486, busy", "600, busy", "603, declined", "480, no-answer", "408, no-answer", "487, cancelled",
            "503, unavailable", "500, unavailable", "404, not-reachable", "488, not-reachable"})
    void aFailedPhoneCallReachesTheAppAsAReason(int status, String reason) {
        assertEquals(reason, AppLeg.rejectReason(status));
    }
}
