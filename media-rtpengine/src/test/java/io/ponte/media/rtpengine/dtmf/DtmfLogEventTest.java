package io.ponte.media.rtpengine.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ponte.media.rtpengine.Golden;

/** rtpengine 10.5's DTMF log lines, captured from the real daemon ({@code --dtmf-log-dest}). */
class DtmfLogEventTest {

    @Test
    void aDigitPlayedIntoACallNamesItsSourceAndEveryTag() {
        DtmfLogEvent e = DtmfLogEvent.parse(Golden.text("dtmf-log.json"));
        assertEquals(new DtmfLogEvent("x2", "A", List.of("A", "B"), "127.0.0.1", 1, 100, 63), e);
        assertEquals('1', e.digit());
    }

    @Test
    void aPhonesDigitMayComeWithoutSourceTag() {
        DtmfLogEvent e = DtmfLogEvent.parse(Golden.text("dtmf-log-no-source-tag.json"));
        assertEquals("", e.sourceTag());
        assertEquals('#', e.digit());
        assertEquals(80, e.durationMillis());
    }

    @Test
    void digitsMapToRfc4733EventCodesAndBack() {
        String all = "0123456789*#ABCD";
        for (int i = 0; i < all.length(); i++) {
            assertEquals(i, DtmfLogEvent.eventOf(all.charAt(i)));
            assertEquals(all.charAt(i), new DtmfLogEvent("c", "", List.of(), null, i, 0, 0).digit());
        }
        assertEquals(10, DtmfLogEvent.eventOf('*'));
        assertEquals(-1, DtmfLogEvent.eventOf('x'));
        assertEquals('?', new DtmfLogEvent("c", "", List.of(), null, 16, 0, 0).digit(), "16 is flash, not a digit");
    }

    @Test
    void escapesAndSpacingAreRead() {
        DtmfLogEvent e = DtmfLogEvent.parse("{ \"callid\" : \"a\\\"b\\u0041\", \"tags\" : [ ], \"event\" : 5 }");
        assertEquals("a\"bA", e.callId());
        assertEquals('5', e.digit());
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DtmfLogEvent.parse("{\"event\":5}"));
        assertThrows(IllegalArgumentException.class, () -> DtmfLogEvent.parse("{\"callid\":\"x\",\"event\":5"));
        assertThrows(IllegalArgumentException.class, () -> DtmfLogEvent.parse("[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> DtmfLogEvent.parse("{\"callid\":\"x\",\"event\":true}"));
    }
}
