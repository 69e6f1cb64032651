package io.ponte.media;

/**
 * The audio one side of a call sent: RTP packets, bytes and errors the media server counted from it, and,
 * when the receiving phone sent RTCP reports (RFC 3550 section 6.4), the packets it lost, the jitter (ms)
 * and the MOS (1.0 to 5.0) the media server scored from them.
 */
public record MediaCounters(long packets, long bytes, long errors, Long lost, Long jitterMillis, Double mos) {

    /** Counters without receive quality (no RTCP reports). */
    public MediaCounters(long packets, long bytes, long errors) {
        this(packets, bytes, errors, null, null, null);
    }
}
