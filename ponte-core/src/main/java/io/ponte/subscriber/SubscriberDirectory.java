package io.ponte.subscriber;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.ponte.sip.Extension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What the registrar needs to know about a subscriber (its id and digest hashes), cached for a few
 * seconds: half of all REGISTERs are the unauthenticated first try that only earns a challenge, and
 * they should not each cost a database round trip. The database stays the truth: entries expire after
 * {@link #TTL}, and this node forgets an entry at once when it changes the subscriber itself; another
 * node's change is seen within the TTL.
 */
@ApplicationScoped
public class SubscriberDirectory {

    /** How long an entry, found or not found, is trusted. */
    public static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 200_000;

    /** A subscriber's identity and stored digest hashes. */
    public record Credentials(long id, String extension, String ha1Md5, String ha1Sha256, String digestAlgorithms) {
        @Override
        public String toString() {
            return "Credentials[" + extension + "]";
        }
    }

    private record Entry(Optional<Credentials> credentials, long loadedAtNanos) {
    }

    @Inject
    SubscriberRepository repository;

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public Optional<Credentials> find(Extension extension) {
        long now = System.nanoTime();
        Entry e = cache.get(extension.value());
        if (e != null && now - e.loadedAtNanos() < TTL.toNanos()) {
            return e.credentials();
        }
        Optional<Credentials> loaded = repository.find(extension)
                .map(s -> new Credentials(s.getId(), s.getExtension(), s.getHa1Md5(), s.getHa1Sha256(), s.getDigestAlgorithms()));
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(extension.value(), new Entry(loaded, now));
        return loaded;
    }

    /** Forgets what is cached for {@code extension}; the next lookup reads the database. */
    public void invalidate(Extension extension) {
        cache.remove(extension.value());
    }
}
