package io.ponte.media.rtpengine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What rtpengine reports about a call in a {@code query} or {@code delete} reply (ng protocol, "query
 * Message"): packet counters per SIP tag and stream, and the totals.
 *
 * @param created  creation time, UNIX seconds
 * @param tags     per SIP tag, in the order rtpengine listed them
 * @param rtpTotal RTP totals over all streams
 * @param rtcpTotal RTCP totals over all streams
 */
public record CallStats(long created, Map<String, TagStats> tags, Counters rtpTotal, Counters rtcpTotal) {

    /** Packets, bytes and errors of one stream or of a total. */
    public record Counters(long packets, long bytes, long errors) {
        static final Counters ZERO = new Counters(0, 0, 0);

        static Counters of(Object dict) {
            if (!(dict instanceof Map<?, ?> m)) {
                return ZERO;
            }
            return new Counters(num(m.get("packets")), num(m.get("bytes")), num(m.get("errors")));
        }
    }

    /** One packet stream (RTP or RTCP) of a media section. */
    public record StreamStats(long localPort, String endpoint, Counters counters, long lastPacket) {
    }

    /** One SDP media section of a tag. */
    public record MediaStats(int index, String type, String protocol, List<StreamStats> streams) {
    }

    /** One side of the call, named by its SIP tag. */
    public record TagStats(String tag, String inDialogueWith, List<MediaStats> medias) {
    }

    /** Reads the statistics out of a {@code query} or {@code delete} reply dictionary. */
    static CallStats from(Map<String, Object> reply) {
        Map<String, TagStats> tags = new LinkedHashMap<>();
        if (reply.get("tags") instanceof Map<?, ?> tagMap) {
            for (Map.Entry<?, ?> e : tagMap.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> t) {
                    tags.put(String.valueOf(e.getKey()), tag(String.valueOf(e.getKey()), t));
                }
            }
        }
        Map<?, ?> totals = reply.get("totals") instanceof Map<?, ?> m ? m : Map.of();
        return new CallStats(num(reply.get("created")), tags, Counters.of(totals.get("RTP")), Counters.of(totals.get("RTCP")));
    }

    private static TagStats tag(String tag, Map<?, ?> t) {
        List<MediaStats> medias = new ArrayList<>();
        if (t.get("medias") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    List<StreamStats> streams = new ArrayList<>();
                    if (m.get("streams") instanceof List<?> sl) {
                        for (Object so : sl) {
                            if (so instanceof Map<?, ?> s) {
                                streams.add(new StreamStats(num(s.get("local port")), endpoint(s.get("endpoint")),
                                        Counters.of(s.get("stats")), num(s.get("last packet"))));
                            }
                        }
                    }
                    medias.add(new MediaStats((int) num(m.get("index")), str(m.get("type")), str(m.get("protocol")), streams));
                }
            }
        }
        return new TagStats(tag, str(t.get("in dialogue with")), medias);
    }

    private static String endpoint(Object o) {
        if (o instanceof Map<?, ?> m && m.get("address") != null) {
            return m.get("address") + ":" + num(m.get("port"));
        }
        return null;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
