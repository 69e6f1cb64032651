package io.ponte.bridge.connectycube.rest;

import java.time.Instant;
import java.util.Objects;

/**
 * A ConnectyCube session: the token sent in {@code CB-Token}, the user it belongs to ({@code 0} for
 * an application session), and when Ponte created it. {@link #toString()} hides the token.
 */
public record Session(String token, long id, long applicationId, long userId, Instant obtainedAt) {
    public Session {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token is required");
        }
        Objects.requireNonNull(obtainedAt, "obtainedAt");
    }

    public boolean isUserSession() {
        return userId != 0;
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", applicationId=" + applicationId + ", userId=" + userId + ", obtainedAt="
                + obtainedAt + ", token=***]";
    }
}
