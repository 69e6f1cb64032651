package io.ponte.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/** This node's SIP traffic counters since the application started. Thread-safe, lock-free. */
@ApplicationScoped
public class SipStatistics {

    private final Instant startedAt = Instant.now();
    private final Map<String, LongAdder> requestsByMethod = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> responsesByStatus = new ConcurrentHashMap<>();
    private final LongAdder authFailures = new LongAdder();

    public void requestReceived(String method) {
        requestsByMethod.computeIfAbsent(method, m -> new LongAdder()).increment();
    }

    public void responseSent(int status) {
        responsesByStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public void authFailed() {
        authFailures.increment();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Duration uptime() {
        return Duration.between(startedAt, Instant.now());
    }

    public Map<String, Long> requestsByMethod() {
        return snapshot(requestsByMethod);
    }

    public Map<Integer, Long> responsesByStatus() {
        return snapshot(responsesByStatus);
    }

    public long authFailures() {
        return authFailures.sum();
    }

    private static <K> Map<K, Long> snapshot(Map<K, LongAdder> counters) {
        Map<K, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
