package io.ponte.media;

import java.util.regex.Pattern;

/**
 * What an SDP for a WebRTC peer must not carry, removed after rtpengine has written it.
 *
 * <p>rtpengine copies a phone's {@code a=ssrc} lines (RFC 5576) into the SDP it writes for the browser,
 * but when it transcodes it sends the browser its own, new SSRC. The browser ties the remote track to
 * the announced SSRC, so the transcoded stream it does receive is played on no track: silence (found with
 * rtpengine 10.5 and Chromium 156). Without {@code a=ssrc} lines the browser takes the stream it gets
 * (RFC 8843 and JSEP's unsignaled-SSRC handling), transcoded or not.
 */
final class WebrtcSdp {

    private static final Pattern SSRC_LINES = Pattern.compile("(?m)^a=ssrc(-group)?:[^\r\n]*(\r\n|\n)");

    private WebrtcSdp() {
    }

    /** {@code sdp} without its {@code a=ssrc:} and {@code a=ssrc-group:} lines. */
    static String withoutSsrc(String sdp) {
        return SSRC_LINES.matcher(sdp).replaceAll("");
    }
}
