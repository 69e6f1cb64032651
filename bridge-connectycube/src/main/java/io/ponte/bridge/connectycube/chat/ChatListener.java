package io.ponte.bridge.connectycube.chat;

import io.ponte.bridge.connectycube.signaling.SignalingEnvelope;

/**
 * Receives what a {@link ConnectyCubeChat} hears. Called on Smack's delivery threads: return quickly.
 */
public interface ChatListener {
    /**
     * A call signaling message addressed to this user (already decoded; delayed, offline copies are
     * dropped as the SDK drops them).
     */
    void onSignaling(SignalingEnvelope envelope);

    /** The connection changed state; {@code cause} is set when a failure led to the change. */
    default void onStateChanged(ConnectyCubeChat.State state, Throwable cause) {
    }
}
