package io.ponte.bridge.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.ponte.crypto.Secrets;
import io.ponte.sip.Extension;
import io.ponte.subscriber.Subscriber;
import io.ponte.subscriber.SubscriberRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Subscriber <-> ConnectyCube user mappings: each side mapped at most once, the password sealed. */
@ApplicationScoped
@Transactional
public class MappingService {

    /** What the sealed password is for; a value sealed for anything else does not open as one. */
    static final String PASSWORD_PURPOSE = "connectycube-user-password";

    /** What a mapping says. {@code password} may be null on an update (kept as it is). */
    public record MappingData(Extension extension, long connectycubeUserId, String connectycubeLogin, String password,
                              String displayName, boolean enabled) {
        @Override
        public String toString() {
            return "MappingData[extension=" + extension + ", ccUser=" + connectycubeUserId + "]";
        }
    }

    @PersistenceContext(unitName = "ponte")
    EntityManager em;

    @Inject
    SubscriberRepository subscribers;

    @Inject
    Secrets secrets;

    @Inject
    Event<MappingChanged> changes;

    public List<ConnectyCubeMapping> list() {
        return em.createNamedQuery(ConnectyCubeMapping.ALL, ConnectyCubeMapping.class).getResultList();
    }

    /** The mappings Ponte keeps online in the ConnectyCube chat. */
    public List<ConnectyCubeMapping> enabled() {
        return list().stream().filter(ConnectyCubeMapping::isEnabled).toList();
    }

    public Optional<ConnectyCubeMapping> find(long id) {
        return Optional.ofNullable(em.find(ConnectyCubeMapping.class, id));
    }

    /**
     * Maps a subscriber to a ConnectyCube user.
     *
     * @throws UnknownSubscriberException if no subscriber has the extension
     * @throws MappingConflictException   if the subscriber or the ConnectyCube user is mapped already
     * @throws io.ponte.crypto.SecretKeyMissingException if the password cannot be sealed
     */
    public ConnectyCubeMapping create(MappingData data) {
        String sealed = secrets.box().seal(data.password(), PASSWORD_PURPOSE);
        Instant now = Instant.now();
        ConnectyCubeMapping m = new ConnectyCubeMapping(subscriber(data.extension()), now);
        describe(m, data, now);
        m.setSealedPassword(sealed, now);
        em.persist(m);
        em.flush();
        changes.fire(new MappingChanged(m.getId()));
        return m;
    }

    /** Changes a mapping; its password only when one is given. Empty if there is no such mapping. */
    public Optional<ConnectyCubeMapping> update(long id, MappingData data) {
        Optional<ConnectyCubeMapping> found = find(id);
        found.ifPresent(m -> {
            Instant now = Instant.now();
            if (data.password() != null) {
                m.setSealedPassword(secrets.box().seal(data.password(), PASSWORD_PURPOSE), now);
            }
            describe(m, data, now);
            changes.fire(new MappingChanged(m.getId()));
        });
        return found;
    }

    public boolean delete(long id) {
        Optional<ConnectyCubeMapping> found = find(id);
        found.ifPresent(m -> {
            em.remove(m);
            changes.fire(new MappingChanged(id));
        });
        return found.isPresent();
    }

    /** The enabled mapping of subscriber {@code extension}, if there is one. */
    public Optional<BridgeIdentity> identityOfExtension(Extension extension) {
        return subscribers.find(extension)
                .flatMap(s -> em.createNamedQuery(ConnectyCubeMapping.BY_SUBSCRIBER, ConnectyCubeMapping.class)
                        .setParameter("subscriber", s).getResultStream().findFirst())
                .filter(ConnectyCubeMapping::isEnabled).map(BridgeIdentity::of);
    }

    /** The enabled mapping of ConnectyCube user {@code userId}, if there is one. */
    public Optional<BridgeIdentity> identityOfUser(long userId) {
        return em.createNamedQuery(ConnectyCubeMapping.BY_CC_USER, ConnectyCubeMapping.class).setParameter("userId", userId)
                .getResultStream().findFirst().filter(ConnectyCubeMapping::isEnabled).map(BridgeIdentity::of);
    }

    /** The ConnectyCube password in clear, for logging in as the mapped user. Never log it. */
    public String password(ConnectyCubeMapping mapping) {
        return secrets.box().open(mapping.getSealedPassword(), PASSWORD_PURPOSE);
    }

    private void describe(ConnectyCubeMapping m, MappingData data, Instant now) {
        Subscriber subscriber = subscriber(data.extension());
        em.createNamedQuery(ConnectyCubeMapping.BY_SUBSCRIBER, ConnectyCubeMapping.class).setParameter("subscriber", subscriber)
                .getResultStream().filter(other -> other != m).findFirst().ifPresent(other -> {
                    throw new MappingConflictException("extension", "extension " + data.extension() + " is already mapped (mapping "
                            + other.getId() + ")");
                });
        em.createNamedQuery(ConnectyCubeMapping.BY_CC_USER, ConnectyCubeMapping.class).setParameter("userId", data.connectycubeUserId())
                .getResultStream().filter(other -> other != m).findFirst().ifPresent(other -> {
                    throw new MappingConflictException("connectycubeUserId", "ConnectyCube user " + data.connectycubeUserId()
                            + " is already mapped (mapping " + other.getId() + ")");
                });
        m.describe(subscriber, data.connectycubeUserId(), data.connectycubeLogin(), data.displayName(), data.enabled(), now);
    }

    private Subscriber subscriber(Extension extension) {
        return subscribers.find(extension).orElseThrow(() -> new UnknownSubscriberException(extension.value()));
    }
}
