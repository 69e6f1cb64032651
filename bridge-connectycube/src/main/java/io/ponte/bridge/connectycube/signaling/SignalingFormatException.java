package io.ponte.bridge.connectycube.signaling;

/** A chat stanza that claims to be call signaling but cannot be read as such; the message says why. */
public class SignalingFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SignalingFormatException(String message) {
        super(message);
    }

    public SignalingFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
