package io.ponte.bridge.connectycube.rest;

import java.util.Optional;

/**
 * An application's credentials from the ConnectyCube admin panel: application id, auth key and, for
 * signed session requests, the auth secret. {@link #toString()} shows the id only.
 */
public final class AppCredentials {
    private final String appId;
    private final String authKey;
    private final String authSecret;

    /**
     * @param authSecret may be {@code null}: then only plain (unsigned) sessions can be made
     */
    public AppCredentials(String appId, String authKey, String authSecret) {
        if (appId == null || !appId.strip().matches("[0-9]+")) {
            throw new IllegalArgumentException("appId must be the numeric application id");
        }
        if (authKey == null || authKey.isBlank()) {
            throw new IllegalArgumentException("authKey is required");
        }
        this.appId = appId.strip();
        this.authKey = authKey;
        this.authSecret = authSecret == null || authSecret.isEmpty() ? null : authSecret;
    }

    public String appId() {
        return appId;
    }

    String authKey() {
        return authKey;
    }

    Optional<String> authSecret() {
        return Optional.ofNullable(authSecret);
    }

    @Override
    public String toString() {
        return "AppCredentials[appId=" + appId + ", authKey=***" + (authSecret == null ? "" : ", authSecret=***") + "]";
    }
}
