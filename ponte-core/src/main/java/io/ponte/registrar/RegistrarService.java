package io.ponte.registrar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.ponte.auth.digest.DigestAuthenticator;
import io.ponte.auth.digest.DigestAuthenticator.Decision;
import io.ponte.auth.digest.DigestSetup;
import io.ponte.config.PonteSettings;
import io.ponte.sip.Extension;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;
import io.ponte.stats.SipStatistics;
import io.ponte.subscriber.Subscriber;
import io.ponte.subscriber.SubscriberDirectory;
import io.ponte.subscriber.SubscriberDirectory.Credentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The registrar of RFC 3261 section 10.3: authenticates REGISTER requests and keeps each subscriber's
 * bindings in the database, so every node sees them and they outlive a restart. Only the binding
 * change itself runs in a transaction; challenges need no database work beyond a cached lookup.
 */
@ApplicationScoped
public class RegistrarService {

    @PersistenceContext(unitName = "ponte")
    EntityManager em;

    @Inject
    PonteSettings settings;

    @Inject
    SubscriberDirectory directory;

    @Inject
    BindingStore store;

    @Inject
    DigestSetup digest;

    @Inject
    SipStatistics statistics;

    /** Handles one REGISTER; never throws for bad input, answers it. */
    public RegisterOutcome register(RegisterRequest request) {
        Extension extension;
        try {
            extension = request.aor().extension();
        } catch (IllegalArgumentException e) {
            return RegisterOutcome.reject(SipStatus.NOT_FOUND, "Not Found (extension must be digits)");
        }
        if (!settings.inExtensionRange(extension.number())) {
            return RegisterOutcome.reject(SipStatus.NOT_FOUND, "Not Found (extension outside "
                    + settings.extensionMin() + "-" + settings.extensionMax() + ")");
        }
        Optional<Credentials> found = directory.find(extension);
        if (found.isEmpty()) {
            return RegisterOutcome.reject(SipStatus.NOT_FOUND, "Not Found (no such subscriber)");
        }
        Credentials subscriber = found.get();
        DigestAuthenticator auth = digest.authenticator();
        java.util.List<io.ponte.auth.digest.DigestAlgorithm> offered = auth.offeredTo(subscriber.digestAlgorithms());
        Decision decision = auth.authenticate(SipMethods.REGISTER, request.authorization(),
                new DigestAuthenticator.StoredSecret(subscriber.extension(), subscriber.ha1Md5(), subscriber.ha1Sha256()), offered);
        if (decision instanceof Decision.Challenge c) {
            if (request.authorization() != null && !c.stale()) {
                statistics.authFailed();
            }
            return RegisterOutcome.challenge(auth.challenges(c.stale(), offered));
        }
        if (decision instanceof Decision.Forbidden f) {
            statistics.authFailed();
            return RegisterOutcome.reject(SipStatus.FORBIDDEN, "Forbidden (" + f.why() + ")");
        }
        if (decision instanceof Decision.Malformed m) {
            statistics.authFailed();
            return RegisterOutcome.reject(SipStatus.BAD_REQUEST, m.why());
        }
        BindingPlan plan = BindingPlan.of(request, new BindingPlan.Limits(settings.registerMinExpires(),
                settings.registerMaxExpires(), settings.registerDefaultExpires()));
        if (plan.refusal().isPresent()) {
            return plan.refusal().get();
        }
        try {
            return RegisterOutcome.ok(store.apply(subscriber.id(), request, plan));
        } catch (BindingStore.OutOfOrderException e) {
            return RegisterOutcome.reject(SipStatus.BAD_REQUEST, "Out Of Order CSeq");
        }
    }

    /** The live bindings of one subscriber, for the REST API. */
    public List<RegisterOutcome.BoundContact> liveBindings(Subscriber subscriber) {
        return store.live(subscriber.getId());
    }

    /** Every live binding, oldest first. */
    @Transactional
    public List<RegistrationBinding> allLive() {
        return em.createNamedQuery(RegistrationBinding.LIVE, RegistrationBinding.class)
                .setParameter("now", Instant.now()).getResultList();
    }

    /** Live bindings that expire within {@code seconds}. */
    @Transactional
    public List<RegistrationBinding> expiringWithin(long seconds) {
        Instant now = Instant.now();
        return em.createNamedQuery(RegistrationBinding.EXPIRING, RegistrationBinding.class)
                .setParameter("now", now).setParameter("until", now.plusSeconds(seconds)).getResultList();
    }

    /** Drops every binding of {@code subscriber}; returns how many there were. */
    @Transactional
    public int dropBindings(Subscriber subscriber) {
        return em.createNamedQuery(RegistrationBinding.DROP_ALL).setParameter("subscriber", subscriber).executeUpdate();
    }

    /** Deletes bindings whose time is up; returns how many. */
    @Transactional
    public int purgeExpired() {
        digest.authenticator().nonces().purgeExpired();
        return em.createNamedQuery(RegistrationBinding.PURGE).setParameter("now", Instant.now()).executeUpdate();
    }
}
