package io.ponte.dialing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Calls in progress and calls started in the current minute, per key (a subscriber's extension, a trunk's
 * name). A call is counted when it starts and uncounted when it ends; a limit is checked after the count,
 * so that two calls starting at once cannot both slip under it. Keys with no call in progress are
 * dropped, and the minute counts of past minutes are dropped once there are more than {@code maxKeys}
 * of them: the maps hold at most one entry per key that called in the last minute or is on a call.
 * Thread-safe; pure logic (the clock is given).
 */
public final class CallCounts {

    private record Minute(long minute, AtomicInteger calls) {
    }

    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
    private final Map<String, Minute> minutes = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final LongSupplier millis;

    public CallCounts(int maxKeys, LongSupplier millis) {
        this.maxKeys = maxKeys;
        this.millis = millis;
    }

    /** A call of {@code key} started: one more in progress, one more this minute. */
    public void started(String key) {
        active.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        long now = minute();
        minutes.compute(key, (k, m) -> m == null || m.minute() != now ? new Minute(now, new AtomicInteger(1)) : bump(m));
        if (minutes.size() > maxKeys) {
            minutes.values().removeIf(m -> m.minute() != now);
        }
    }

    /** A call of {@code key} ended. */
    public void ended(String key) {
        active.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** Calls of {@code key} in progress. */
    public int active(String key) {
        AtomicInteger n = active.get(key);
        return n == null ? 0 : n.get();
    }

    /** Calls {@code key} started in the current minute (of the clock: a fixed window). */
    public int thisMinute(String key) {
        Minute m = minutes.get(key);
        return m == null || m.minute() != minute() ? 0 : m.calls().get();
    }

    /** How many keys are tracked, for tests and health. */
    public int keys() {
        return Math.max(active.size(), minutes.size());
    }

    private static Minute bump(Minute m) {
        m.calls().incrementAndGet();
        return m;
    }

    private long minute() {
        return millis.getAsLong() / 60_000;
    }
}
