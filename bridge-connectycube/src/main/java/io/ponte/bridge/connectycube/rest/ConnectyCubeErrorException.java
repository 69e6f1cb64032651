package io.ponte.bridge.connectycube.rest;

/**
 * ConnectyCube answered with an HTTP error status (ConnectyCube Server API, "Response": 4xx/5xx with
 * an {@code errors} body, either a list of messages or an object of lists). A failure on the far side:
 * the same request will fail the same way, except {@link #isSessionExpired()}, which a new session cures.
 * The body never holds the request's secrets, but is cut to 2,000 characters.
 */
public class ConnectyCubeErrorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int status;
    private final String errors;

    public ConnectyCubeErrorException(String operation, int status, String errors) {
        super(operation + " refused with HTTP " + status + ": " + errors);
        this.operation = operation;
        this.status = status;
        this.errors = errors;
    }

    /** What was asked, e.g. {@code POST /session}. */
    public String operation() {
        return operation;
    }

    public int status() {
        return status;
    }

    /** ConnectyCube's {@code errors}, as compact JSON (or the raw body if it was not JSON). */
    public String errors() {
        return errors;
    }

    /** 401 with "Required session does not exist": the token expired or was destroyed. */
    public boolean isSessionExpired() {
        return status == 401 && errors.contains("Required session does not exist");
    }
}
