package io.ponte.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReplacesTest {

    @Test
    void anEscapedReferToHeaderValueIsUnescaped() {
        // as baresip and desk phones write it in Refer-To: <sip:203@pbx?Replaces=...>
        assertEquals(new Replaces("be283d03c65b8639@10.0.0.5", "as7f3c", "694f433e"),
                Replaces.parse("be283d03c65b8639%4010.0.0.5%3Bto-tag%3Das7f3c%3Bfrom-tag%3D694f433e"));
    }

    @Test
    void plainTextInAnyOrderWithOtherParameters() {
        assertEquals(new Replaces("425928@bobster.example.org", "7743", "6472"),
                Replaces.parse("425928@bobster.example.org;from-tag=6472;early-only;to-tag=7743"));
    }

    @Test
    void aMissingTagIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Replaces.parse("425928@bobster.example.org;to-tag=7743"));
        assertThrows(IllegalArgumentException.class, () -> Replaces.parse(""));
    }
}
