package io.ponte.media.rtpengine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed commands of rtpengine's ng control protocol (rtpengine docs/ng_control_protocol.md): {@code ping},
 * {@code offer}, {@code answer}, {@code delete}, {@code query} and {@code list}. Each call blocks until
 * rtpengine replies or the timeout passes; failures come as {@link RtpengineErrorException} (rtpengine said
 * no) or {@link RtpengineUnavailableException} (no usable reply).
 */
public final class RtpengineClient implements AutoCloseable {

    /** A rewritten SDP body, and the {@code warning} rtpengine attached to an otherwise good reply. */
    public record SdpReply(String sdp, Optional<String> warning) {
    }

    private final NgClient ng;

    public RtpengineClient(NgClient ng) {
        this.ng = ng;
    }

    /** A client for {@code host:port} with the given timeout, retransmitting every 500 ms (at most 4 per timeout). */
    public static RtpengineClient connect(InetSocketAddress server, Duration timeout) throws IOException {
        Duration interval = Duration.ofMillis(Math.max(100, Math.min(500, timeout.toMillis() / 4)));
        return new RtpengineClient(new NgClient(server, timeout, interval));
    }

    /** Parses {@code host:port} as given in RTPENGINE_NG. */
    public static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** {@code ping}: succeeds when rtpengine answers {@code pong}. */
    public void ping() throws RtpengineErrorException, RtpengineUnavailableException {
        Map<String, Object> reply = ng.request(Map.of("command", "ping"));
        if (!"pong".equals(reply.get("result"))) {
            throw new RtpengineUnavailableException("ping answered " + reply.get("result") + " instead of pong");
        }
    }

    /** {@code offer}: anchors the media of the caller's SDP; returns the SDP to send to the callee. */
    public SdpReply offer(String callId, String fromTag, String sdp, MediaOptions options)
            throws RtpengineErrorException, RtpengineUnavailableException {
        Map<String, Object> req = base("offer", callId, fromTag, options);
        req.put("sdp", sdp);
        return sdpReply(ng.request(req));
    }

    /** {@code answer}: anchors the callee's SDP answer; returns the SDP to send back to the caller. */
    public SdpReply answer(String callId, String fromTag, String toTag, String sdp, MediaOptions options)
            throws RtpengineErrorException, RtpengineUnavailableException {
        Map<String, Object> req = base("answer", callId, fromTag, options);
        req.put("to-tag", toTag);
        req.put("sdp", sdp);
        return sdpReply(ng.request(req));
    }

    /**
     * Trickle ICE (RFC 8840): hands rtpengine candidates that the party tagged {@code fromTag} sent after
     * its SDP, as an SDP fragment ({@code a=ice-ufrag}, {@code a=mid}, {@code a=candidate} lines) in an
     * {@code offer} with the {@code fragment} flag. rtpengine keeps a fragment that arrives before the SDP
     * it belongs to until that SDP comes.
     */
    public void trickle(String callId, String fromTag, String fragment) throws RtpengineErrorException, RtpengineUnavailableException {
        Map<String, Object> req = base("offer", callId, fromTag, MediaOptions.trickleFragment());
        req.put("sdp", fragment);
        ng.request(req);
    }

    /**
     * {@code delete}: ends the call's media now ({@code delete delay} 0) and returns its final statistics.
     * An unknown call is not an error (rtpengine answers ok with a warning).
     */
    public CallStats delete(String callId, String fromTag) throws RtpengineErrorException, RtpengineUnavailableException {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("command", "delete");
        req.put("call-id", callId);
        req.put("from-tag", fromTag);
        req.put("delete delay", 0L);
        return CallStats.from(ng.request(req));
    }

    /**
     * {@code play DTMF} (ng protocol, "play DTMF Message"): rtpengine inserts one digit into the media that
     * the party tagged {@code fromTag} sends, as RFC 4733 telephone-events where the receiver negotiated
     * them and as in-band tones otherwise. The call's offer and answer must have carried the
     * {@code inject-DTMF} flag.
     *
     * @param digit 0-9, *, #, A-D
     */
    public void playDtmf(String callId, String fromTag, char digit, int durationMillis)
            throws RtpengineErrorException, RtpengineUnavailableException {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("command", "play DTMF");
        req.put("call-id", callId);
        req.put("from-tag", fromTag);
        req.put("code", String.valueOf(digit));
        req.put("duration", (long) durationMillis);
        ng.request(req);
    }

    /** {@code query}: the call's current statistics. */
    public CallStats query(String callId) throws RtpengineErrorException, RtpengineUnavailableException {
        return CallStats.from(ng.request(Map.of("command", "query", "call-id", callId)));
    }

    /** {@code list}: Call-IDs rtpengine holds, at most {@code limit}. */
    public List<String> list(int limit) throws RtpengineErrorException, RtpengineUnavailableException {
        Map<String, Object> reply = ng.request(Map.of("command", "list", "limit", (long) limit));
        List<String> out = new ArrayList<>();
        if (reply.get("calls") instanceof List<?> calls) {
            calls.forEach(c -> out.add(String.valueOf(c)));
        }
        return out;
    }

    private static Map<String, Object> base(String command, String callId, String fromTag, MediaOptions options) {
        Map<String, Object> req = new LinkedHashMap<>(options.keys());
        req.put("command", command);
        req.put("call-id", callId);
        req.put("from-tag", fromTag);
        return req;
    }

    private static SdpReply sdpReply(Map<String, Object> reply) throws RtpengineUnavailableException {
        Object sdp = reply.get("sdp");
        if (!(sdp instanceof String s)) {
            throw new RtpengineUnavailableException("rtpengine's reply has no sdp: " + reply.keySet());
        }
        return new SdpReply(s, Optional.ofNullable(reply.get("warning")).map(Object::toString));
    }

    @Override
    public void close() {
        ng.close();
    }
}
