package io.ponte.subscriber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.ponte.db.DatabaseException;
import io.ponte.db.PonteDataSource;
import io.ponte.sip.Extension;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the registrar needs to know about a subscriber (its id and digest hashes), cached for a few
 * seconds: half of all REGISTERs are the unauthenticated first try that only earns a challenge, and
 * they should not each cost a database round trip. The database stays the truth: entries expire after
 * {@link #TTL}, and this node forgets an entry at once when it changes the subscriber itself; another
 * node's change is seen within the TTL. A miss is one indexed JDBC query, not an entity load.
 */
@ApplicationScoped
public class SubscriberDirectory {

    /** How long an entry, found or not found, is trusted. */
    public static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 200_000;

    /** A subscriber's identity, stored digest hashes, and what it may do with outside calls. */
    public record Credentials(long id, String extension, String ha1Md5, String ha1Sha256, String digestAlgorithms,
                              io.ponte.dialing.CallRights rights) {
        @Override
        public String toString() {
            return "Credentials[" + extension + "]";
        }
    }

    private record Entry(Optional<Credentials> credentials, long loadedAtNanos) {
    }

    private static final String BY_EXTENSION = """
            select id, extension, ha1_md5, ha1_sha256, digest_algorithms, dialing_classes, max_calls, max_calls_per_minute
            from subscriber where extension = ?""";

    @Resource(lookup = PonteDataSource.JNDI)
    DataSource dataSource;

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public Optional<Credentials> find(Extension extension) {
        long now = System.nanoTime();
        Entry e = cache.get(extension.value());
        if (e != null && now - e.loadedAtNanos() < TTL.toNanos()) {
            return e.credentials();
        }
        Optional<Credentials> loaded = load(extension);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(extension.value(), new Entry(loaded, now));
        return loaded;
    }

    private Optional<Credentials> load(Extension extension) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(BY_EXTENSION)) {
            s.setString(1, extension.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Credentials(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                                new io.ponte.dialing.CallRights(io.ponte.dialing.CallRights.parseClasses(r.getString(6)),
                                        (Integer) r.getObject(7), (Integer) r.getObject(8))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("looking up subscriber " + extension.value(), e);
        }
    }

    /** Forgets what is cached for {@code extension}; the next lookup reads the database. */
    public void invalidate(Extension extension) {
        cache.remove(extension.value());
    }
}
