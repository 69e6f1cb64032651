package io.ponte.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ponte.auth.digest.DigestAlgorithm;

class PonteSettingsTest {

    private static final String STRONG = "Vq3r-8kLm2#tZp";

    @Test
    void defaultsAreTheDocumentedOnes() {
        PonteSettings s = PonteSettings.from(k -> null, Map.of("PONTE_ADMIN_PASSWORD", STRONG));
        assertEquals(5060, s.sipPort());
        assertEquals(100, s.extensionMin());
        assertEquals(999, s.extensionMax());
        assertEquals(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), s.digestAlgorithms());
        assertEquals("admin", s.adminUser());
        assertEquals(8192, s.sipMaxMessageSize());
    }

    @Test
    void systemPropertyBeatsEnvironment() {
        PonteSettings s = PonteSettings.from(Map.of("ponte.sip.port", "5070")::get,
                Map.of("PONTE_SIP_PORT", "5080", "PONTE_EXT_MIN", "200", "PONTE_DIGEST_ALGORITHMS", "md5", "PONTE_ADMIN_PASSWORD", STRONG));
        assertEquals(5070, s.sipPort());
        assertEquals(200, s.extensionMin());
        assertEquals(List.of(DigestAlgorithm.MD5), s.digestAlgorithms());
        assertTrue(s.inExtensionRange(200));
        assertFalse(s.inExtensionRange(199));
    }

    @Test
    void nonsenseIsRejectedNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PonteSettings.from(k -> null, Map.of("PONTE_SIP_PORT", "five", "PONTE_ADMIN_PASSWORD", STRONG)));
        assertTrue(e.getMessage().contains("PONTE_SIP_PORT"));
        assertThrows(IllegalArgumentException.class,
                () -> PonteSettings.from(k -> null, Map.of("PONTE_EXT_MIN", "500", "PONTE_EXT_MAX", "400", "PONTE_ADMIN_PASSWORD", STRONG)));
        assertThrows(IllegalArgumentException.class,
                () -> PonteSettings.from(k -> null, Map.of("PONTE_DIGEST_ALGORITHMS", "SHA-1", "PONTE_ADMIN_PASSWORD", STRONG)));
        e = assertThrows(IllegalArgumentException.class,
                () -> PonteSettings.from(k -> null, Map.of("PONTE_SIP_MAX_MESSAGE_SIZE", "1500", "PONTE_ADMIN_PASSWORD", STRONG)));
        assertTrue(e.getMessage().contains("PONTE_SIP_MAX_MESSAGE_SIZE"));
    }

    @Test
    void toStringHidesThePassword() {
        PonteSettings s = PonteSettings.from(k -> null, Map.of("PONTE_ADMIN_PASSWORD", "hunter2-secret-42"));
        assertFalse(s.toString().contains("hunter2"));
    }

    @Test
    void itDoesNotStartWithoutAStrongAdministratorPassword() {
        for (String weak : new String[] {"", "   ", "short-pw", "ponte-admin", "ponte-admin-2026", "PASSWORD1234", "aaaaaaaaaaaaaa",
                "adminadminadm"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PonteSettings.from(k -> null, Map.of("PONTE_ADMIN_PASSWORD", weak)), "refused: '" + weak + "'");
            assertTrue(e.getMessage().startsWith("PONTE_ADMIN_PASSWORD "), e.getMessage());
            assertFalse(!weak.isBlank() && e.getMessage().contains(weak), "the message never repeats the password: " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PonteSettings.from(k -> null, Map.of()), "unset");
        assertEquals(STRONG, PonteSettings.from(k -> null, Map.of("PONTE_ADMIN_PASSWORD", STRONG)).adminPassword());
    }
}
