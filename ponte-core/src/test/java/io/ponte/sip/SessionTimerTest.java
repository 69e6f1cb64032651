package io.ponte.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.ponte.sip.SessionTimer.Header;
import io.ponte.sip.SessionTimer.Settings;
import io.ponte.sip.SessionTimer.UasDecision;

/** RFC 4028 negotiation, both sides of the B2BUA. */
class SessionTimerTest {

    private static final Settings OURS = new Settings(1800, 90);

    @Test
    void headersAreParsedOrRefused() {
        assertEquals(Optional.of(new Header(1800, "uac")), Header.parse("1800;refresher=uac"));
        assertEquals(Optional.of(new Header(90, null)), Header.parse(" 90 "));
        assertEquals(Optional.of(new Header(600, "uas")), Header.parse("600 ; Refresher = UAS"));
        assertEquals(Optional.empty(), Header.parse("soon"));
        assertEquals(Optional.empty(), Header.parse("0"));
        assertEquals(Optional.empty(), Header.parse("600;refresher=both"));
        assertEquals(Optional.empty(), Header.parse(null));
        assertEquals("600;refresher=uas", new Header(600, "uas").toString());
    }

    @Test
    void aCallerThatSupportsTimersRefreshesUnlessItAsksPonteTo() {
        assertEquals(new UasDecision.Use(new SessionTimer(600, true), new Header(600, "uac"), true),
                SessionTimer.asUas("600", true, true, OURS));
        assertEquals(new UasDecision.Use(new SessionTimer(600, false), new Header(600, "uas"), true),
                SessionTimer.asUas("600;refresher=uas", true, true, OURS));
        assertEquals(new UasDecision.Use(new SessionTimer(1800, true), new Header(1800, "uac"), true),
                SessionTimer.asUas(null, true, false, OURS), "no interval asked: Ponte's");
    }

    @Test
    void anIntervalBelowMinSeIsRefusedWith422() {
        assertEquals(new UasDecision.TooSmall(90), SessionTimer.asUas("60;refresher=uac", true, true, OURS));
    }

    @Test
    void aCallerWithoutTimerSupportIsRefreshedByPonteIfItTakesUpdate() {
        assertEquals(new UasDecision.Use(new SessionTimer(1800, false), new Header(1800, "uas"), false),
                SessionTimer.asUas(null, false, true, OURS));
        assertEquals(new UasDecision.None(), SessionTimer.asUas(null, false, false, OURS));
        assertEquals(new UasDecision.None(), SessionTimer.asUas("600", false, false, OURS));
    }

    @Test
    void theCalleesAnswerSaysWhoRefreshesItsLeg() {
        assertEquals(Optional.of(new SessionTimer(900, true)), SessionTimer.asUac("900;refresher=uas", false, OURS));
        assertEquals(Optional.of(new SessionTimer(900, false)), SessionTimer.asUac("900;refresher=uac", false, OURS));
        assertEquals(Optional.of(new SessionTimer(1800, false)), SessionTimer.asUac(null, true, OURS));
        assertEquals(Optional.empty(), SessionTimer.asUac(null, false, OURS));
    }

    @Test
    void theNonRefresherGivesUpAThirdOr32SecondsBeforeTheEnd() {
        assertEquals(1768, new SessionTimer(1800, true).expiresAfterSeconds());
        assertEquals(60, new SessionTimer(90, true).expiresAfterSeconds());
        assertEquals(7, new SessionTimer(10, true).expiresAfterSeconds());
        assertEquals(900, new SessionTimer(1800, false).refreshAfterSeconds());
    }
}
