package io.ponte.bridge.connectycube.chat;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with a cap and jitter: attempt {@code n} (from 0) waits
 * {@code min(cap, base * 2^n)}, scaled by a factor drawn from {@code [1 - jitter, 1]} so that many
 * connections cut off together do not come back in step.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final double jitter;
    private final DoubleSupplier random;

    /**
     * @param jitter fraction in {@code [0, 1)} by which a delay may be shortened at random
     */
    public Backoff(Duration base, Duration cap, double jitter) {
        this(base, cap, jitter, Math::random);
    }

    Backoff(Duration base, Duration cap, double jitter, DoubleSupplier random) {
        this.base = Objects.requireNonNull(base, "base");
        this.cap = Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        this.jitter = jitter;
        this.random = random;
    }

    /** The wait before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative");
        }
        long capMs = cap.toMillis();
        long ms = base.toMillis();
        for (int i = 0; i < attempt && ms < capMs; i++) {
            ms *= 2;
        }
        ms = Math.min(ms, capMs);
        double factor = 1 - jitter * random.getAsDouble();
        return Duration.ofMillis(Math.max(1, Math.round(ms * factor)));
    }

    public Duration cap() {
        return cap;
    }

    @Override
    public String toString() {
        return "Backoff[base=" + base + ", cap=" + cap + ", jitter=" + jitter + "]";
    }
}
