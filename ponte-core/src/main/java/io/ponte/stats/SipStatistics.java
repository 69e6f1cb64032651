package io.ponte.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/** This node's SIP traffic counters since the application started. Thread-safe, lock-free. */
@ApplicationScoped
public class SipStatistics {

    private final Instant startedAt = Instant.now();
    private final Map<String, LongAdder> requestsByMethod = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> responsesByStatus = new ConcurrentHashMap<>();
    private final LongAdder authFailures = new LongAdder();
    private volatile Supplier<Sessions> sessions;

    /**
     * SIP sessions the container holds: application sessions (one per call or transaction-scoped
     * exchange) and SIP sessions (one per dialog leg). Both go back to zero when nothing is in progress.
     */
    public record Sessions(int applicationSessions, int sipSessions) {
    }

    /** Where the live session counts come from; null while the SIP container is stopped. */
    public void sessionsFrom(Supplier<Sessions> source) {
        this.sessions = source;
    }

    public Sessions sessions() {
        Supplier<Sessions> s = sessions;
        return s == null ? new Sessions(0, 0) : s.get();
    }

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
