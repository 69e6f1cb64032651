package io.ponte.bridge.connectycube.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Holds one user's ConnectyCube session and renews it before it expires. A token lives
 * {@link #DEFAULT_LIFETIME 2 hours} and every API request made with it extends it by as much
 * (ConnectyCube Server API, "Authentication and Authorization", overview); the keeper counts from the
 * last use it was told of and makes a new session once less than {@code renewBefore} is left, or at
 * once after {@link #invalidate()}. {@link #call} also renews and retries once when the far side says
 * the session does not exist.
 *
 * <p>Thread-safe; renewals are serialized.
 */
public final class UserSessionKeeper {
    /** How long ConnectyCube keeps an unused token. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(2);

    /** Work done with a session token. */
    @FunctionalInterface
    public interface TokenCall<T> {
        T apply(Session session) throws ConnectyCubeErrorException, ConnectyCubeUnavailableException;
    }

    private final ConnectyCubeRestClient client;
    private final UserCredentials user;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration renewBefore;
    private Session current;
    private Instant expiresAt;

    public UserSessionKeeper(ConnectyCubeRestClient client, UserCredentials user) {
        this(client, user, Clock.systemUTC(), DEFAULT_LIFETIME, Duration.ofMinutes(10));
    }

    /**
     * @param lifetime    how long a token lives after its last use
     * @param renewBefore renew when less than this is left
     */
    public UserSessionKeeper(ConnectyCubeRestClient client, UserCredentials user, Clock clock, Duration lifetime,
            Duration renewBefore) {
        this.client = Objects.requireNonNull(client, "client");
        this.user = Objects.requireNonNull(user, "user");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.renewBefore = Objects.requireNonNull(renewBefore, "renewBefore");
        if (renewBefore.compareTo(lifetime) >= 0) {
            throw new IllegalArgumentException("renewBefore must be shorter than lifetime");
        }
    }

    /** A session with more than {@code renewBefore} left, made now if needed. */
    public synchronized Session session() throws ConnectyCubeErrorException, ConnectyCubeUnavailableException {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(expiresAt.minus(renewBefore))) {
            current = client.createSession(user);
            expiresAt = clock.instant().plus(lifetime);
        }
        return current;
    }

    /** Records that the current token was just used (which extends it on the far side). */
    public synchronized void used() {
        if (current != null) {
            expiresAt = clock.instant().plus(lifetime);
        }
    }

    /** Forgets the session: the next {@link #session()} makes a new one. */
    public synchronized void invalidate() {
        current = null;
        expiresAt = null;
    }

    /** When the current token is expected to expire, or {@code null} when there is none. */
    public synchronized Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Runs {@code work} with a valid session; if ConnectyCube answers that the session does not exist,
     * makes a new one and runs it once more.
     */
    public <T> T call(TokenCall<T> work) throws ConnectyCubeErrorException, ConnectyCubeUnavailableException {
        Session s = session();
        try {
            T result = work.apply(s);
            used();
            return result;
        } catch (ConnectyCubeErrorException e) {
            if (!e.isSessionExpired()) {
                throw e;
            }
            synchronized (this) {
                if (current == s) {
                    invalidate();
                }
            }
            T result = work.apply(session());
            used();
            return result;
        }
    }

    @Override
    public String toString() {
        return "UserSessionKeeper[" + user + "]";
    }
}
