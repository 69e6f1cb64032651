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
 * @param ssrcs    receive quality per RTP source (SSRC), for the sources whose receivers sent RTCP
 *                 reports rtpengine could match to a sender report; empty when the phones send no RTCP
 */
public record CallStats(long created, Map<String, TagStats> tags, Counters rtpTotal, Counters rtcpTotal,
                        Map<Long, SsrcQuality> ssrcs) {

    /**
     * How one RTP source was received, from the RTCP receiver reports about it (RFC 3550 section 6.4.1)
     * as rtpengine summarised them (its "SSRC" dictionary: the "average MOS" and "lowest MOS" entries).
     *
     * @param cumulativeLoss    packets lost, as the receiver last reported
     * @param averageMos        mean opinion score over the call, 1.0 to 5.0
     * @param lowestMos         the worst score reported
     * @param jitterMillis      average interarrival jitter, milliseconds
     * @param packetLossPercent average fraction lost, percent
     * @param roundTripMicros   average round-trip time, microseconds
     */
    public record SsrcQuality(long cumulativeLoss, double averageMos, double lowestMos, long jitterMillis,
                              long packetLossPercent, long roundTripMicros) {
    }

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

    /**
     * One packet stream (RTP or RTCP) of a media section.
     *
     * @param ssrc the RTP source rtpengine saw arriving on this stream, 0 when none (or for RTCP)
     */
    public record StreamStats(long localPort, String endpoint, Counters counters, long lastPacket, long ssrc) {
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
        return new CallStats(num(reply.get("created")), tags, Counters.of(totals.get("RTP")), Counters.of(totals.get("RTCP")),
                ssrcs(reply.get("SSRC")));
    }

    /** The quality of what {@code tag} sent: its RTP stream's source, as its peer reported receiving it. */
    public SsrcQuality sentBy(String tag) {
        TagStats t = tags.get(tag);
        if (t == null) {
            return null;
        }
        for (MediaStats m : t.medias()) {
            for (StreamStats s : m.streams()) {
                if (s.ssrc() != 0 && ssrcs.containsKey(s.ssrc())) {
                    return ssrcs.get(s.ssrc());
                }
            }
        }
        return null;
    }

    private static Map<Long, SsrcQuality> ssrcs(Object dict) {
        Map<Long, SsrcQuality> out = new LinkedHashMap<>();
        if (dict instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> q && q.get("average MOS") instanceof Map<?, ?> avg) {
                    Map<?, ?> low = q.get("lowest MOS") instanceof Map<?, ?> l ? l : avg;
                    out.put(Long.parseLong(String.valueOf(e.getKey())), new SsrcQuality(num(q.get("cumulative loss")),
                            num(avg.get("MOS")) / 10.0, num(low.get("MOS")) / 10.0, num(avg.get("jitter")),
                            num(avg.get("packet loss")), num(avg.get("round-trip time"))));
                }
            }
        }
        return out;
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
                                        Counters.of(s.get("stats")), num(s.get("last packet")), num(s.get("SSRC"))));
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
