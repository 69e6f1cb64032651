package io.ponte.media.rtpengine;

/**
 * rtpengine answered, and the answer was {@code "result": "error"} with an {@code error-reason}
 * (ng protocol, "The response dictionary must contain at least one key called result"). A failure on
 * the far side: retrying the same request will fail the same way.
 */
public class RtpengineErrorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final String errorReason;

    public RtpengineErrorException(String command, String errorReason) {
        super("rtpengine refused " + command + ": " + errorReason);
        this.command = command;
        this.errorReason = errorReason;
    }

    public String command() {
        return command;
    }

    /** The {@code error-reason} rtpengine gave, verbatim. */
    public String errorReason() {
        return errorReason;
    }
}
