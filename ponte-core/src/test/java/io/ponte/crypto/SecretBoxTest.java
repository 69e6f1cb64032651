package io.ponte.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Sealed secrets open only with the same key and purpose, and never show the secret. */
class SecretBoxTest {

    private static final String KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    private static final String PURPOSE = "connectycube-password";

    private final SecretBox box = SecretBox.ofBase64Key(KEY);

    @Test
    void aSealedSecretOpensWithTheSameKeyAndPurpose() {
        String sealed = box.seal("ana's cc pässword", PURPOSE);
        assertTrue(sealed.startsWith("v1:"));
        assertFalse(sealed.contains("ana"));
        assertEquals("ana's cc pässword", SecretBox.ofBase64Key(KEY).open(sealed, PURPOSE));
    }

    @Test
    void everySealDiffers() {
        assertNotEquals(box.seal("same", PURPOSE), box.seal("same", PURPOSE));
    }

    @Test
    void anotherKeyAnotherPurposeOrATamperedValueDoNotOpen() {
        String sealed = box.seal("secret", PURPOSE);
        SecretBox other = SecretBox.ofBase64Key(SecretBox.newBase64Key());
        assertThrows(SecretUnreadableException.class, () -> other.open(sealed, PURPOSE));
        assertThrows(SecretUnreadableException.class, () -> box.open(sealed, "trunk-password"));
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        assertThrows(SecretUnreadableException.class, () -> box.open("v1:" + Base64.getEncoder().encodeToString(raw), PURPOSE));
        assertThrows(SecretUnreadableException.class, () -> box.open("secret", PURPOSE));
        assertThrows(SecretUnreadableException.class, () -> box.open("v1:AAAA", PURPOSE));
    }

    @Test
    void aKeyIsBase64Of32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> SecretBox.ofBase64Key("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> SecretBox.ofBase64Key(Base64.getEncoder().encodeToString(new byte[16])));
        assertEquals(32, Base64.getDecoder().decode(SecretBox.newBase64Key()).length);
        assertFalse(box.toString().contains(KEY));
    }
}
