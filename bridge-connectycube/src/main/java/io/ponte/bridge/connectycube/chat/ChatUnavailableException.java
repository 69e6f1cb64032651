package io.ponte.bridge.connectycube.chat;

/**
 * A chat stanza could not be sent: the connection is not online (it may be reconnecting), or the
 * transport failed while writing. A later try may work.
 */
public class ChatUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ChatUnavailableException(String message) {
        super(message);
    }

    public ChatUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
