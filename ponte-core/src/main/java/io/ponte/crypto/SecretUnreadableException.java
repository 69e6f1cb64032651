package io.ponte.crypto;

/** A sealed secret could not be opened: another key (PONTE_SECRET_KEY changed), another purpose, or altered. */
public class SecretUnreadableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretUnreadableException(String message) {
        super(message);
    }
}
