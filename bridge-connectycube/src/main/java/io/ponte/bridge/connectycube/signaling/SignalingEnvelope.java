package io.ponte.bridge.connectycube.signaling;

import java.util.Objects;

/**
 * A decoded signaling stanza: the {@code <message>}'s addressing and id around the
 * {@link SignalingMessage}. {@code from} is empty on a stanza as a client sends it (the server adds
 * it). {@code delayed} is true when the stanza carries an XEP-0203 {@code <delay>} (offline
 * storage): the SDK ignores such signaling, and so should a receiver.
 */
public record SignalingEnvelope(String from, String to, String id, boolean delayed, SignalingMessage message) {
    public SignalingEnvelope {
        from = from == null ? "" : from;
        to = to == null ? "" : to;
        id = id == null ? "" : id;
        Objects.requireNonNull(message, "message");
    }

    /**
     * The ConnectyCube user id in the sender's JID ({@code {userId}-{appId}@host/resource}).
     *
     * @throws SignalingFormatException if {@code from} is not such a JID
     */
    public long fromUserId() {
        return Jids.userId(from);
    }
}
