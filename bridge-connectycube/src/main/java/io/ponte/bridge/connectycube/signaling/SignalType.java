package io.ponte.bridge.connectycube.signaling;

import java.util.Arrays;

/**
 * The {@code signalType} values of ConnectyCube's 1:1 call signaling ({@code moduleIdentifier}
 * {@code WebRTCVideoChat}). The first seven are what the JS SDK 6.1.2 sends ({@code CallSignalingType});
 * {@link #UPDATE} is listed in ConnectyCube's protocol notes but is not sent by that SDK.
 */
public enum SignalType {
    CALL("call"),
    ACCEPT("accept"),
    REJECT("reject"),
    HANG_UP("hangUp"),
    ICE_CANDIDATES("iceCandidates"),
    ICE_RESTART("iceRestart"),
    ICE_RESTART_ACCEPT("iceRestartAccept"),
    UPDATE("update");

    private final String wire;

    SignalType(String wire) {
        this.wire = wire;
    }

    /** The text carried in {@code <signalType>}. */
    public String wire() {
        return wire;
    }

    /**
     * @throws SignalingFormatException for a value this codec does not know
     */
    public static SignalType fromWire(String text) {
        return Arrays.stream(values())
                .filter(t -> t.wire.equals(text))
                .findFirst()
                .orElseThrow(() -> new SignalingFormatException("unknown signalType '" + text + "'"));
    }
}
