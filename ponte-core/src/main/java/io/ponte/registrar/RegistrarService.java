package io.ponte.registrar;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ponte.auth.SubscriberAuthenticator;
import io.ponte.auth.SubscriberAuthenticator.Verdict;
import io.ponte.auth.digest.DigestSetup;
import io.ponte.config.PonteSettings;
import io.ponte.security.Peer;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;
import io.ponte.subscriber.Subscriber;
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
    SubscriberAuthenticator authenticator;

    @Inject
    BindingStore store;

    @Inject
    RegistrationEvents events;

    @Inject
    DigestSetup digest;

    /** Handles one REGISTER; never throws for bad input, answers it. */
    public RegisterOutcome register(RegisterRequest request) {
        Verdict verdict = authenticator.authenticate(request.aor().user(), SipMethods.REGISTER, request.authorization(),
                Peer.parse(request.source(), request.transport()));
        if (verdict instanceof Verdict.Challenge c) {
            return RegisterOutcome.challenge(c.challenges());
        }
        if (verdict instanceof Verdict.Malformed m) {
            return RegisterOutcome.reject(SipStatus.BAD_REQUEST, m.why());
        }
        if (!(verdict instanceof Verdict.Authenticated authenticated)) {
            return RegisterOutcome.reject(SipStatus.FORBIDDEN, "Forbidden");
        }
        Credentials subscriber = authenticated.subscriber();
        BindingPlan plan = BindingPlan.of(request, new BindingPlan.Limits(settings.registerMinExpires(),
                settings.registerMaxExpires(), settings.registerDefaultExpires(), settings.registerMaxContacts()));
        if (plan.refusal().isPresent()) {
            return plan.refusal().get();
        }
        try {
            BindingStore.Applied applied = store.apply(subscriber.id(), request, plan, settings.registerMaxContacts());
            events.changed(request, applied);
            return RegisterOutcome.ok(applied.live());
        } catch (BindingStore.OutOfOrderException e) {
            return RegisterOutcome.reject(SipStatus.BAD_REQUEST, "Out Of Order CSeq");
        } catch (BindingStore.TooManyContactsException e) {
            return BindingPlan.tooManyContacts(settings.registerMaxContacts());
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
        store.live(subscriber.getId()).forEach(b -> events.removed(subscriber.getExtension(), b.uri()));
        return em.createNamedQuery(RegistrationBinding.DROP_ALL).setParameter("subscriber", subscriber).executeUpdate();
    }

    /** Deletes bindings whose time is up; returns how many. */
    @Transactional
    public int purgeExpired() {
        digest.authenticator().nonces().purgeExpired();
        List<Map.Entry<String, String>> expired = store.purgeExpired();
        expired.forEach(e -> events.expired(e.getKey(), e.getValue()));
        return expired.size();
    }
}
