package io.ponte.media.rtpengine;

/**
 * No usable answer came from rtpengine: it did not respond before the timeout (after retransmissions),
 * the socket failed, or the client was closed. A local failure: the media server may be down or
 * unreachable, and another instance, or a later try, may work.
 */
public class RtpengineUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public RtpengineUnavailableException(String message) {
        super(message);
    }

    public RtpengineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
