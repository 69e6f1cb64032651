package io.ponte.it.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping a fixed time. */
public final class Poll {

    private Poll() {
    }

    /** Returns the first non-null value {@code probe} gives within {@code timeout}, or fails with {@code what}. */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e; // not there yet (a 404 while deploying, a refused connection while restarting)
            }
            try {
                Thread.sleep(50); // back-off between probes, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
    }

    /** As {@link #until(Duration, String, Supplier)}; on timeout the failure also says what {@code state} shows then. */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe, Supplier<Object> state) {
        try {
            return until(timeout, what, probe);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; at the end: " + state.get(), e.getCause());
        }
    }

    /** Waits until {@code condition} holds. */
    public static void untilTrue(Duration timeout, String what, Supplier<Boolean> condition) {
        until(timeout, what, () -> Boolean.TRUE.equals(condition.get()) ? Boolean.TRUE : null);
    }
}
