package io.ponte.media;

/** The media server could not be asked: it did not answer in time, or could not be reached at all. */
public final class MediaUnavailableException extends MediaException {

    private static final long serialVersionUID = 1L;

    public MediaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
