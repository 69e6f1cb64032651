package io.ponte.bridge.call;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ponte.bridge.ChatConnections;
import io.ponte.bridge.connectycube.chat.ChatUnavailableException;
import io.ponte.bridge.connectycube.chat.ConnectyCubeChat;
import io.ponte.bridge.connectycube.signaling.CallContext;
import io.ponte.bridge.connectycube.signaling.CallType;
import io.ponte.bridge.connectycube.signaling.IceCandidate;
import io.ponte.bridge.connectycube.signaling.SignalingEnvelope;
import io.ponte.bridge.connectycube.signaling.SignalingMessage;
import io.ponte.bridge.connectycube.signaling.UserInfo;
import io.ponte.bridge.mapping.BridgeIdentity;
import io.ponte.bridge.mapping.MappingService;
import io.ponte.call.Call;
import io.ponte.call.CallState;
import io.ponte.call.EndedBy;
import io.ponte.call.Leg;
import io.ponte.call.LegKind;
import io.ponte.call.Side;
import io.ponte.media.MediaException;
import io.ponte.sip.Extension;
import io.ponte.sip.SipStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Calls across the bridge, in both directions, as ConnectyCube signaling sees them. Ponte is logged in to
 * the ConnectyCube chat as every mapped subscriber ({@link ChatConnections}); each 1:1 call session is an
 * {@link AppLeg} of a {@link Call}, found again by its session id when the app user's {@code accept},
 * {@code reject}, {@code hangUp} or {@code iceCandidates} arrive.
 * <ul>
 * <li>Phone to app: the SIP side prepares the callee's leg ({@link #appCallee}) and, with the offer
 * rtpengine turned into WebRTC, {@link #ring}s the app user from the calling subscriber's identity.</li>
 * <li>App to phone: a {@code call} to a mapped identity is handed to the {@link PhoneDialer}, which rings
 * the subscriber's phones.</li>
 * </ul>
 * Signaling is handled on one thread, in the order it arrived ({@link #onSignaling}).
 */
@ApplicationScoped
public class BridgeCalls {

    private static final Logger LOG = Logger.getLogger(BridgeCalls.class.getName());

    /** The callee's leg of a call to an app user, ready to ring, or why the app user cannot be rung. */
    public sealed interface AppCallee {
        record Ready(Leg leg) implements AppCallee {
        }

        record Refused(int status, String reason) implements AppCallee {
        }
    }

    @Inject
    ChatConnections chats;

    @Inject
    MappingService mappings;

    /** How long the id of a finished session is remembered, so that a late repeat of its call is not a new call. */
    static final Duration REMEMBER_FINISHED = Duration.ofMinutes(2);

    private final Map<String, AppLeg> sessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> finished = new ConcurrentHashMap<>();
    private volatile PhoneDialer dialer;

    /** The SIP side registers how it rings phones for calls from apps. */
    public void dialPhonesWith(PhoneDialer phoneDialer) {
        this.dialer = phoneDialer;
    }

    /**
     * The callee's leg of a call from subscriber {@code callerExtension} to the app user of {@code callee}:
     * the caller must have an identity in the apps to call from, and it must be online in the chat.
     */
    public AppCallee appCallee(String callerExtension, BridgeIdentity callee) {
        Optional<BridgeIdentity> from = mappings.identityOfExtension(Extension.parse(callerExtension));
        if (from.isEmpty()) {
            return new AppCallee.Refused(SipStatus.FORBIDDEN, "Forbidden (caller has no ConnectyCube identity)");
        }
        Optional<ConnectyCubeChat> chat = chats.online(from.get().connectycubeUserId());
        if (chat.isEmpty()) {
            return new AppCallee.Refused(SipStatus.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable (ConnectyCube chat offline)");
        }
        String sessionId = UUID.randomUUID().toString();
        long local = from.get().connectycubeUserId();
        long peer = callee.connectycubeUserId();
        AppLeg signaling = new AppLeg(Side.CALLEE, sessionId, CallContext.oneToOne(CallType.AUDIO, local, peer), local, peer,
                chat.get(), () -> over(sessionId));
        Leg leg = new Leg(Side.CALLEE, LegKind.CONNECTYCUBE, callee.extension(), peer, "app-" + peer, signaling);
        return new AppCallee.Ready(leg);
    }

    /**
     * Rings the app user of the call's callee leg: {@code call} with {@code offerSdp} (WebRTC, from the
     * media anchor) and the calling subscriber's name in {@code userInfo}.
     *
     * @throws ChatUnavailableException if the chat connection dropped meanwhile; nothing rings then
     */
    public void ring(Call call, String offerSdp, String callerName) throws ChatUnavailableException {
        AppLeg leg = (AppLeg) call.callee().signaling();
        leg.attach(call);
        sessions.put(leg.sessionId(), leg);
        try {
            leg.ring(offerSdp, UserInfo.of("name", callerName, "extension", call.caller().party()));
        } catch (ChatUnavailableException e) {
            over(leg.sessionId());
            throw e;
        }
    }

    /** Signaling that reached the mapped identity {@code receiver} (ConnectyCube user id). */
    public void onSignaling(long receiver, SignalingEnvelope envelope) {
        long sender;
        try {
            sender = envelope.fromUserId();
        } catch (RuntimeException e) {
            LOG.fine(() -> "signaling from an unreadable JID dropped: " + envelope.from());
            return;
        }
        SignalingMessage message = envelope.message();
        if (message instanceof SignalingMessage.Call c) {
            incoming(receiver, sender, c);
            return;
        }
        AppLeg leg = sessions.get(message.sessionId());
        if (leg == null || !leg.concerns(receiver, sender) || leg.call() == null) {
            return; // another call's, a copy of what Ponte itself sent to another mapped identity, or over
        }
        if (message instanceof SignalingMessage.Accept a) {
            accepted(leg, a);
        } else if (message instanceof SignalingMessage.Reject r) {
            rejected(leg, r);
        } else if (message instanceof SignalingMessage.HangUp) {
            hungUp(leg);
        } else if (message instanceof SignalingMessage.IceCandidates i) {
            trickled(leg, i);
        } else {
            LOG.fine(() -> message.signalType() + " in " + leg + " not supported; ignored");
        }
    }

    /** An app user calls a mapped identity: ring the subscriber's phones. */
    private void incoming(long receiver, long sender, SignalingMessage.Call c) {
        if (sessions.containsKey(c.sessionId()) || finished.containsKey(c.sessionId())) {
            return; // the SDK repeats its call until answered; or Ponte's own call seen by another identity
        }
        Optional<BridgeIdentity> callee = mappings.identityOfUser(receiver);
        Optional<ConnectyCubeChat> chat = chats.online(receiver);
        PhoneDialer d = dialer;
        if (callee.isEmpty() || chat.isEmpty() || d == null) {
            return;
        }
        Optional<BridgeIdentity> caller = mappings.identityOfUser(sender);
        String party = caller.map(BridgeIdentity::extension).orElse("cc-" + sender);
        String name = Optional.ofNullable(c.userInfo().get("name")).or(() -> caller.map(BridgeIdentity::displayName))
                .orElse("ConnectyCube " + sender);
        AppLeg signaling = new AppLeg(Side.CALLER, c.sessionId(), c.context(), receiver, sender, chat.get(),
                () -> over(c.sessionId()));
        signaling.peerSdp(c.sdp());
        sessions.put(c.sessionId(), signaling);
        Leg leg = new Leg(Side.CALLER, LegKind.CONNECTYCUBE, party, sender, "app-" + sender, signaling);
        LOG.fine(() -> "ConnectyCube user " + sender + " calls extension " + callee.get().extension() + " (session " + c.sessionId() + ")");
        Call call = d.dial(c.sessionId(), leg, callee.get().extension(), c.sdp(), name);
        if (call == null) {
            over(c.sessionId()); // the dialer failed before a call existed; it has told the app
        } else {
            signaling.attach(call);
        }
    }

    /** A session is over: forgotten, its id remembered for a while. */
    private void over(String sessionId) {
        sessions.remove(sessionId);
        Instant now = Instant.now();
        finished.put(sessionId, now);
        finished.values().removeIf(at -> at.isBefore(now.minus(REMEMBER_FINISHED)));
    }

    /** The app user Ponte called accepted: the phone gets the answer. */
    private void accepted(AppLeg leg, SignalingMessage.Accept a) {
        if (leg.side() != Side.CALLEE || !leg.peerAccepted()) {
            return;
        }
        leg.peerSdp(a.sdp());
        Call call = leg.call();
        String answer;
        try {
            answer = call.answer(Side.CALLEE, a.sdp());
        } catch (MediaException e) {
            LOG.warning(() -> "media answer of " + call + " failed: " + e.getMessage());
            call.hangUp(SipStatus.SERVICE_UNAVAILABLE, "Service Unavailable (media server)");
            return;
        }
        List<IceCandidate> early = leg.takeEarly();
        if (!early.isEmpty()) {
            trickle(leg, early);
        }
        if (call.caller().signaling().answer(answer)) {
            call.answered();
        } else {
            call.callee().signaling().hangUp(200, "caller gone");
        }
    }

    /** The app user Ponte called declined: the phone gets 486 for "busy", else 603. */
    private void rejected(AppLeg leg, SignalingMessage.Reject r) {
        if (leg.side() != Side.CALLEE || !leg.peerEnded()) {
            return;
        }
        boolean busy = "busy".equalsIgnoreCase(r.userInfo().get("reason"));
        int status = busy ? SipStatus.BUSY_HERE : SipStatus.DECLINE;
        Call call = leg.call();
        call.caller().signaling().hangUp(status, busy ? "Busy Here" : "Decline");
        call.end(status, EndedBy.CALLEE);
    }

    /** The app user hung up: BYE to an answered phone; before an answer, the call is cancelled or declined. */
    private void hungUp(AppLeg leg) {
        if (!leg.peerEnded()) {
            return;
        }
        Call call = leg.call();
        Side app = leg.side();
        Leg other = call.leg(app.other());
        if (call.state() == CallState.ANSWERED) {
            other.signaling().hangUp(200, "BYE");
            call.end(200, EndedBy.of(app));
        } else if (app == Side.CALLER) {
            other.signaling().hangUp(SipStatus.REQUEST_TERMINATED, "Request Terminated");
            call.end(SipStatus.REQUEST_TERMINATED, EndedBy.CALLER);
        } else {
            other.signaling().hangUp(SipStatus.DECLINE, "Decline");
            call.end(SipStatus.DECLINE, EndedBy.CALLEE);
        }
    }

    private void trickled(AppLeg leg, SignalingMessage.IceCandidates i) {
        if (!leg.keepIfEarly(i.candidates())) {
            trickle(leg, i.candidates());
        }
    }

    private void trickle(AppLeg leg, List<IceCandidate> candidates) {
        try {
            leg.call().trickle(leg.side(), leg.fragment(candidates));
        } catch (MediaException e) {
            LOG.log(Level.FINE, "trickled candidates of " + leg + " not taken by the media server", e);
        }
    }
}
