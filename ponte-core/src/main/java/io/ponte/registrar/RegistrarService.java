package io.ponte.registrar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ponte.auth.digest.DigestAuthenticator;
import io.ponte.auth.digest.DigestAuthenticator.Decision;
import io.ponte.auth.digest.DigestSetup;
import io.ponte.config.PonteSettings;
import io.ponte.registrar.RegisterOutcome.BoundContact;
import io.ponte.registrar.RegisterRequest.ContactSpec;
import io.ponte.sip.Extension;
import io.ponte.sip.SipMethods;
import io.ponte.sip.SipStatus;
import io.ponte.stats.SipStatistics;
import io.ponte.subscriber.Subscriber;
import io.ponte.subscriber.SubscriberRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The registrar of RFC 3261 section 10.3: authenticates REGISTER requests and keeps each subscriber's
 * bindings in the database, so every node sees them and they outlive a restart.
 */
@ApplicationScoped
@Transactional
public class RegistrarService {

    @PersistenceContext(unitName = "ponte")
    EntityManager em;

    @Inject
    PonteSettings settings;

    @Inject
    SubscriberRepository subscribers;

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
        Optional<Subscriber> found = subscribers.find(extension);
        if (found.isEmpty()) {
            return RegisterOutcome.reject(SipStatus.NOT_FOUND, "Not Found (no such subscriber)");
        }
        Subscriber subscriber = found.get();
        DigestAuthenticator auth = digest.authenticator();
        Decision decision = auth.authenticate(SipMethods.REGISTER, request.authorization(),
                new DigestAuthenticator.StoredSecret(subscriber.getExtension(), subscriber.getHa1Md5(), subscriber.getHa1Sha256()));
        if (decision instanceof Decision.Challenge c) {
            if (request.authorization() != null && !c.stale()) {
                statistics.authFailed();
            }
            return RegisterOutcome.challenge(auth.challenges(c.stale()));
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
        return apply(subscriber, request, plan);
    }

    private RegisterOutcome apply(Subscriber subscriber, RegisterRequest request, BindingPlan plan) {
        Instant now = Instant.now();
        em.lock(subscriber, LockModeType.PESSIMISTIC_WRITE); // one REGISTER per address of record at a time
        Map<String, RegistrationBinding> current = new HashMap<>();
        for (RegistrationBinding b : bindingsOf(subscriber)) {
            if (b.getExpiresAt().isAfter(now)) {
                current.put(b.getContactUri(), b);
            } else {
                em.remove(b);
            }
        }
        for (String uri : plan.touched()) {
            RegistrationBinding b = current.get(uri);
            if (b != null && outOfOrder(b, request)) {
                return RegisterOutcome.reject(SipStatus.BAD_REQUEST, "Out Of Order CSeq");
            }
        }
        if (plan.removeAll()) {
            current.values().forEach(em::remove);
            current.clear();
        }
        for (String uri : plan.removals().keySet()) {
            RegistrationBinding b = current.remove(uri);
            if (b != null) {
                em.remove(b);
            }
        }
        for (ContactSpec c : plan.upserts().values()) {
            RegistrationBinding b = current.get(c.uri());
            boolean added = b == null;
            if (added) {
                b = new RegistrationBinding(subscriber, c.uri(), now);
                current.put(c.uri(), b);
            }
            b.refresh(request.callId(), request.cseq(), now.plusSeconds(c.expires()), c.q(), request.userAgent(),
                    request.source(), now);
            if (added) {
                em.persist(b);
            }
        }
        return RegisterOutcome.ok(view(current.values(), now));
    }

    /** RFC 3261 10.3 step 7: same Call-ID with a CSeq not above the stored one must not update. */
    private static boolean outOfOrder(RegistrationBinding b, RegisterRequest request) {
        return b.getCallId() != null && b.getCallId().equals(request.callId()) && request.cseq() <= b.getCseq();
    }

    /** The live bindings of one subscriber, for the query-only REGISTER and the REST API. */
    public List<BoundContact> liveBindings(Subscriber subscriber) {
        Instant now = Instant.now();
        return view(bindingsOf(subscriber).stream().filter(b -> b.getExpiresAt().isAfter(now)).toList(), now);
    }

    /** Every live binding, oldest first. */
    public List<RegistrationBinding> allLive() {
        return em.createNamedQuery(RegistrationBinding.LIVE, RegistrationBinding.class)
                .setParameter("now", Instant.now()).getResultList();
    }

    /** Live bindings that expire within {@code seconds}. */
    public List<RegistrationBinding> expiringWithin(long seconds) {
        Instant now = Instant.now();
        return em.createNamedQuery(RegistrationBinding.EXPIRING, RegistrationBinding.class)
                .setParameter("now", now).setParameter("until", now.plusSeconds(seconds)).getResultList();
    }

    /** Drops every binding of {@code subscriber}; returns how many there were. */
    public int dropBindings(Subscriber subscriber) {
        return em.createNamedQuery(RegistrationBinding.DROP_ALL).setParameter("subscriber", subscriber).executeUpdate();
    }

    /** Deletes bindings whose time is up; returns how many. */
    public int purgeExpired() {
        digest.authenticator().nonces().purgeExpired();
        return em.createNamedQuery(RegistrationBinding.PURGE).setParameter("now", Instant.now()).executeUpdate();
    }

    private List<RegistrationBinding> bindingsOf(Subscriber subscriber) {
        return em.createNamedQuery(RegistrationBinding.BY_SUBSCRIBER, RegistrationBinding.class)
                .setParameter("subscriber", subscriber).getResultList();
    }

    private static List<BoundContact> view(java.util.Collection<RegistrationBinding> bindings, Instant now) {
        List<BoundContact> out = new ArrayList<>();
        for (RegistrationBinding b : bindings) {
            long remaining = Math.max(0, b.getExpiresAt().getEpochSecond() - now.getEpochSecond());
            out.add(new BoundContact(b.getContactUri(), remaining, b.getQ()));
        }
        return out;
    }
}
