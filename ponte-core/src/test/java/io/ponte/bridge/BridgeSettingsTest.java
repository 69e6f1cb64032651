package io.ponte.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The bridge is on only when everything it needs is set, and says what is missing otherwise. */
class BridgeSettingsTest {

    private static final Map<String, String> FULL = Map.of(
            "CONNECTYCUBE_APP_ID", "385", "CONNECTYCUBE_AUTH_KEY", "key-Abc123", "CONNECTYCUBE_AUTH_SECRET", "secret-Xyz789",
            "CONNECTYCUBE_API_URL", "https://127.0.0.1:18443", "CONNECTYCUBE_CHAT_HOST", "chat.ponte.test");

    @Test
    void withoutAnySettingTheBridgeIsOff() {
        BridgeSettings s = BridgeSettings.from(name -> null);
        assertEquals(BridgeSettings.Status.OFF, s.status());
        assertEquals(4, s.missing().size());
    }

    @Test
    void someSettingsNameWhatIsMissing() {
        BridgeSettings s = BridgeSettings.from(Map.of("CONNECTYCUBE_APP_ID", "385", "CONNECTYCUBE_API_URL", " ")::get);
        assertEquals(BridgeSettings.Status.INCOMPLETE, s.status());
        assertEquals(List.of("CONNECTYCUBE_AUTH_KEY", "CONNECTYCUBE_API_URL", "CONNECTYCUBE_CHAT_HOST"), s.missing());
    }

    @Test
    void everythingSetIsConfiguredWithConnectyCubesDocumentedChatPort() {
        BridgeSettings s = BridgeSettings.from(FULL::get);
        assertEquals(BridgeSettings.Status.CONFIGURED, s.status());
        assertEquals(5223, s.chatPort());
        assertEquals("direct", s.chatTls());
        assertFalse(s.toString().contains("key-Abc123") || s.toString().contains("secret-Xyz789"), s.toString());
        assertEquals(5222, BridgeSettings.from(name -> name.equals("CONNECTYCUBE_CHAT_TLS") ? "STARTTLS" : FULL.get(name)).chatPort());
    }

    @Test
    void malformedValuesAreRefusedByName() {
        assertEquals("CONNECTYCUBE_CHAT_PORT must be a port number, not x",
                assertThrows(IllegalArgumentException.class, () -> BridgeSettings.from(
                        name -> name.equals("CONNECTYCUBE_CHAT_PORT") ? "x" : FULL.get(name))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BridgeSettings.from(
                name -> name.equals("CONNECTYCUBE_CHAT_TLS") ? "plain" : FULL.get(name)));
        assertThrows(IllegalArgumentException.class, () -> BridgeSettings.from(
                name -> name.equals("CONNECTYCUBE_APP_ID") ? "app" : FULL.get(name)));
    }
}
