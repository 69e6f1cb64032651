package io.ponte.call;

/** What carries a leg's signaling. Every kind's media passes the same {@link io.ponte.media.MediaAnchor}. */
public enum LegKind {
    /** A SIP dialog (RFC 3261) with a phone or softphone, one of Ponte's B2BUA legs. */
    SIP,
    /**
     * A ConnectyCube app user (a browser or a mobile app), signaled over the ConnectyCube chat, its media
     * WebRTC: ICE, DTLS-SRTP, Opus (RFC 8827, RFC 8834).
     */
    CONNECTYCUBE;

    /** True for a kind whose media is WebRTC rather than a phone's plain RTP. */
    public boolean webrtc() {
        return this == CONNECTYCUBE;
    }
}
