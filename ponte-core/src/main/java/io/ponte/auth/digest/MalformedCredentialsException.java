package io.ponte.auth.digest;

/** An {@code Authorization} header that cannot be read as a Digest credential. */
public class MalformedCredentialsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedCredentialsException(String message) {
        super(message);
    }
}
