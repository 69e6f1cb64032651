package io.ponte.security;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, before any database work, whether a SIP request from a source address is let in, and counts
 * failed authentications into bans: fail2ban and Kamailio's {@code pike}, built in. Plain Java, one per
 * node, the clock passed in; shared state (bans) comes from the database through {@link #replaceBans}.
 *
 * <p>A ban is per source address, never per extension: the subscriber's own phones, which authenticate,
 * keep working from their addresses while a guesser's address is dropped.
 */
public final class SourceGuard {

    /** What happens to a request from a source. */
    public enum Admission {
        /** Let in. */
        ADMIT,
        /** Dropped: the source is banned. */
        BANNED,
        /** Dropped: the source went over the flood limit just now (log it once). */
        FLOODING,
        /** Dropped: the source is still blocked for flooding. */
        FLOOD_BLOCKED
    }

    /** Past this many tracked sources or extensions a table is cleared rather than grown (a spoofed flood). */
    private static final int MAX_TRACKED = 100_000;

    private final GuardSettings settings;
    private final Map<String, Ban> bans = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> sourceFailures = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> extensionFailures = new ConcurrentHashMap<>();
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    /** Replaced, not cleared, when the trunks change: a lookup racing the change fills the old one. */
    private volatile Map<String, Boolean> trustedCache = new ConcurrentHashMap<>();
    private volatile List<Cidr> trunkSources = List.of();

    /**
     * One source's count in the current second, without a lock (every UDP worker thread checks the same
     * busy source): a count lost at the turn of a second only makes the limit a little more lenient.
     */
    private static final class Rate {
        volatile long second;
        final AtomicInteger count = new AtomicInteger();
        volatile long blockedUntil;
    }

    public SourceGuard(GuardSettings settings) {
        this.settings = settings;
    }

    public GuardSettings settings() {
        return settings;
    }

    /**
     * The address blocks the SIP trunks' calls come from (their listed sources, or their hosts): trusted as
     * PONTE_TRUSTED_NETWORKS is, so a provider is never banned by failures (they are still logged) nor
     * dropped by the flood limit. Replaced whenever the trunks are reloaded.
     */
    public void trustTrunks(List<Cidr> sources) {
        List<Cidr> next = List.copyOf(sources);
        if (!next.equals(trunkSources)) {
            trunkSources = next;
            trustedCache = new ConcurrentHashMap<>();
        }
    }

    /** Whether {@code address} (an IP literal) lies in PONTE_TRUSTED_NETWORKS or is a trunk's source. */
    public boolean trusted(String address) {
        if (settings.trusted().isEmpty() && trunkSources.isEmpty() || address == null) {
            return false;
        }
        Map<String, Boolean> cache = trustedCache;
        if (cache.size() > MAX_TRACKED) {
            cache.clear();
        }
        return cache.computeIfAbsent(address, this::inTrustedNetwork);
    }

    private boolean inTrustedNetwork(String address) {
        InetAddress literal = Cidr.literal(address);
        if (literal == null) {
            return false;
        }
        byte[] bytes = literal.getAddress();
        for (Cidr c : settings.trusted()) {
            if (c.contains(bytes)) {
                return true;
            }
        }
        for (Cidr c : trunkSources) {
            if (c.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The ban in force on {@code address} now, if any (checked without counting anything). */
    public Optional<Ban> bannedNow(String address, Instant now) {
        Ban ban = bans.get(address);
        return ban != null && ban.expires().isAfter(now) ? Optional.of(ban) : Optional.empty();
    }

    /** Called for every request before anything else: bans first, then the per-source rate. */
    public Admission admit(String address, long nowMillis) {
        Ban ban = bans.get(address);
        if (ban != null) {
            if (ban.expires().toEpochMilli() > nowMillis) {
                return Admission.BANNED;
            }
            bans.remove(address, ban);
        }
        if (trusted(address)) {
            return Admission.ADMIT;
        }
        if (rates.size() > MAX_TRACKED) {
            rates.clear();
        }
        Rate r = rates.computeIfAbsent(address, k -> new Rate());
        if (r.blockedUntil > nowMillis) {
            return Admission.FLOOD_BLOCKED;
        }
        long second = nowMillis / 1000;
        if (second != r.second) {
            r.second = second;
            r.count.set(0);
        }
        int n = r.count.incrementAndGet();
        if (n <= settings.floodRate()) {
            return Admission.ADMIT;
        }
        r.blockedUntil = nowMillis + settings.floodBlock().toMillis();
        return n == settings.floodRate() + 1 ? Admission.FLOODING : Admission.FLOOD_BLOCKED; // logged once
    }

    /**
     * Counts a failed authentication of {@code extension} from {@code address}; returns the ban it
     * triggers, if any (already in force here; the caller stores and logs it).
     */
    public Optional<Ban> authFailed(String address, String extension, Instant now) {
        if (trusted(address)) {
            return Optional.empty();
        }
        long t = now.toEpochMilli();
        long since = t - settings.findTime().toMillis();
        int fromSource = count(sourceFailures, address, t, since);
        int onExtension = extension == null ? 0 : count(extensionFailures, extension, t, since);
        String reason;
        if (fromSource >= settings.maxFailures()) {
            reason = fromSource + " failed authentications in " + settings.findTime().toSeconds() + " s";
        } else if (onExtension >= settings.extensionMaxFailures()) {
            reason = "failed authentication for extension " + extension + ", which had " + onExtension
                    + " in " + settings.findTime().toSeconds() + " s";
        } else {
            return Optional.empty();
        }
        Ban ban = new Ban(address, reason, now, now.plus(settings.banTime()), Ban.Origin.AUTO);
        bans.put(address, ban);
        sourceFailures.remove(address);
        return Optional.of(ban);
    }

    private static int count(Map<String, Deque<Long>> table, String key, long now, long since) {
        if (table.size() > MAX_TRACKED) {
            table.clear();
        }
        Deque<Long> times = table.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (!times.isEmpty() && times.peekFirst() <= since) {
                times.removeFirst();
            }
            return times.size();
        }
    }

    /** Puts a ban in force here at once (the REST API's, or one just stored). */
    public void ban(Ban ban) {
        bans.put(ban.address(), ban);
    }

    /** Lifts the ban on {@code address} here; true if there was one. */
    public boolean lift(String address) {
        sourceFailures.remove(address);
        return bans.remove(address) != null;
    }

    /** Replaces the bans in force with {@code active}, the database's list (shared by every node). */
    public void replaceBans(Collection<Ban> active) {
        Map<String, Ban> next = new java.util.HashMap<>();
        for (Ban b : active) {
            next.put(b.address(), b);
        }
        bans.keySet().retainAll(next.keySet());
        bans.putAll(next);
    }

    /** The bans in force at {@code now}. */
    public List<Ban> bans(Instant now) {
        return bans.values().stream().filter(b -> b.activeAt(now)).sorted(java.util.Comparator.comparing(Ban::created)).toList();
    }

    /** Forgets failure counts and flood windows that no longer matter. */
    public void expire(long nowMillis) {
        long since = nowMillis - settings.findTime().toMillis();
        for (Map<String, Deque<Long>> table : List.of(sourceFailures, extensionFailures)) {
            table.values().removeIf(d -> {
                synchronized (d) {
                    return d.isEmpty() || d.peekLast() <= since;
                }
            });
        }
        rates.values().removeIf(r -> r.blockedUntil <= nowMillis && r.second < nowMillis / 1000 - 1);
    }
}
