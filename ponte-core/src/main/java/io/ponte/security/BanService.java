package io.ponte.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ponte.db.DatabaseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The node's {@link SourceGuard} and the bans it shares with the other nodes through the database: a ban
 * made here is in force here at once, stored at this node's next {@link #sync} (every 5 s, never on a SIP
 * thread) and in force on the others at their next sync after that.
 * Failed authentications are reported here by the one subscriber authenticator.
 */
@ApplicationScoped
public class BanService {

    private static final Logger LOG = Logger.getLogger(BanService.class.getName());

    @Inject
    BanStore store;

    private final SourceGuard guard = new SourceGuard(GuardSettings.fromRuntime());
    /** The bans in force at the last sync, to tell which ran out since. */
    private final Map<String, Ban> known = new HashMap<>();
    /** Automatic bans in force here and not yet stored: {@link #sync} stores them, off the SIP threads. */
    private final java.util.Queue<Ban> unsaved = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger unsavedCount = new java.util.concurrent.atomic.AtomicInteger();
    private static final int MAX_UNSAVED = 10_000;

    /** The guard the SIP edge asks for every request. */
    public SourceGuard guard() {
        return guard;
    }

    /** Counts a failed authentication; bans the source when it crosses a threshold. */
    public void authFailed(Peer peer, String method, String extension) {
        SecurityLog.authFailed(peer, method, extension);
        counted(peer.address(), extension);
    }

    /**
     * Counts a REST API request with wrong credentials from {@code address} (a connection's, which TCP
     * proved) like a failed SIP authentication: the same thresholds ban the address for SIP and the API.
     */
    public void apiLoginFailed(String address, int port, String user) {
        String source = canonical(address);
        SecurityLog.apiLoginFailed(source, port, user);
        counted(source, null);
    }

    /** The ban on the address of an API client, if one is in force. */
    public Optional<Ban> bannedNow(String address) {
        return guard.bannedNow(canonical(address), Instant.now());
    }

    private void counted(String address, String extension) {
        guard.authFailed(address, extension, Instant.now()).ifPresent(ban -> {
            SecurityLog.banned(ban);
            if (unsavedCount.incrementAndGet() <= MAX_UNSAVED) {
                unsaved.add(ban); // in force here already; stored for the other nodes at the next sync
            } else {
                unsavedCount.decrementAndGet();
                LOG.warning(() -> "ban of " + ban.address() + " in force on this node only: " + MAX_UNSAVED + " bans wait to be stored");
            }
        });
    }

    /** Stores the automatic bans made since the last sync; those the database cannot take now wait for the next. */
    private void saveUnsaved() {
        for (Ban ban = unsaved.peek(); ban != null; ban = unsaved.peek()) {
            try {
                store.save(ban);
            } catch (DatabaseException e) {
                Ban b = ban;
                LOG.fine(() -> "ban of " + b.address() + " in force on this node only for now, the database is unreachable: " + e.getMessage());
                return;
            }
            unsaved.poll();
            unsavedCount.decrementAndGet();
        }
    }

    /** Bans {@code address} for {@code duration} (the configured ban time when null), from the REST API. */
    public Ban ban(String address, Duration duration, String reason) {
        Instant now = Instant.now();
        Ban ban = new Ban(canonical(address), reason == null || reason.isBlank() ? "banned by an administrator" : reason, now,
                now.plus(duration == null ? guard.settings().banTime() : duration), Ban.Origin.ADMIN);
        store.save(ban);
        guard.ban(ban);
        SecurityLog.banned(ban);
        return ban;
    }

    /** Lifts the ban on {@code address} everywhere; false if there was none. */
    public synchronized boolean lift(String address) {
        String canonical = canonical(address);
        known.remove(canonical);
        if (unsaved.removeIf(b -> b.address().equals(canonical))) {
            unsavedCount.set(unsaved.size());
        }
        boolean stored = store.delete(canonical);
        boolean here = guard.lift(canonical);
        if (stored || here) {
            SecurityLog.unbanned(canonical, "admin");
        }
        return stored || here;
    }

    /** An address literal as the SIP stack writes source addresses ({@code ::1} is {@code 0:0:0:0:0:0:0:1}). */
    static String canonical(String address) {
        java.net.InetAddress literal = Cidr.literal(address);
        if (literal == null) {
            throw new NotAnAddressException(String.valueOf(address));
        }
        return literal.getHostAddress();
    }

    /**
     * The bans in force, as the database has them with this node's not yet stored (this node's own view if
     * the database is unreachable).
     */
    public List<Ban> list() {
        try {
            List<Ban> stored = store.active();
            if (unsaved.isEmpty()) {
                return stored;
            }
            Map<String, Ban> all = new java.util.LinkedHashMap<>();
            stored.forEach(b -> all.put(b.address(), b));
            Instant now = Instant.now();
            unsaved.stream().filter(b -> b.activeAt(now)).forEach(b -> all.putIfAbsent(b.address(), b)); // not stored yet
            return List.copyOf(all.values());
        } catch (DatabaseException e) {
            LOG.log(Level.FINE, "bans listed from memory", e);
            return guard.bans(Instant.now());
        }
    }

    /** Takes over the database's bans (other nodes' included) and notes those that ran out. */
    public synchronized void sync() {
        saveUnsaved();
        Instant now = Instant.now();
        List<Ban> active;
        try {
            active = store.active();
        } catch (DatabaseException e) {
            LOG.fine(() -> "bans not synchronised this time: " + e.getMessage());
            guard.expire(now.toEpochMilli());
            return;
        }
        Map<String, Ban> next = new HashMap<>();
        active.forEach(b -> next.put(b.address(), b));
        for (Ban gone : known.values()) {
            if (!next.containsKey(gone.address())) {
                SecurityLog.unbanned(gone.address(), gone.activeAt(now) ? "other-node" : "expiry");
            }
        }
        guard.replaceBans(active);
        unsaved.forEach(guard::ban); // not stored yet, still in force here
        guard.expire(now.toEpochMilli());
        known.clear();
        known.putAll(next);
    }
}
