package io.ponte.call;

/**
 * A call's identifier: the Call-ID of the INVITE that started it (RFC 3261 section 8.1.1.4). It names
 * the call in the API and in the call records, and the media server knows the call's media by it.
 */
public record CallId(String value) {

    /** Longest identifier accepted; Call-IDs are far shorter in practice. */
    private static final int MAX_LENGTH = 255;

    public CallId {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a call id is 1 to " + MAX_LENGTH + " characters, not blank");
        }
    }

    public static CallId of(String value) {
        return new CallId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
