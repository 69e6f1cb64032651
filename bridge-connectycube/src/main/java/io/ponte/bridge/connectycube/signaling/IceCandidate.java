package io.ponte.bridge.connectycube.signaling;

import java.util.Objects;

/**
 * One trickled ICE candidate as carried in {@code <iceCandidates><iceCandidate>}: the
 * {@code candidate} attribute line (RFC 8839 section 5.1, without the {@code a=}), the media stream
 * identification tag and the index of the m-line.
 *
 * <p>On the wire the SDK writes {@code sdpMLineIndex} 0 as an empty element (it formats
 * {@code value || ''}); receivers read empty as 0.
 */
public record IceCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
    public IceCandidate {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(sdpMid, "sdpMid");
        if (sdpMLineIndex < 0) {
            throw new IllegalArgumentException("sdpMLineIndex must not be negative");
        }
    }
}
