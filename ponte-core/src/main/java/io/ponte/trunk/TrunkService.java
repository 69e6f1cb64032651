package io.ponte.trunk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.ponte.crypto.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The trunks, names unique, passwords sealed; every node reads them from the database. */
@ApplicationScoped
@Transactional
public class TrunkService {

    /** What the sealed password is for; a value sealed for anything else does not open as one. */
    static final String PASSWORD_PURPOSE = "sip-trunk-password";

    /**
     * What a trunk says. {@code password} may be null on an update (kept as it is); {@code maxCalls} null:
     * no limit on the trunk's calls at once; {@code inboundTlsOnly}: its calls count only over TLS.
     */
    public record TrunkData(String name, String host, int port, String transport, String username, String password,
                            boolean register, int registerExpires, Integer maxCalls, boolean inboundTlsOnly, DialPlan plan) {
        @Override
        public String toString() {
            return "TrunkData[" + name + " " + transport + ":" + host + ":" + port + ", user " + username + "]";
        }
    }

    /** A trunk with its password opened, for the SIP side only: answering challenges, registering. */
    public record Credentials(Trunk trunk, String password) {
        @Override
        public String toString() {
            return "Credentials[" + trunk + "]";
        }
    }

    @PersistenceContext(unitName = "ponte")
    EntityManager em;

    @Inject
    Secrets secrets;

    @Inject
    jakarta.enterprise.event.Event<TrunksChanged> changes;

    public List<Trunk> list() {
        return em.createNamedQuery(Trunk.ALL, Trunk.class).getResultList();
    }

    public Optional<Trunk> find(long id) {
        return Optional.ofNullable(em.find(Trunk.class, id));
    }

    /**
     * @throws TrunkNameTakenException if another trunk has the name
     * @throws io.ponte.crypto.SecretKeyMissingException if a password is given and cannot be sealed
     */
    public Trunk create(TrunkData data) {
        nameFree(data.name(), null);
        Instant now = Instant.now();
        Trunk t = new Trunk(now);
        t.describe(data.name(), data.host(), data.port(), data.transport(), data.username(), data.register(), data.registerExpires(), data.maxCalls(), data.inboundTlsOnly(), data.plan(), now);
        if (data.password() != null) {
            t.setSealedPassword(secrets.box().seal(data.password(), PASSWORD_PURPOSE), now);
        }
        em.persist(t);
        em.flush();
        changes.fire(new TrunksChanged(t.getId()));
        return t;
    }

    /** Changes a trunk; its password only when one is given. Empty if there is no such trunk. */
    public Optional<Trunk> update(long id, TrunkData data) {
        Optional<Trunk> found = find(id);
        found.ifPresent(t -> {
            nameFree(data.name(), t.getId());
            Instant now = Instant.now();
            if (data.password() != null) {
                t.setSealedPassword(secrets.box().seal(data.password(), PASSWORD_PURPOSE), now);
            }
            t.describe(data.name(), data.host(), data.port(), data.transport(), data.username(), data.register(), data.registerExpires(), data.maxCalls(), data.inboundTlsOnly(), data.plan(), now);
        });
        found.ifPresent(t -> changes.fire(new TrunksChanged(t.getId())));
        return found;
    }

    public boolean delete(long id) {
        Optional<Trunk> found = find(id);
        found.ifPresent(em::remove);
        found.ifPresent(t -> changes.fire(new TrunksChanged(t.getId())));
        return found.isPresent();
    }

    /** Every trunk that registers, with its password opened (null when it has none). */
    public List<Credentials> registering() {
        return list().stream().filter(Trunk::isRegister)
                .map(t -> new Credentials(t, password(t)))
                .toList();
    }

    /** Every trunk as a line for calls, passwords opened. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TrunkLine> lines() {
        return list().stream().map(t -> new TrunkLine(t.getId(), t.getName(), t.getHost(), t.getPort(), t.getTransport(),
                t.getUsername(), password(t), TrunkDirectory.resolve(t.getHost()), t.getMaxCalls() == null ? 0 : t.getMaxCalls(),
                t.isInboundTlsOnly(), t.plan())).toList();
    }

    private String password(Trunk t) {
        return t.getSealedPassword() == null ? null : secrets.box().open(t.getSealedPassword(), PASSWORD_PURPOSE);
    }

    private void nameFree(String name, Long self) {
        em.createNamedQuery(Trunk.BY_NAME, Trunk.class).setParameter("name", name).getResultStream()
                .filter(t -> !t.getId().equals(self)).findFirst().ifPresent(t -> {
                    throw new TrunkNameTakenException(name);
                });
    }
}
