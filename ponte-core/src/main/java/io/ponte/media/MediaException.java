package io.ponte.media;

/**
 * Why the media server did not anchor, re-negotiate or release a call's media. One of two kinds, so a
 * caller can answer each properly (a SIP {@code 488} for a refusal, {@code 503} with {@code Retry-After}
 * when it is unreachable).
 */
public abstract sealed class MediaException extends Exception permits MediaRefusedException, MediaUnavailableException {

    private static final long serialVersionUID = 1L;

    MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
