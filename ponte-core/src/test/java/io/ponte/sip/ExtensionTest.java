package io.ponte.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExtensionTest {

    @Test
    void digitsParse() {
        assertEquals(201, Extension.parse("201").number());
        assertEquals("0042", Extension.parse("0042").value());
    }

    @Test
    void anythingElseIsRejected() {
        for (String bad : new String[] {"", "20a", "+201", " 201", "1234567890123456"}) {
            assertThrows(IllegalArgumentException.class, () -> Extension.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Extension.parse(null));
    }

    @Test
    void aorHostsCompareCaseInsensitively() {
        assertEquals(new Aor("201", "Ponte.Local"), new Aor("201", "ponte.local"));
        assertEquals("201", new Aor("201", "h").extension().value());
    }
}
