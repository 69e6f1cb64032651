package io.ponte.media.rtpengine.bencode;

/** Bytes that are not valid bencode, or a value that bencode cannot represent. */
public class BencodeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BencodeException(String message) {
        super(message);
    }
}
