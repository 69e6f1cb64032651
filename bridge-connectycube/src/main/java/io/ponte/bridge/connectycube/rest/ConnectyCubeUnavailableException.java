package io.ponte.bridge.connectycube.rest;

/**
 * No usable answer came from ConnectyCube's API: the connection failed, the request timed out, the
 * thread was interrupted, or the answer was not what the API documents (malformed JSON, missing
 * fields). A local or transport failure: a later try may work.
 */
public class ConnectyCubeUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConnectyCubeUnavailableException(String message) {
        super(message);
    }

    public ConnectyCubeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
