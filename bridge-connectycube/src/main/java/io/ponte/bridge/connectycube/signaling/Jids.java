package io.ponte.bridge.connectycube.signaling;

/**
 * ConnectyCube chat addresses: a user is {@code {userId}-{appId}@{chatHost}} (ConnectyCube "Chat",
 * connection section; the JS SDK's {@code buildUserJid}).
 */
public final class Jids {
    private Jids() {
    }

    /** The bare JID of a user. */
    public static String user(long userId, String appId, String chatHost) {
        if (userId <= 0) {
            throw new IllegalArgumentException("userId must be positive");
        }
        if (appId == null || appId.isBlank() || chatHost == null || chatHost.isBlank()) {
            throw new IllegalArgumentException("appId and chatHost are required");
        }
        return userId + "-" + appId + "@" + chatHost;
    }

    /** The local part, {@code {userId}-{appId}}: the SASL PLAIN authentication id. */
    public static String localPart(long userId, String appId) {
        return userId + "-" + appId;
    }

    /**
     * The user id of a JID such as {@code 1001-385@chat.example/res}.
     *
     * @throws SignalingFormatException if the JID has no numeric user id before the first {@code -}
     */
    public static long userId(String jid) {
        if (jid == null || jid.indexOf('@') <= 0) {
            throw new SignalingFormatException("not a ConnectyCube user JID: '" + jid + "'");
        }
        String local = jid.substring(0, jid.indexOf('@'));
        int dash = local.indexOf('-');
        String id = dash < 0 ? local : local.substring(0, dash);
        try {
            long v = Long.parseLong(id);
            if (v <= 0) {
                throw new NumberFormatException("not positive");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SignalingFormatException("not a ConnectyCube user JID: '" + jid + "'", e);
        }
    }
}
