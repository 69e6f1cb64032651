package io.ponte.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets that Ponte must be able to read back (a ConnectyCube user's password, a trunk's
 * credentials), as opposed to SIP passwords, which are only ever kept as digest hashes. AES-256 in GCM
 * mode (NIST SP 800-38D) with a fresh 96-bit nonce per seal; the {@code purpose} is authenticated with
 * the text, so a sealed value copied to another column does not open there. Sealed text reads
 * {@code v1:} followed by base64 of nonce, ciphertext and tag.
 */
public final class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A box for a key given as base64 of 32 random bytes (e.g. {@code openssl rand -base64 32}).
     *
     * @throws IllegalArgumentException if the text is not base64 of exactly 32 bytes
     */
    public static SecretBox ofBase64Key(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not base64", e);
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("the key must be " + KEY_BYTES + " bytes (base64 of 32 random bytes), not " + raw.length);
        }
        return new SecretBox(raw);
    }

    /** A new random key, as base64: what {@link #ofBase64Key} takes. */
    public static String newBase64Key() {
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Seals {@code secret} for {@code purpose}; every seal of the same text differs. */
    public String seal(String secret, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, purpose);
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Opens what {@link #seal} made for the same {@code purpose}.
     *
     * @throws SecretUnreadableException if it was sealed with another key or purpose, altered, or is not sealed text
     */
    public String open(String sealed, String purpose) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new SecretUnreadableException("not a sealed value");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadableException("not a sealed value");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadableException("sealed value too short");
        }
        byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, nonce, purpose);
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadableException("sealed with another key, for another purpose, or altered");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String purpose) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        return c;
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM]";
    }
}
