package io.ponte.trunk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.ponte.security.Cidr;

/**
 * Every trunk's line at one moment: which trunk a dialed number goes out through (the longest matching
 * prefix; on a tie, the trunk created first) and which trunk a request came from. Immutable; pure logic.
 */
public final class TrunkLines {

    /**
     * A number going out through {@code line} as {@code number}; {@code dialClass} is the class the trunk
     * gives the number as dialed ({@link DialPlan#classOf}), null when it classes it not.
     */
    public record Outbound(TrunkLine line, String number, String dialClass) {
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
        Outbound best = null;
        int longest = -1;
        for (TrunkLine l : lines) {
            int m = l.plan().match(dialed);
            if (m > longest) {
                Optional<String> number = l.plan().outbound(dialed);
                if (number.isPresent()) {
                    best = new Outbound(l, number.get(), l.plan().classOf(dialed));
                    longest = m;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The trunk that {@code source:port} over {@code transport} belongs to, if any (the first created when several claim it). */
    public Optional<TrunkLine> from(byte[] source, int port, String transport) {
        return lines.stream().filter(l -> l.sentFrom(source, port, transport)).findFirst();
    }

    /**
     * The address blocks the trunks' requests come from: each trunk's listed sources, or its host's address
     * (a single-address block) when it lists none and its host resolved.
     */
    public List<Cidr> sourceBlocks() {
        List<Cidr> blocks = new ArrayList<>();
        for (TrunkLine l : lines) {
            if (!l.plan().sources().isEmpty()) {
                blocks.addAll(l.plan().sources());
            } else if (l.address() != null) {
                byte[] a = l.address().getAddress();
                blocks.add(new Cidr(a, a.length * 8));
            }
        }
        return List.copyOf(blocks);
    }

    public List<TrunkLine> all() {
        return lines;
    }
}
