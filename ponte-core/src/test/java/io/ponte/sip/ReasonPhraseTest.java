package io.ponte.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReasonPhraseTest {

    @Test
    void aMultiLineTextBecomesOneLine() {
        assertEquals("Not Acceptable Here (Incomplete SDP specification)",
                ReasonPhrase.clean("Not Acceptable Here (Incomplete\r\nSDP\tspecification)\n", "Not Acceptable Here"));
    }

    @Test
    void controlCharactersAndSurroundingSpaceGo() {
        assertEquals("Bad Request", ReasonPhrase.clean("  \u0000Bad \u001b Request\u007f ", "x"));
    }

    @Test
    void nothingPrintableLeavesTheFallback() {
        assertEquals("Server Internal Error", ReasonPhrase.clean("\r\n\t", "Server Internal Error"));
        assertEquals("Server Internal Error", ReasonPhrase.clean(null, "Server Internal Error"));
    }

    @Test
    void longTextIsCutAndNonAsciiIsKept() {
        String cut = ReasonPhrase.clean("Ocupado ".repeat(40) + "ñ", "x");
        assertEquals(ReasonPhrase.MAX_LENGTH, cut.length());
        assertEquals("Ça sonne occupé", ReasonPhrase.clean("Ça sonne occupé", "x"));
    }

    @Test
    void aCleanPhraseIsRecognised() {
        assertTrue(ReasonPhrase.isClean("Busy Here"));
        assertFalse(ReasonPhrase.isClean("Busy\r\nHere"));
        assertFalse(ReasonPhrase.isClean(" Busy Here"));
    }
}
