package io.ponte.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ponte.db.DatabaseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The node's {@link SourceGuard} and the bans it shares with the other nodes through the database: a ban
 * made here is in force here at once and on the others at their next {@link #sync} (every 5 s).
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

    /** The guard the SIP edge asks for every request. */
    public SourceGuard guard() {
        return guard;
    }

    /** Counts a failed authentication; bans the source when it crosses a threshold. */
    public void authFailed(Peer peer, String method, String extension) {
        SecurityLog.authFailed(peer, method, extension);
        guard.authFailed(peer.address(), extension, Instant.now()).ifPresent(ban -> {
            SecurityLog.banned(ban);
            try {
                store.save(ban);
            } catch (DatabaseException e) {
                LOG.warning(() -> "ban of " + ban.address() + " in force on this node only, the database is unreachable: " + e.getMessage());
            }
        });
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

    /** The bans in force, as the database has them (this node's own view if it is unreachable). */
    public List<Ban> list() {
        try {
            return store.active();
        } catch (DatabaseException e) {
            LOG.log(Level.FINE, "bans listed from memory", e);
            return guard.bans(Instant.now());
        }
    }

    /** Takes over the database's bans (other nodes' included) and notes those that ran out. */
    public synchronized void sync() {
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
        guard.expire(now.toEpochMilli());
        known.clear();
        known.putAll(next);
    }
}
