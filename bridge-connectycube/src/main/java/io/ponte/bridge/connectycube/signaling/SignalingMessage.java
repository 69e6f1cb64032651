package io.ponte.bridge.connectycube.signaling;

import java.util.List;
import java.util.Objects;

/**
 * One call signaling message of ConnectyCube's 1:1 WebRTC calls, as carried in the
 * {@code <extraParams>} of a {@code <message type="headline">} with {@code moduleIdentifier}
 * {@code WebRTCVideoChat} (ConnectyCube "Video Calling" signaling; the exact form is pinned by the
 * golden files captured from the JS SDK 6.1.2). Values are immutable and validated on construction;
 * {@link SignalingCodec} turns them into stanzas and back.
 *
 * <p>{@code platform} is what the sender says it is ({@code web}, {@code mobile}, {@code node} from the
 * JS SDK); it may be empty when a sender leaves it out.
 */
public sealed interface SignalingMessage {
    /** What Ponte puts in {@code platform}: it answers as a web client would. */
    String PLATFORM_WEB = "web";

    /** The call's id, a UUID chosen by whoever starts the call ({@code sessionID}). */
    String sessionId();

    SignalType signalType();

    String platform();

    /** The caller's offer: sent again every few seconds (with the same session id) until answered. */
    record Call(String sessionId, CallContext context, String sdp, UserInfo userInfo, String platform)
            implements SignalingMessage {
        public Call {
            requireCommon(sessionId, platform);
            Objects.requireNonNull(context, "context");
            requireSdp(sdp);
            userInfo = userInfo == null ? UserInfo.EMPTY : userInfo;
        }

        @Override
        public SignalType signalType() {
            return SignalType.CALL;
        }
    }

    /** The callee's answer. */
    record Accept(String sessionId, CallContext context, String sdp, UserInfo userInfo, String platform)
            implements SignalingMessage {
        public Accept {
            requireCommon(sessionId, platform);
            Objects.requireNonNull(context, "context");
            requireSdp(sdp);
            userInfo = userInfo == null ? UserInfo.EMPTY : userInfo;
        }

        @Override
        public SignalType signalType() {
            return SignalType.ACCEPT;
        }
    }

    /** The callee declines; {@code userInfo} carries whatever reason the app gave. */
    record Reject(String sessionId, CallContext context, UserInfo userInfo, String platform)
            implements SignalingMessage {
        public Reject {
            requireCommon(sessionId, platform);
            Objects.requireNonNull(context, "context");
            userInfo = userInfo == null ? UserInfo.EMPTY : userInfo;
        }

        @Override
        public SignalType signalType() {
            return SignalType.REJECT;
        }
    }

    /** Either side ends the call ({@code hangUp}; the SDK's {@code stop()}). */
    record HangUp(String sessionId, CallContext context, UserInfo userInfo, String platform)
            implements SignalingMessage {
        public HangUp {
            requireCommon(sessionId, platform);
            Objects.requireNonNull(context, "context");
            userInfo = userInfo == null ? UserInfo.EMPTY : userInfo;
        }

        @Override
        public SignalType signalType() {
            return SignalType.HANG_UP;
        }
    }

    /** Trickled ICE candidates (one or several). */
    record IceCandidates(String sessionId, CallContext context, List<IceCandidate> candidates, String platform)
            implements SignalingMessage {
        public IceCandidates {
            requireCommon(sessionId, platform);
            Objects.requireNonNull(context, "context");
            candidates = List.copyOf(candidates);
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("iceCandidates must not be empty");
            }
        }

        @Override
        public SignalType signalType() {
            return SignalType.ICE_CANDIDATES;
        }
    }

    /** A new offer with fresh ICE credentials from the side that made the first offer. */
    record IceRestart(String sessionId, String sdp, String platform) implements SignalingMessage {
        public IceRestart {
            requireCommon(sessionId, platform);
            requireSdp(sdp);
        }

        @Override
        public SignalType signalType() {
            return SignalType.ICE_RESTART;
        }
    }

    /** The answer to an {@link IceRestart}. */
    record IceRestartAccept(String sessionId, String sdp, String platform) implements SignalingMessage {
        public IceRestartAccept {
            requireCommon(sessionId, platform);
            requireSdp(sdp);
        }

        @Override
        public SignalType signalType() {
            return SignalType.ICE_RESTART_ACCEPT;
        }
    }

    /**
     * {@code update}: carries new {@code userInfo} within a call. The JS SDK 6.1.2 neither sends nor
     * handles it (no golden file); decoded leniently as session id plus optional userInfo.
     */
    record Update(String sessionId, UserInfo userInfo, String platform) implements SignalingMessage {
        public Update {
            requireCommon(sessionId, platform);
            userInfo = userInfo == null ? UserInfo.EMPTY : userInfo;
        }

        @Override
        public SignalType signalType() {
            return SignalType.UPDATE;
        }
    }

    private static void requireCommon(String sessionId, String platform) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("sessionId must not be blank");
        }
        Objects.requireNonNull(platform, "platform (may be empty, not null)");
    }

    private static void requireSdp(String sdp) {
        if (sdp == null || !sdp.startsWith("v=")) {
            throw new IllegalArgumentException("sdp must be a session description starting with v=");
        }
    }
}
