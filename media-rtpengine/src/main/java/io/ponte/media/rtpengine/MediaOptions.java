package io.ponte.media.rtpengine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional keys of an {@code offer} or {@code answer} (ng protocol, "offer Message"), built up
 * fluently. Presets cover what Ponte does: anchoring plain RTP between SIP phones, and bridging a SIP
 * phone's plain RTP to a WebRTC peer's ICE and DTLS-SRTP.
 */
public final class MediaOptions {

    private final Map<String, Object> keys = new LinkedHashMap<>();

    private MediaOptions() {
    }

    public static MediaOptions none() {
        return new MediaOptions();
    }

    /**
     * Plain RTP/AVP on both sides, ICE removed, RTCP de-multiplexed, and the SDP's origin and
     * session-level connection rewritten so every address the phone sees is rtpengine's.
     */
    public static MediaOptions anchoredRtp() {
        return new MediaOptions()
                .set("replace", List.of("origin", "session-connection"))
                .set("ICE", "remove")
                .set("transport-protocol", "RTP/AVP")
                .set("rtcp-mux", List.of("demux"));
    }

    /**
     * With {@code inject-DTMF}: the leg's media passes rtpengine's codec layer, so that digits can be played
     * into the call later ({@link RtpengineClient#playDtmf}). That costs rtpengine CPU on every packet.
     */
    public MediaOptions injectDtmf() {
        return flag("inject-DTMF");
    }

    /**
     * Towards a WebRTC peer (a browser or app, RFC 8827/8834): ICE with rtpengine as the only candidate,
     * DTLS-SRTP over {@code UDP/TLS/RTP/SAVPF} (no SDES keys in the SDP), RTP and RTCP on one port, and the
     * codecs Opus first, then PCMU, PCMA and telephone-events. A browser answers with the first it
     * supports, so the WebRTC leg, the one that crosses the internet, speaks Opus with its loss
     * concealment and in-band FEC (RFC 7587), and rtpengine transcodes it to and from the phone's codec.
     * In an answer towards a browser that offered G.711 too, rtpengine passes the phone's G.711 through.
     */
    public static MediaOptions webrtc() {
        return new MediaOptions()
                .set("replace", List.of("origin", "session-connection"))
                .set("ICE", "force")
                .set("transport-protocol", "UDP/TLS/RTP/SAVPF")
                .set("SDES", List.of("off"))
                .set("rtcp-mux", List.of("require"))
                .set("codec", Map.of("mask", List.of("all"),
                        "transcode", List.of("opus/48000/2", "PCMU", "PCMA", "telephone-event")));
    }

    /**
     * Towards a SIP phone when the other side is a WebRTC peer: as {@link #anchoredRtp()}, with G.711
     * (PCMU, PCMA) offered even when the peer offered only Opus, rtpengine transcoding between them.
     * A browser's SDP says {@code c=IN IP4 0.0.0.0} until its candidates are known (RFC 8839 section 4.3.1);
     * rtpengine would pass that on as an old-style hold (RFC 3264 section 8.4), so the zero address is
     * replaced by rtpengine's own and the direction attribute is relayed as the peer wrote it.
     */
    public static MediaOptions rtpFromWebrtc() {
        return new MediaOptions()
                .set("replace", List.of("origin", "session-connection", "zero-address"))
                .set("ICE", "remove")
                .set("transport-protocol", "RTP/AVP")
                .set("rtcp-mux", List.of("demux"))
                .set("DTLS", "off")
                .set("codec", Map.of("transcode", List.of("PCMU", "PCMA")))
                .flag("original-sendrecv");
    }

    /**
     * A trickled ICE candidate of a WebRTC peer (RFC 8840 SDP fragment: {@code a=ice-ufrag}, {@code a=mid},
     * {@code a=candidate} lines), handed to rtpengine in an {@code offer} with the {@code fragment} flag and
     * the peer's tag as {@code from-tag}.
     */
    static MediaOptions trickleFragment() {
        return new MediaOptions().flag("fragment");
    }

    /** Sets any ng key; a null value removes it. */
    public MediaOptions set(String key, Object value) {
        if (value == null) {
            keys.remove(key);
        } else {
            keys.put(key, value);
        }
        return this;
    }

    /** Adds to the {@code flags} list (e.g. {@code trust-address}, {@code symmetric-codecs}). */
    @SuppressWarnings("unchecked")
    public MediaOptions flag(String flag) {
        List<Object> flags = (List<Object>) keys.computeIfAbsent("flags", k -> new java.util.ArrayList<>());
        if (!flags.contains(flag)) {
            flags.add(flag);
        }
        return this;
    }

    Map<String, Object> keys() {
        return keys;
    }
}
