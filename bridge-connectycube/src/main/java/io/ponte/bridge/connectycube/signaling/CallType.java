package io.ponte.bridge.connectycube.signaling;

/**
 * The {@code callType} of a call signaling message: {@code 1} video, {@code 2} audio
 * (ConnectyCube JS SDK 6.1.2, {@code CallType} enum; see the golden files' README).
 */
public enum CallType {
    VIDEO(1),
    AUDIO(2);

    private final int code;

    CallType(int code) {
        this.code = code;
    }

    /** The number carried in {@code <callType>}. */
    public int code() {
        return code;
    }

    /**
     * The call type for the text of a {@code <callType>} element.
     *
     * @throws SignalingFormatException if the text is not {@code 1} or {@code 2}
     */
    public static CallType fromWire(String text) {
        String t = text == null ? "" : text.strip();
        return switch (t) {
            case "1" -> VIDEO;
            case "2" -> AUDIO;
            default -> throw new SignalingFormatException("callType must be 1 (video) or 2 (audio), got '" + t + "'");
        };
    }
}
