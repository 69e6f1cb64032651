package io.ponte.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpengineAnchorTest {

    @Test
    void digitInjectionIsOnUnlessTurnedOffAndAnythingElseNamesTheSetting() {
        assertTrue(RtpengineAnchor.injectSetting(null));
        assertTrue(RtpengineAnchor.injectSetting(""));
        assertTrue(RtpengineAnchor.injectSetting("TRUE"));
        assertFalse(RtpengineAnchor.injectSetting(" false "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RtpengineAnchor.injectSetting("off"));
        assertTrue(e.getMessage().contains("PONTE_DTMF_INJECT"), e.getMessage());
    }
}
