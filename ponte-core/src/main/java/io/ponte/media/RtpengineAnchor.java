package io.ponte.media;

import io.ponte.call.Call;
import io.ponte.call.Side;
import io.ponte.config.PonteSettings;
import io.ponte.media.rtpengine.CallStats;
import io.ponte.media.rtpengine.MediaOptions;
import io.ponte.media.rtpengine.RtpengineErrorException;
import io.ponte.media.rtpengine.RtpengineUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * rtpengine as the media anchor (ng protocol {@code offer}/{@code answer}/{@code delete}): the call's id is
 * rtpengine's call-id, each leg's media tag its from-tag or to-tag. What an SDP becomes depends on the leg
 * that receives it: a SIP phone gets plain RTP/AVP with rtpengine's addresses (G.711 added when the other
 * leg is WebRTC, rtpengine transcoding); a ConnectyCube leg gets WebRTC (ICE, DTLS-SRTP, Opus added).
 */
@ApplicationScoped
public class RtpengineAnchor implements MediaAnchor {

    @Inject
    MediaServer server;

    /** PONTE_DTMF_INJECT: SIP legs' media set up so that digits can be played into it (rtpengine {@code inject-DTMF}). */
    private final boolean injectDtmf = injectSetting(PonteSettings.runtimeValue("PONTE_DTMF_INJECT"));

    /** {@code true} unless {@code value} is {@code false}. */
    static boolean injectSetting(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.strip().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("PONTE_DTMF_INJECT must be true or false, not '" + value + "'");
    }

    @Override
    public boolean playsDtmf() {
        return injectDtmf;
    }

    @Override
    public String offer(Call call, Side from, String sdp) throws MediaException {
        try {
            return forLeg(call, from.other(),
                    server.client().offer(call.id().value(), call.leg(from).mediaTag(), sdp, towards(call, from.other())).sdp());
        } catch (RtpengineErrorException e) {
            throw new MediaRefusedException(e.errorReason(), e);
        } catch (RtpengineUnavailableException e) {
            throw new MediaUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public String answer(Call call, Side from, String sdp) throws MediaException {
        try {
            return forLeg(call, from.other(), server.client().answer(call.id().value(), call.leg(from.other()).mediaTag(),
                    call.leg(from).mediaTag(), sdp, towards(call, from.other()).set("codec", null).set("transport-protocol", null)).sdp());
        } catch (RtpengineErrorException e) {
            throw new MediaRefusedException(e.errorReason(), e);
        } catch (RtpengineUnavailableException e) {
            throw new MediaUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public void trickle(Call call, Side from, String sdpFragment) throws MediaException {
        try {
            server.client().trickle(call.id().value(), call.leg(from).mediaTag(), sdpFragment);
        } catch (RtpengineErrorException e) {
            throw new MediaRefusedException(e.errorReason(), e);
        } catch (RtpengineUnavailableException e) {
            throw new MediaUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public void playDtmf(Call call, Side from, char digit, int durationMillis) throws MediaException {
        try {
            server.client().playDtmf(call.id().value(), call.leg(from).mediaTag(), digit, durationMillis);
        } catch (RtpengineErrorException e) {
            throw new MediaRefusedException(e.errorReason(), e);
        } catch (RtpengineUnavailableException e) {
            throw new MediaUnavailableException(e.getMessage(), e);
        }
    }

    /**
     * The options for an SDP that {@code receiver}'s leg is given. In an answer the codecs are settled by
     * the offer (what it asked rtpengine to transcode), so answers carry no codec options, and the
     * transport protocol is the one that leg offered (RFC 3264 section 6): a phone that offered SRTP
     * (RTP/SAVP with SDES keys) gets SRTP back, its leg stays encrypted, whatever the other leg speaks.
     * SIP legs get {@code inject-DTMF} unless PONTE_DTMF_INJECT is false.
     */
    MediaOptions towards(Call call, Side receiver) {
        if (call.leg(receiver).kind().webrtc()) {
            return MediaOptions.webrtc();
        }
        MediaOptions rtp = call.leg(receiver.other()).kind().webrtc() ? MediaOptions.rtpFromWebrtc() : MediaOptions.anchoredRtp();
        return injectDtmf ? rtp.injectDtmf() : rtp;
    }

    /** rtpengine's SDP as {@code receiver}'s leg takes it: adjusted for a WebRTC peer ({@link WebrtcSdp}). */
    private static String forLeg(Call call, Side receiver, String sdp) {
        return call.leg(receiver).kind().webrtc() ? WebrtcSdp.forWebrtcPeer(sdp) : sdp;
    }

    @Override
    public MediaTotals release(Call call) throws MediaException {
        String callerTag = call.caller().mediaTag();
        CallStats stats;
        try {
            stats = server.client().delete(call.id().value(), callerTag);
        } catch (RtpengineErrorException e) {
            throw new MediaRefusedException(e.errorReason(), e);
        } catch (RtpengineUnavailableException e) {
            throw new MediaUnavailableException(e.getMessage(), e);
        }
        MediaCounters fromCaller = null;
        MediaCounters fromCallee = null;
        for (CallStats.TagStats tag : stats.tags().values()) {
            MediaCounters c = counters(tag, stats.sentBy(tag.tag()));
            if (tag.tag().equals(callerTag)) {
                fromCaller = c;
            } else if (!tag.tag().isEmpty()) {
                fromCallee = c;
            }
        }
        return new MediaTotals(fromCaller, fromCallee);
    }

    /** One side's RTP (the first stream of each medium; its RTCP follows it) and, if scored, its quality. */
    private static MediaCounters counters(CallStats.TagStats tag, CallStats.SsrcQuality quality) {
        long packets = 0;
        long bytes = 0;
        long errors = 0;
        for (CallStats.MediaStats m : tag.medias()) {
            if (!m.streams().isEmpty()) {
                CallStats.Counters c = m.streams().get(0).counters();
                packets += c.packets();
                bytes += c.bytes();
                errors += c.errors();
            }
        }
        if (quality == null) {
            return new MediaCounters(packets, bytes, errors);
        }
        return new MediaCounters(packets, bytes, errors, quality.cumulativeLoss(), quality.jitterMillis(),
                quality.averageMos());
    }
}
