package io.ponte.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How to reach ConnectyCube (or a stand-in for it): the application's credentials from the ConnectyCube
 * admin panel, its REST API and its chat (XMPP over TCP). The bridge is on only when the application id,
 * auth key, API URL and chat host are all given; with none of them it is off, with some of them it says
 * which are missing. The auth key and secret are never printed.
 *
 * @param chatTls    {@code direct} (TLS from the first byte, ConnectyCube's port 5223) or {@code starttls}
 * @param chatCaFile a PEM file of the certificate(s) to trust for the chat's TLS instead of the JVM's
 *                   default authorities (a private chat server, the local stand-in); null for the default
 */
public record BridgeSettings(String appId, String authKey, String authSecret, String apiUrl, String chatHost,
                             int chatPort, String chatTls, String chatCaFile, List<String> missing) {

    /** Whether the bridge can run. */
    public enum Status {
        /** No CONNECTYCUBE_* setting: the bridge is off. */
        OFF,
        /** Some required settings are missing (named in {@link #missing()}): the bridge is off. */
        INCOMPLETE,
        /** Everything required is set. */
        CONFIGURED
    }

    private static final List<String> REQUIRED =
            List.of("CONNECTYCUBE_APP_ID", "CONNECTYCUBE_AUTH_KEY", "CONNECTYCUBE_API_URL", "CONNECTYCUBE_CHAT_HOST");

    /** Settings as the server has them (system properties, else the environment). */
    public static BridgeSettings fromRuntime() {
        return from(io.ponte.config.PonteSettings::runtimeValue);
    }

    /**
     * Settings from a lookup of setting names.
     *
     * @throws IllegalArgumentException if a value is set but malformed (port, TLS mode, numeric app id)
     */
    static BridgeSettings from(UnaryOperator<String> lookup) {
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (blank(lookup.apply(name))) {
                missing.add(name);
            }
        }
        String appId = trimmed(lookup.apply("CONNECTYCUBE_APP_ID"));
        if (appId != null && !appId.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("CONNECTYCUBE_APP_ID must be the numeric application id");
        }
        String tls = trimmed(lookup.apply("CONNECTYCUBE_CHAT_TLS"));
        tls = tls == null ? "direct" : tls.toLowerCase(Locale.ROOT);
        if (!tls.equals("direct") && !tls.equals("starttls")) {
            throw new IllegalArgumentException("CONNECTYCUBE_CHAT_TLS must be direct or starttls, not " + tls);
        }
        String port = trimmed(lookup.apply("CONNECTYCUBE_CHAT_PORT"));
        int chatPort;
        try {
            chatPort = port == null ? (tls.equals("direct") ? 5223 : 5222) : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CONNECTYCUBE_CHAT_PORT must be a port number, not " + port);
        }
        if (chatPort < 1 || chatPort > 65535) {
            throw new IllegalArgumentException("CONNECTYCUBE_CHAT_PORT must be 1-65535, not " + chatPort);
        }
        return new BridgeSettings(appId, trimmed(lookup.apply("CONNECTYCUBE_AUTH_KEY")),
                trimmed(lookup.apply("CONNECTYCUBE_AUTH_SECRET")), trimmed(lookup.apply("CONNECTYCUBE_API_URL")),
                trimmed(lookup.apply("CONNECTYCUBE_CHAT_HOST")), chatPort, tls, trimmed(lookup.apply("CONNECTYCUBE_CHAT_CA_FILE")),
                List.copyOf(missing));
    }

    public Status status() {
        if (missing.isEmpty()) {
            return Status.CONFIGURED;
        }
        return missing.size() == REQUIRED.size() ? Status.OFF : Status.INCOMPLETE;
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }

    private static String trimmed(String v) {
        return blank(v) ? null : v.trim();
    }

    @Override
    public String toString() { // never the auth key or secret
        return "BridgeSettings[" + status() + ", appId=" + appId + ", api=" + apiUrl + ", chat=" + chatHost + ":" + chatPort
                + " " + chatTls + (missing.isEmpty() ? "" : ", missing " + missing) + "]";
    }
}
