package io.ponte.subscriber;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ponte.auth.digest.DigestAlgorithm;
import io.ponte.config.PonteSettings;
import io.ponte.dialing.CallRights;
import io.ponte.registrar.BindingStore;
import io.ponte.registrar.RegisterOutcome.BoundContact;
import io.ponte.registrar.RegistrarService;
import io.ponte.sip.Extension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Provisioning: create, change and remove subscribers. Passwords become digest hashes at once. */
@ApplicationScoped
@Transactional
public class SubscriberService {

    /** A subscriber with its live registration state. */
    public record SubscriberState(Subscriber subscriber, List<BoundContact> contacts) {
        public boolean registered() {
            return !contacts.isEmpty();
        }
    }

    @Inject
    SubscriberRepository repository;

    @Inject
    RegistrarService registrar;

    @Inject
    PonteSettings settings;

    @Inject
    SubscriberDirectory directory;

    @Inject
    BindingStore bindings;

    /** Every subscriber with its live contacts: two queries, however many subscribers there are. */
    public List<SubscriberState> list() {
        Map<Long, List<BoundContact>> live = bindings.allLive();
        return repository.all().stream()
                .map(s -> new SubscriberState(s, live.getOrDefault(s.getId(), List.of()))).toList();
    }

    public Optional<SubscriberState> find(Extension extension) {
        return repository.find(extension).map(this::state);
    }

    /**
     * Provisions a new subscriber.
     *
     * @throws ExtensionOutOfRangeException if the extension is outside PONTE_EXT_MIN..PONTE_EXT_MAX
     * @throws SubscriberExistsException    if the extension is taken
     */
    public SubscriberState create(Extension extension, String displayName, String password) {
        return create(extension, displayName, password, null, CallRights.DEFAULT);
    }

    /**
     * As {@link #create(Extension, String, String)}, with the digest algorithms its phones are offered and
     * what it may do with outside calls.
     */
    public SubscriberState create(Extension extension, String displayName, String password, String digestAlgorithms, CallRights rights) {
        checkRange(extension);
        if (repository.find(extension).isPresent()) {
            throw new SubscriberExistsException(extension);
        }
        Instant now = Instant.now();
        Subscriber s = new Subscriber(extension.value(), displayName, now);
        setPassword(s, password, now);
        s.setDigestAlgorithms(digestAlgorithms, now);
        s.setRights(rights, now);
        repository.add(s);
        directory.invalidate(extension);
        return state(s);
    }

    /** Changes the display name and, when given, the password and the rights. */
    public Optional<SubscriberState> update(Extension extension, String displayName, String password, CallRights rights) {
        return repository.find(extension).map(s -> {
            Instant now = Instant.now();
            s.setDisplayName(displayName, now);
            if (password != null) {
                setPassword(s, password, now);
            }
            if (rights != null) {
                s.setRights(rights, now);
            }
            if (password != null || rights != null) {
                directory.invalidate(extension);
            }
            return state(s);
        });
    }

    /** Removes the subscriber and its bindings; false if there was none. */
    public boolean delete(Extension extension) {
        Optional<Subscriber> s = repository.find(extension);
        s.ifPresent(repository::remove);
        directory.invalidate(extension);
        return s.isPresent();
    }

    /** Drops the subscriber's bindings; empty if there is no such subscriber. */
    public Optional<Integer> dropRegistrations(Extension extension) {
        return repository.find(extension).map(registrar::dropBindings);
    }

    private void checkRange(Extension extension) {
        if (!settings.inExtensionRange(extension.number())) {
            throw new ExtensionOutOfRangeException(extension, settings.extensionMin(), settings.extensionMax());
        }
    }

    private void setPassword(Subscriber s, String password, Instant now) {
        String realm = settings.sipDomain();
        s.setDigests(realm, DigestAlgorithm.MD5.ha1(s.getExtension(), realm, password),
                DigestAlgorithm.SHA_256.ha1(s.getExtension(), realm, password), now);
    }

    private SubscriberState state(Subscriber s) {
        return new SubscriberState(s, registrar.liveBindings(s));
    }
}
