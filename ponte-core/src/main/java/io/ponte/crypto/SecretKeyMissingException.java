package io.ponte.crypto;

/** A password must be sealed but no (valid) PONTE_SECRET_KEY is configured. */
public class SecretKeyMissingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretKeyMissingException(String message) {
        super(message);
    }
}
