package io.ponte.media;

import java.util.regex.Pattern;

/**
 * An SDP for a WebRTC peer as rtpengine writes it, adjusted in two ways rtpengine 10.5 has no option for.
 *
 * <p>It says {@code a=ice-options:trickle} (RFC 8840 section 4.1): rtpengine takes trickled candidates
 * (as SDP fragments), and a browser SDK such as ConnectyCube's only trickles its candidates to a peer whose
 * description says so; otherwise they stay with the browser and rtpengine learns the browser's address only
 * from its connectivity checks.
 *
 * <p>rtpengine copies a phone's {@code a=ssrc} lines (RFC 5576) into the SDP it writes for the browser,
 * but when it transcodes it sends the browser its own, new SSRC. The browser ties the remote track to
 * the announced SSRC, so the transcoded stream it does receive is played on no track: silence (found with
 * rtpengine 10.5 and Chromium 156). Without {@code a=ssrc} lines the browser takes the stream it gets
 * (RFC 8843 and JSEP's unsignaled-SSRC handling), transcoded or not.
 */
final class WebrtcSdp {

    private static final Pattern SSRC_LINES = Pattern.compile("(?m)^a=ssrc(-group)?:[^\r\n]*(\r\n|\n)");
    private static final Pattern TIMING_LINE = Pattern.compile("(?m)^t=[^\r\n]*(\r\n|\n)");

    /** {@code sdp} without SSRC lines, and saying it takes trickled candidates. */
    static String forWebrtcPeer(String sdp) {
        String out = withoutSsrc(sdp);
        if (out.contains("a=ice-options:")) {
            return out;
        }
        var t = TIMING_LINE.matcher(out);
        return t.find() ? out.substring(0, t.end()) + "a=ice-options:trickle" + t.group(1) + out.substring(t.end()) : out;
    }

    private WebrtcSdp() {
    }

    /** {@code sdp} without its {@code a=ssrc:} and {@code a=ssrc-group:} lines. */
    static String withoutSsrc(String sdp) {
        return SSRC_LINES.matcher(sdp).replaceAll("");
    }
}
