package io.ponte.trunk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.ponte.security.Cidr;
import io.ponte.sip.Extension;

/**
 * A trunk's dial plan. Out: a dialed number that starts with one of {@code prefixes} goes out through the
 * trunk, its first {@code strip} digits removed and {@code add} put in front (dialing {@code 0} for an
 * outside line, {@code prefixes ["0"]}, {@code strip 1}, {@code add "+49"}: {@code 030123} goes out as
 * {@code +4930123}); {@code callerId}, when set, is the user part of the From the trunk sees (the number
 * the provider assigned), else the caller's extension; {@code classes} names the class of the numbers that
 * start with a prefix (the longest wins: {@code "00": "international"}, {@code "0900": "premium"}), which a
 * subscriber's {@link io.ponte.dialing.CallRights} must allow (premium is denied by default). In: a call is from this trunk when its source lies in
 * {@code sources} (any port), or with none listed, when it comes from the trunk's own address and (over UDP)
 * port; its called number is looked up in {@code numbers} (a DID to an extension), else taken as an
 * extension when it is one; a target written {@code *201} rings 201's ConnectyCube app. Outside callers have
 * no ConnectyCube identity of their own: {@code appCaller}, when set, is the subscriber whose identity
 * places their calls to app users (none set: the trunk's calls reach phones only). Pure logic: no
 * database, no SIP.
 */
public record DialPlan(List<String> prefixes, int strip, String add, String callerId, Map<String, String> classes,
                       List<Cidr> sources, Map<String, String> numbers, String appCaller) {

    /** Sends nothing out and takes calls only from the trunk's own address. */
    public static final DialPlan NONE = new DialPlan(List.of(), 0, "", null, Map.of(), List.of(), Map.of(), null);

    public DialPlan {
        prefixes = List.copyOf(prefixes);
        add = add == null ? "" : add;
        classes = java.util.Collections.unmodifiableMap(new TreeMap<>(classes));
        sources = List.copyOf(sources);
        numbers = java.util.Collections.unmodifiableMap(new TreeMap<>(numbers));
        if (strip < 0) {
            throw new IllegalArgumentException("strip must not be negative");
        }
    }

    /** The length of the longest of {@code prefixes} that {@code dialed} starts with, or -1 when none does. */
    public int match(String dialed) {
        return prefixes.stream().filter(dialed::startsWith).mapToInt(String::length).max().orElse(-1);
    }

    /** {@code dialed} as it goes out: stripped and added to; empty when no prefix matches or nothing is left. */
    public Optional<String> outbound(String dialed) {
        if (match(dialed) < 0 || dialed.length() <= strip) {
            return Optional.empty();
        }
        return Optional.of(add + dialed.substring(strip));
    }

    /** The class of {@code dialed}: that of the longest of {@code classes}' prefixes it starts with; null when none does. */
    public String classOf(String dialed) {
        String best = null;
        int longest = -1;
        for (Map.Entry<String, String> c : classes.entrySet()) {
            if (dialed.startsWith(c.getKey()) && c.getKey().length() > longest) {
                best = c.getValue();
                longest = c.getKey().length();
            }
        }
        return best;
    }

    /** Where a call from the trunk to {@code called} goes: the mapped target, else {@code called} if it is an extension. */
    public Optional<String> inboundTarget(String called) {
        if (called == null) {
            return Optional.empty();
        }
        String mapped = numbers.get(called);
        if (mapped != null) {
            return Optional.of(mapped);
        }
        try {
            return Optional.of(Extension.parse(called).value());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Prefixes as stored: comma-separated, longest first. */
    public String prefixesText() {
        List<String> sorted = new ArrayList<>(prefixes);
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return String.join(",", sorted);
    }

    /**
     * The widest source block a trunk may list without saying so ({@code inbound.wideSources}): a /24 for
     * IPv4, a /48 for IPv6. Calls from a trunk's sources skip digest authentication, so a wider block (or
     * {@code 0.0.0.0/0}) would let whole networks call out unauthenticated.
     */
    public static final int WIDEST_V4_SOURCE = 24;
    public static final int WIDEST_V6_SOURCE = 48;

    /** Whether a source block is wider than {@link #WIDEST_V4_SOURCE} / {@link #WIDEST_V6_SOURCE}. */
    public static boolean wide(Cidr source) {
        return source.widerThan(WIDEST_V4_SOURCE, WIDEST_V6_SOURCE);
    }

    /** Whether any of the sources is {@link #wide}. */
    public boolean wideSources() {
        return sources.stream().anyMatch(DialPlan::wide);
    }

    /** Sources as stored: comma-separated address blocks. */
    public String sourcesText() {
        return String.join(",", sources.stream().map(Cidr::toString).toList());
    }

    /** Classes as stored: {@code prefix=class} pairs, comma-separated. */
    public String classesText() {
        return String.join(",", classes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** The classes stored as {@code text} by {@link #classesText}. */
    public static Map<String, String> splitClasses(String text) {
        Map<String, String> classes = new TreeMap<>();
        for (String pair : split(text)) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                classes.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return classes;
    }

    /** The list stored as {@code text} (comma-separated), blank giving none. */
    public static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
