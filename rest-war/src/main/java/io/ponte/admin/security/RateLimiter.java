package io.ponte.admin.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per client: {@code ratePerSecond} requests a second on average, bursts of twice that.
 * Plain Java; idle clients are forgotten so the map stays small.
 */
public final class RateLimiter {

    private static final long IDLE_NANOS = 60_000_000_000L;
    private static final int SWEEP_ABOVE = 10_000;

    private final double ratePerNano;
    private final double capacity;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int ratePerSecond) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("PONTE_API_RATE_LIMIT must be positive");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = 2.0 * ratePerSecond;
    }

    /**
     * Takes one token for {@code client}.
     *
     * @return 0 if the request may go ahead, otherwise the whole seconds to wait before retrying
     */
    public long acquire(String client, long nowNanos) {
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> nowNanos - b.last > IDLE_NANOS);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, nowNanos));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (nowNanos - bucket.last) * ratePerNano);
            bucket.last = nowNanos;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerNano / 1e9));
        }
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }
}
