package io.ponte.media.rtpengine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional keys of an {@code offer} or {@code answer} (ng protocol, "offer Message"), built up
 * fluently. Presets cover what Ponte does: anchoring plain RTP between SIP phones.
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
