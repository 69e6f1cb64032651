package io.ponte.bridge.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ponte.bridge.connectycube.chat.ChatUnavailableException;
import io.ponte.bridge.connectycube.chat.ConnectyCubeChat;
import io.ponte.bridge.connectycube.signaling.CallContext;
import io.ponte.bridge.connectycube.signaling.IceCandidate;
import io.ponte.bridge.connectycube.signaling.SignalingMessage;
import io.ponte.bridge.connectycube.signaling.UserInfo;
import io.ponte.call.Call;
import io.ponte.call.LegSignaling;
import io.ponte.call.Side;
import io.ponte.sip.SipStatus;

/**
 * A ConnectyCube leg of a call: one 1:1 audio call session of the ConnectyCube signaling ("Video Calling"
 * module, {@code WebRTCVideoChat}) between the identity Ponte speaks for ({@code local}) and an app user
 * ({@code peer}), over the chat connection of that identity. What the call asks of the leg becomes
 * {@code call}, {@code accept}, {@code reject} or {@code hangUp}; what the peer sends is matched to the
 * leg by its session id, sender and receiver ({@link #concerns}).
 */
public final class AppLeg implements LegSignaling {

    private static final Logger LOG = Logger.getLogger(AppLeg.class.getName());

    /** How far the session has got, from this leg's point of view. */
    enum State {
        /** Ponte called the app user (or the app user called Ponte) and nobody answered yet. */
        RINGING,
        /** {@code accept} was sent or received. */
        ANSWERED,
        /** {@code reject} or {@code hangUp} was sent or received. */
        ENDED
    }

    private final Side side;
    private final String sessionId;
    private final CallContext context;
    private final long local;
    private final long peer;
    private final ConnectyCubeChat chat;
    private final Runnable onRelease;
    /** The peer's ICE username fragment per media id (from its SDP), for trickled candidates. */
    private final Map<String, String> peerUfrags = new ConcurrentHashMap<>();
    private State state = State.RINGING;
    private volatile Call call;
    /** Candidates the peer trickled before its SDP reached the media server (an app's iceCandidates may overtake its accept). */
    private final List<IceCandidate> early = new ArrayList<>();

    AppLeg(Side side, String sessionId, CallContext context, long local, long peer, ConnectyCubeChat chat, Runnable onRelease) {
        this.side = side;
        this.sessionId = sessionId;
        this.context = context;
        this.local = local;
        this.peer = peer;
        this.chat = chat;
        this.onRelease = onRelease;
    }

    void attach(Call call) {
        this.call = call;
    }

    Call call() {
        return call;
    }

    Side side() {
        return side;
    }

    String sessionId() {
        return sessionId;
    }

    /** True when a message of this session from {@code sender} reached the identity {@code receiver}: this leg's. */
    boolean concerns(long receiver, long sender) {
        return receiver == local && sender == peer;
    }

    /** Remembers the ICE username fragments of an SDP the peer sent, to put its trickled candidates in context. */
    void peerSdp(String sdp) {
        peerUfrags.putAll(Sdp.iceUfrags(sdp));
    }

    /**
     * Keeps {@code candidates} for later if the media server has not had the peer's SDP yet (Ponte called
     * the app user, who has not accepted): a fragment before the answer would reach rtpengine as an offer
     * of its own and spoil the answer.
     *
     * @return true if they were kept
     */
    synchronized boolean keepIfEarly(List<IceCandidate> candidates) {
        if (side != Side.CALLEE || state != State.RINGING) {
            return false;
        }
        early.addAll(candidates);
        return true;
    }

    /** The candidates kept until the peer's SDP was through, now (once). */
    synchronized List<IceCandidate> takeEarly() {
        List<IceCandidate> out = List.copyOf(early);
        early.clear();
        return out;
    }

    /** The peer's trickled candidates as an RFC 8840 SDP fragment. */
    String fragment(List<IceCandidate> candidates) {
        return Sdp.fragment(candidates, peerUfrags);
    }

    /** Ponte calls the app user (this is the callee's leg): sends {@code call} with the WebRTC offer. */
    void ring(String offerSdp, UserInfo userInfo) throws ChatUnavailableException {
        chat.send(peer, new SignalingMessage.Call(sessionId, context, offerSdp, userInfo, SignalingMessage.PLATFORM_WEB));
    }

    /** The peer ended the session ({@code reject} or {@code hangUp} received). @return false if it had already ended */
    synchronized boolean peerEnded() {
        if (state == State.ENDED) {
            return false;
        }
        state = State.ENDED;
        return true;
    }

    /** The peer accepted Ponte's call. @return false unless the leg was still ringing */
    synchronized boolean peerAccepted() {
        if (state != State.RINGING) {
            return false;
        }
        state = State.ANSWERED;
        return true;
    }

    /** Caller's leg (the app called): the phone answered; {@code accept} carries the answer. */
    @Override
    public boolean answer(String sdp) {
        synchronized (this) {
            if (state != State.RINGING) {
                return false;
            }
            state = State.ANSWERED;
        }
        return send(new SignalingMessage.Accept(sessionId, context, sdp, UserInfo.EMPTY, SignalingMessage.PLATFORM_WEB));
    }

    /**
     * An established session gets {@code hangUp}. Before that, a calling app user whose call fails gets
     * {@code reject} with the reason ({@code busy}, {@code declined}, {@code no-answer}, {@code unavailable});
     * an app user Ponte is calling gets {@code hangUp}, as the SDK's caller sends when it stops calling.
     */
    @Override
    public void hangUp(int status, String reason) {
        State was;
        synchronized (this) {
            was = state;
            if (was == State.ENDED) {
                return;
            }
            state = State.ENDED;
        }
        if (was == State.RINGING && side == Side.CALLER) {
            send(new SignalingMessage.Reject(sessionId, context, UserInfo.of("reason", rejectReason(status)),
                    SignalingMessage.PLATFORM_WEB));
        } else {
            send(new SignalingMessage.HangUp(sessionId, context, UserInfo.EMPTY, SignalingMessage.PLATFORM_WEB));
        }
    }

    /** The reason an app is given when its call to a phone fails with SIP {@code status}. */
    static String rejectReason(int status) {
        return switch (status) {
            case SipStatus.BUSY_HERE, SipStatus.BUSY_EVERYWHERE -> "busy";
            case SipStatus.DECLINE -> "declined";
            case SipStatus.TEMPORARILY_UNAVAILABLE, 408 -> "no-answer";
            case SipStatus.REQUEST_TERMINATED -> "cancelled";
            default -> status >= 500 ? "unavailable" : "not-reachable";
        };
    }

    @Override
    public void release() {
        synchronized (this) {
            state = State.ENDED;
        }
        onRelease.run();
    }

    private boolean send(SignalingMessage message) {
        try {
            chat.send(peer, message);
            return true;
        } catch (ChatUnavailableException e) {
            LOG.log(Level.WARNING, "ConnectyCube " + message.signalType() + " for session " + sessionId + " to user " + peer
                    + " not sent: " + e.getMessage());
            return false;
        }
    }

    @Override
    public String toString() {
        return "ConnectyCube session " + sessionId + " (" + local + " <-> " + peer + ", " + side + ")";
    }
}
