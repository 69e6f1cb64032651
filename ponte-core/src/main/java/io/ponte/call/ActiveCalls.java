package io.ponte.call;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.ponte.cdr.Disposition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The calls in progress on this node and the call counters since it started. Live SIP dialogs belong
 * to one node, so this is node-local state by design; finished calls are in the call records.
 */
@ApplicationScoped
public class ActiveCalls {

    /**
     * A call in progress. {@code callId} is the caller's Call-ID, the call's identifier in the API;
     * {@code handle} lets the SIP layer find the call's sessions again.
     */
    public record ActiveCall(String callId, String caller, String callee, Instant startedAt, Instant answeredAt,
                             String handle) {
        public String state() {
            return answeredAt == null ? "RINGING" : "ANSWERED";
        }

        ActiveCall answered(Instant at) {
            return new ActiveCall(callId, caller, callee, startedAt, at, handle);
        }
    }

    private final Map<String, ActiveCall> calls = new ConcurrentHashMap<>();
    private final LongAdder attempts = new LongAdder();
    private final AtomicLong peak = new AtomicLong();
    private final Map<Disposition, LongAdder> ended = new EnumMap<>(Disposition.class);

    public ActiveCalls() {
        for (Disposition d : Disposition.values()) {
            ended.put(d, new LongAdder());
        }
    }

    public void started(String callId, String caller, String callee, String handle) {
        attempts.increment();
        calls.put(callId, new ActiveCall(callId, caller, callee, Instant.now(), null, handle));
        peak.accumulateAndGet(calls.size(), Math::max);
    }

    public void answered(String callId) {
        calls.computeIfPresent(callId, (k, c) -> c.answered(Instant.now()));
    }

    public void ended(String callId, Disposition disposition) {
        if (calls.remove(callId) != null) {
            ended.get(disposition).increment();
        }
    }

    public Collection<ActiveCall> list() {
        return calls.values();
    }

    public Optional<ActiveCall> find(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    /** Counters for the statistics API. */
    public record Counters(long attempts, long active, long peak, Map<Disposition, Long> ended) {
    }

    public Counters counters() {
        Map<Disposition, Long> byCause = new EnumMap<>(Disposition.class);
        ended.forEach((d, n) -> byCause.put(d, n.sum()));
        return new Counters(attempts.sum(), calls.size(), peak.get(), byCause);
    }
}
