package io.ponte.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class DtmfRelayTest {

    @Test
    void readsTheSignalAndDurationLines() {
        assertEquals(Optional.of(new DtmfRelay('5', 250)), DtmfRelay.parse("application/dtmf-relay", "Signal=5\r\nDuration=250\r\n"));
        assertEquals(Optional.of(new DtmfRelay('#', 160)), DtmfRelay.parse("Application/DTMF-Relay; charset=x", "Signal= #\n"));
        assertEquals(Optional.of(new DtmfRelay('*', 100)), DtmfRelay.parse("application/dtmf-relay", "Signal=10\nDuration=100"));
        assertEquals(Optional.of(new DtmfRelay('B', 160)), DtmfRelay.parse("application/dtmf-relay", "Signal=b"));
    }

    @Test
    void readsTheBareDigitForm() {
        assertEquals(Optional.of(new DtmfRelay('7', 160)), DtmfRelay.parse("application/dtmf", "7\r\n"));
    }

    @Test
    void durationsAreKeptWithinReason() {
        assertEquals(5000, DtmfRelay.parse("application/dtmf-relay", "Signal=1\nDuration=99999").orElseThrow().durationMillis());
        assertEquals(40, DtmfRelay.parse("application/dtmf-relay", "Signal=1\nDuration=0").orElseThrow().durationMillis());
    }

    @Test
    void anythingElseIsNoDigit() {
        assertEquals(Optional.empty(), DtmfRelay.parse("application/sdp", "Signal=5"));
        assertEquals(Optional.empty(), DtmfRelay.parse("application/dtmf-relay", "Duration=100"));
        assertEquals(Optional.empty(), DtmfRelay.parse("application/dtmf-relay", "Signal=55"));
        assertEquals(Optional.empty(), DtmfRelay.parse("application/dtmf-relay", "Signal=5\nDuration=long"));
        assertEquals(Optional.empty(), DtmfRelay.parse(null, "Signal=5"));
    }
}
