package io.ponte.sip.call;

import java.util.List;
import java.util.Optional;

import io.ponte.auth.digest.DigestAuthenticator;
import io.ponte.auth.digest.DigestAuthenticator.Decision;
import io.ponte.auth.digest.DigestSetup;
import io.ponte.call.ActiveCalls;
import io.ponte.call.CallRouting;
import io.ponte.cdr.CallDetail;
import io.ponte.cdr.CdrRecorder;
import io.ponte.media.rtpengine.CallStats;
import io.ponte.media.MediaServer;
import io.ponte.media.rtpengine.MediaOptions;
import io.ponte.media.rtpengine.RtpengineErrorException;
import io.ponte.media.rtpengine.RtpengineUnavailableException;
import io.ponte.sip.Extension;
import io.ponte.stats.SipStatistics;
import io.ponte.subscriber.SubscriberDirectory;
import io.ponte.subscriber.SubscriberDirectory.Credentials;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** What the call servlet needs from the EE side: caller authentication, routing, media anchoring. */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CallFacade {

    /** How an INVITE's credentials stand. {@code challenges} is set for 407, {@code reason} for 403/404. */
    public record CallerCheck(int status, String reason, List<String> challenges) {
        public boolean accepted() {
            return status == 0;
        }
    }

    @Inject
    SubscriberDirectory directory;

    @Inject
    DigestSetup digest;

    @Inject
    CallRouting routing;

    @Inject
    MediaServer media;

    @Inject
    SipStatistics statistics;

    @Inject
    CdrRecorder recorder;

    @Inject
    ActiveCalls active;

    @Inject
    io.ponte.config.PonteSettings settings;

    /** Checks the Proxy-Authorization of an INVITE from {@code callerUser} (RFC 3261 section 22.3). */
    public CallerCheck checkCaller(String callerUser, String proxyAuthorization) {
        Optional<Credentials> caller;
        try {
            caller = directory.find(Extension.parse(callerUser));
        } catch (IllegalArgumentException e) {
            caller = Optional.empty();
        }
        if (caller.isEmpty()) {
            return new CallerCheck(403, "Forbidden (caller is not a subscriber)", List.of());
        }
        DigestAuthenticator auth = digest.authenticator();
        List<io.ponte.auth.digest.DigestAlgorithm> offered = auth.offeredTo(caller.get().digestAlgorithms());
        Decision d = auth.authenticate("INVITE", proxyAuthorization, new DigestAuthenticator.StoredSecret(
                caller.get().extension(), caller.get().ha1Md5(), caller.get().ha1Sha256()), offered);
        if (d instanceof Decision.Accepted) {
            return new CallerCheck(0, null, List.of());
        }
        if (d instanceof Decision.Challenge c) {
            return new CallerCheck(407, "Proxy Authentication Required", auth.challenges(c.stale(), offered));
        }
        statistics.authFailed();
        return d instanceof Decision.Malformed m ? new CallerCheck(400, m.why(), List.of())
                : new CallerCheck(403, "Forbidden (" + ((Decision.Forbidden) d).why() + ")", List.of());
    }

    public CallRouting.Route route(String targetUser) {
        return routing.route(targetUser);
    }

    /** rtpengine offer: the SDP to send to the callee. */
    public String offer(String callId, String fromTag, String sdp) throws RtpengineErrorException, RtpengineUnavailableException {
        return media.client().offer(callId, fromTag, sdp, MediaOptions.anchoredRtp()).sdp();
    }

    /** rtpengine answer: the SDP to send back to the caller. */
    public String answer(String callId, String fromTag, String toTag, String sdp)
            throws RtpengineErrorException, RtpengineUnavailableException {
        return media.client().answer(callId, fromTag, toTag, sdp, MediaOptions.anchoredRtp()).sdp();
    }

    /** What rtpengine received from each side of a call. */
    public record MediaTotals(CallDetail.MediaCounters fromCaller, CallDetail.MediaCounters fromCallee) {
    }

    /** rtpengine delete: the media ends, and its final counters come back. */
    public MediaTotals delete(String callId, String fromTag) throws RtpengineErrorException, RtpengineUnavailableException {
        CallStats stats = media.client().delete(callId, fromTag);
        CallDetail.MediaCounters caller = null;
        CallDetail.MediaCounters callee = null;
        for (CallStats.TagStats tag : stats.tags().values()) {
            CallDetail.MediaCounters c = rtp(tag, stats.sentBy(tag.tag()));
            if (fromTag.equals(tag.tag())) {
                caller = c;
            } else if (!tag.tag().isEmpty()) {
                callee = c;
            }
        }
        return new MediaTotals(caller, callee);
    }

    private static CallDetail.MediaCounters rtp(CallStats.TagStats tag, CallStats.SsrcQuality quality) {
        long packets = 0;
        long bytes = 0;
        long errors = 0;
        for (CallStats.MediaStats m : tag.medias()) {
            if (!m.streams().isEmpty()) {
                CallStats.Counters c = m.streams().get(0).counters(); // the RTP stream; RTCP follows it
                packets += c.packets();
                bytes += c.bytes();
                errors += c.errors();
            }
        }
        if (quality == null) {
            return new CallDetail.MediaCounters(packets, bytes, errors);
        }
        return new CallDetail.MediaCounters(packets, bytes, errors, quality.cumulativeLoss(), quality.jitterMillis(),
                quality.averageMos());
    }

    /** Queues the call's record; never blocks. */
    public void record(CallDetail detail) {
        active.ended(detail.callId(), detail.disposition());
        recorder.record(detail);
    }

    public void started(String callId, String caller, String callee, String handle) {
        active.started(callId, caller, callee, handle);
    }

    public int ringTimeoutSeconds() {
        return settings.ringTimeoutSeconds();
    }

    public void answered(String callId) {
        active.answered(callId);
    }
}
