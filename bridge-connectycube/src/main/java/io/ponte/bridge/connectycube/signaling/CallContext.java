package io.ponte.bridge.connectycube.signaling;

import java.util.List;
import java.util.Objects;

/**
 * The fields the SDK repeats in every {@code call}, {@code accept}, {@code reject}, {@code hangUp} and
 * {@code iceCandidates} message of a call: {@code callType}, {@code callerID} (the ConnectyCube user
 * who started the call) and {@code opponentsIDs} (the users called).
 */
public record CallContext(CallType callType, long callerId, List<Long> opponentIds) {
    public CallContext {
        Objects.requireNonNull(callType, "callType");
        opponentIds = List.copyOf(opponentIds);
        if (opponentIds.isEmpty()) {
            throw new IllegalArgumentException("opponentIds must not be empty");
        }
    }

    /** A 1:1 call from {@code callerId} to {@code calleeId}. */
    public static CallContext oneToOne(CallType callType, long callerId, long calleeId) {
        return new CallContext(callType, callerId, List.of(calleeId));
    }
}
