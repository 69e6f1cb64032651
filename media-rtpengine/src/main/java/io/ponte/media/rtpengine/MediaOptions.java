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
     * Towards a WebRTC peer (a browser or app, RFC 8827/8834): ICE with rtpengine as the only candidate,
     * DTLS-SRTP over {@code UDP/TLS/RTP/SAVPF} (no SDES keys in the SDP), RTP and RTCP on one port, and
     * Opus added to what the other side offered, rtpengine transcoding where the two ends share no codec.
     */
    public static MediaOptions webrtc() {
        return new MediaOptions()
                .set("replace", List.of("origin", "session-connection"))
                .set("ICE", "force")
                .set("transport-protocol", "UDP/TLS/RTP/SAVPF")
                .set("SDES", List.of("off"))
                .set("rtcp-mux", List.of("require"))
                .set("codec", Map.of("transcode", List.of("opus/48000/2")));
    }

    /**
     * Towards a SIP phone when the other side is a WebRTC peer: as {@link #anchoredRtp()}, with G.711
     * (PCMU, PCMA) offered even when the peer offered only Opus, rtpengine transcoding between them.
     */
    public static MediaOptions rtpFromWebrtc() {
        return anchoredRtp().set("DTLS", "off").set("codec", Map.of("transcode", List.of("PCMU", "PCMA")));
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
