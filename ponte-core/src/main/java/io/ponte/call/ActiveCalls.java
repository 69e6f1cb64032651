package io.ponte.call;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The calls in progress on this node and the call counters since it started, kept from the calls' own
 * events. Live SIP dialogs belong to one node, so this is node-local by design; finished calls are in
 * the call records.
 */
@ApplicationScoped
public class ActiveCalls implements CallListener {

    private final Map<CallId, Call> calls = new ConcurrentHashMap<>();
    private final LongAdder attempts = new LongAdder();
    private final AtomicLong peak = new AtomicLong();
    private final Map<Disposition, LongAdder> ended = new EnumMap<>(Disposition.class);

    public ActiveCalls() {
        for (Disposition d : Disposition.values()) {
            ended.put(d, new LongAdder());
        }
    }

    @Override
    public void on(CallEvent event) {
        Call call = event.call();
        if (event instanceof CallEvent.Started) {
            attempts.increment();
            calls.put(call.id(), call);
            peak.accumulateAndGet(calls.size(), Math::max);
        } else if (event instanceof CallEvent.Ended && calls.remove(call.id(), call)) {
            ended.get(call.disposition()).increment();
        } // Answered: the view reads the call's own state
    }

    public Collection<Call> list() {
        return calls.values();
    }

    public Optional<Call> find(CallId id) {
        return Optional.ofNullable(calls.get(id));
    }

    /**
     * Hangs up a call in progress on this node: BYE to both legs if it was answered, CANCEL towards the
     * callee and 487 to the caller if it still rings.
     *
     * @return false if no such call is in progress here
     */
    public boolean hangUp(CallId id) {
        return find(id).map(c -> c.hangUp(487, "Request Terminated (hung up over the API)")).orElse(false);
    }

    /**
     * Ends every call in progress on this node, as {@link #hangUp} does, for {@code reason} (the server is
     * going away: each call is released cleanly and recorded, ended by SYSTEM).
     *
     * @return how many calls were ended
     */
    public int hangUpAll(int status, String reason) {
        int n = 0;
        for (Call c : calls.values()) {
            try {
                if (c.hangUp(status, reason)) {
                    n++;
                }
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(ActiveCalls.class.getName())
                        .warning(() -> "call " + c.id() + " not hung up cleanly: " + e);
                c.end(status, EndedBy.SYSTEM);
            }
        }
        return n;
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
