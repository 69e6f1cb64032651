package io.ponte.trunk;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every trunk's line at one moment: which trunk a dialed number goes out through (the longest matching
 * prefix; on a tie, the trunk created first) and which trunk a request came from. Immutable; pure logic.
 */
public final class TrunkLines {

    /** A number going out through {@code line} as {@code number}. */
    public record Outbound(TrunkLine line, String number) {
    }

    public static final TrunkLines NONE = new TrunkLines(List.of());

    private final List<TrunkLine> lines;

    public TrunkLines(List<TrunkLine> lines) {
        this.lines = lines.stream().sorted(Comparator.comparingLong(TrunkLine::id)).toList();
    }

    public Optional<Outbound> outbound(String dialed) {
        if (dialed == null || dialed.isEmpty()) {
            return Optional.empty();
        }
        TrunkLine best = null;
        int longest = -1;
        for (TrunkLine l : lines) {
            int m = l.plan().match(dialed);
            if (m > longest && l.plan().outbound(dialed).isPresent()) {
                best = l;
                longest = m;
            }
        }
        TrunkLine chosen = best;
        return chosen == null ? Optional.empty() : chosen.plan().outbound(dialed).map(n -> new Outbound(chosen, n));
    }

    /** The trunk that {@code source:port} belongs to, if any (the first created when several claim it). */
    public Optional<TrunkLine> from(byte[] source, int port) {
        return lines.stream().filter(l -> l.sentFrom(source, port)).findFirst();
    }

    public List<TrunkLine> all() {
        return lines;
    }
}
