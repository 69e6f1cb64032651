package io.ponte.media;

/** The media server answered, and refused: the SDP or the call was not acceptable to it (its own reason). */
public final class MediaRefusedException extends MediaException {

    private static final long serialVersionUID = 1L;

    public MediaRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
