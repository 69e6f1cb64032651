package io.ponte.registrar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;

import io.ponte.registrar.RegisterOutcome.BoundContact;
import io.ponte.registrar.RegisterRequest.ContactSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Applies a {@link BindingPlan} to the database in one short transaction, with statements that are
 * safe when several nodes register the same address of record at once: an insert-or-update per
 * contact keyed by (subscriber, contact), guarded by the RFC 3261 10.3 step 7 Call-ID/CSeq rule.
 * Expiry times are computed by the database clock, the one clock all nodes share.
 */
@ApplicationScoped
@Transactional
public class BindingStore {

    /** The request reused a Call-ID with a CSeq not above the stored one (RFC 3261 10.3 step 7). */
    public static class OutOfOrderException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public OutOfOrderException(String contact) {
            super("out of order CSeq for " + contact);
        }
    }

    private static final String UPSERT = """
            insert into registration_binding (subscriber_id, contact_uri, q_value, call_id, cseq, expires_at,
                                              user_agent, source_address, registered_at, updated_at)
            values (?1, ?2, ?3, ?4, ?5, now() + ?6 * interval '1 second', ?7, ?8, now(), now())
            on conflict (subscriber_id, contact_uri) do update
               set q_value = excluded.q_value, call_id = excluded.call_id, cseq = excluded.cseq,
                   expires_at = excluded.expires_at, user_agent = excluded.user_agent,
                   source_address = excluded.source_address, updated_at = now()
             where registration_binding.call_id <> excluded.call_id
                or registration_binding.cseq < excluded.cseq
                or registration_binding.expires_at <= now()
            """;

    private static final String REMOVE = """
            delete from registration_binding
             where subscriber_id = ?1 and contact_uri = ?2
               and not (call_id = ?3 and cseq >= ?4 and expires_at > now())
            """;

    @PersistenceContext(unitName = "ponte")
    EntityManager em;

    /**
     * Carries out {@code plan} for the subscriber and returns its live bindings afterwards.
     *
     * @throws OutOfOrderException (rolling everything back) if a contact was registered with the same
     *                             Call-ID and a CSeq at least as high
     */
    public List<BoundContact> apply(long subscriberId, RegisterRequest request, BindingPlan plan) {
        if (plan.removeAll()) {
            em.createNativeQuery("delete from registration_binding where subscriber_id = ?1")
                    .setParameter(1, subscriberId).executeUpdate();
        }
        for (String uri : plan.removals().keySet()) {
            em.createNativeQuery(REMOVE).setParameter(1, subscriberId).setParameter(2, uri)
                    .setParameter(3, request.callId()).setParameter(4, request.cseq()).executeUpdate();
        }
        for (ContactSpec c : plan.upserts().values()) {
            int changed = em.createNativeQuery(UPSERT)
                    .setParameter(1, subscriberId)
                    .setParameter(2, c.uri())
                    .setParameter(3, new TypedParameterValue<>(StandardBasicTypes.DOUBLE, c.q()))
                    .setParameter(4, request.callId())
                    .setParameter(5, request.cseq())
                    .setParameter(6, c.expires())
                    .setParameter(7, new TypedParameterValue<>(StandardBasicTypes.STRING, request.userAgent()))
                    .setParameter(8, new TypedParameterValue<>(StandardBasicTypes.STRING, request.source()))
                    .executeUpdate();
            if (changed == 0) {
                throw new OutOfOrderException(c.uri());
            }
        }
        return live(subscriberId);
    }

    private static final String LIVE = """
            select subscriber_id, contact_uri, cast(ceil(extract(epoch from (expires_at - now()))) as bigint), q_value
              from registration_binding
             where expires_at > now()""";

    /** The subscriber's bindings that have not expired, with their remaining seconds. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<BoundContact> live(long subscriberId) {
        return liveBySubscriber(em.createNativeQuery(LIVE + " and subscriber_id = ?1 order by id")
                .setParameter(1, subscriberId).getResultList()).getOrDefault(subscriberId, List.of());
    }

    /** Every live binding, grouped by subscriber id, in one query (for listings of all subscribers). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, List<BoundContact>> allLive() {
        return liveBySubscriber(em.createNativeQuery(LIVE + " order by id").getResultList());
    }

    /** How many bindings are live, and for how many subscribers. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LiveCounts liveCounts() {
        Object[] r = (Object[]) em.createNativeQuery(
                "select count(*), count(distinct subscriber_id) from registration_binding where expires_at > now()")
                .getSingleResult();
        return new LiveCounts(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }

    /** Live bindings and the subscribers they belong to. */
    public record LiveCounts(long bindings, long subscribers) {
    }

    private static Map<Long, List<BoundContact>> liveBySubscriber(List<?> rows) {
        Map<Long, List<BoundContact>> out = new HashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            out.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add(new BoundContact((String) r[1], ((Number) r[2]).longValue(),
                            r[3] == null ? null : ((Number) r[3]).doubleValue()));
        }
        return out;
    }
}
