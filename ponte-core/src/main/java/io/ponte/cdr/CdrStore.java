package io.ponte.cdr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;

import io.ponte.call.Disposition;
import io.ponte.media.MediaCounters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/** Writes call detail records (idempotently, by record id) and their dead letters, and reads them back for the API. */
@ApplicationScoped
@Transactional
public class CdrStore {

    private static final String INSERT = """
            insert into call_record (record_id, call_id, caller, callee, started_at, answered_at, ended_at, duration_ms,
                                     billable_seconds, disposition, final_status, hangup_side,
                                     caller_rtp_packets, caller_rtp_bytes, caller_rtp_errors,
                                     callee_rtp_packets, callee_rtp_bytes, callee_rtp_errors,
                                     caller_rtp_lost, caller_jitter_ms, caller_mos,
                                     callee_rtp_lost, callee_jitter_ms, callee_mos,
                                     caller_kind, callee_kind, caller_connectycube_user_id, callee_connectycube_user_id,
                                     end_reason, truncated_fields)
            values (cast(?28 as uuid), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                    ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?29, ?30)
            on conflict (record_id) do nothing
            """;

    private static final String REJECT = """
            insert into call_record_rejected (record_id, call_id, record, reason)
            values (cast(?1 as uuid), ?2, ?3, ?4)
            on conflict (record_id) do nothing
            """;

    /** One page of records and how many match in all. */
    public record Page(List<CallRecord> records, long total) {
    }

    @PersistenceContext(unitName = "ponte")
    EntityManager em;

    /** Stores the records in one transaction; records already stored are skipped. */
    public void insert(List<CallDetail> details) {
        for (CallDetail d : details) {
            em.createNativeQuery(INSERT)
                    .setParameter(1, d.callId())
                    .setParameter(2, d.caller())
                    .setParameter(3, d.callee())
                    .setParameter(4, d.startedAt())
                    .setParameter(5, new TypedParameterValue<>(StandardBasicTypes.INSTANT, d.answeredAt()))
                    .setParameter(6, d.endedAt())
                    .setParameter(7, d.durationMillis())
                    .setParameter(8, d.billableSeconds())
                    .setParameter(9, d.disposition().name())
                    .setParameter(10, d.finalStatus())
                    .setParameter(11, new TypedParameterValue<>(StandardBasicTypes.STRING, d.hangupSide()))
                    .setParameter(12, count(d.fromCaller(), MediaCounters::packets))
                    .setParameter(13, count(d.fromCaller(), MediaCounters::bytes))
                    .setParameter(14, count(d.fromCaller(), MediaCounters::errors))
                    .setParameter(15, count(d.fromCallee(), MediaCounters::packets))
                    .setParameter(16, count(d.fromCallee(), MediaCounters::bytes))
                    .setParameter(17, count(d.fromCallee(), MediaCounters::errors))
                    .setParameter(18, count(d.fromCaller(), MediaCounters::lost))
                    .setParameter(19, count(d.fromCaller(), MediaCounters::jitterMillis))
                    .setParameter(20, mos(d.fromCaller()))
                    .setParameter(21, count(d.fromCallee(), MediaCounters::lost))
                    .setParameter(22, count(d.fromCallee(), MediaCounters::jitterMillis))
                    .setParameter(23, mos(d.fromCallee()))
                    .setParameter(24, d.callerKind())
                    .setParameter(25, d.calleeKind())
                    .setParameter(26, new TypedParameterValue<>(StandardBasicTypes.LONG, d.callerConnectycubeUserId()))
                    .setParameter(27, new TypedParameterValue<>(StandardBasicTypes.LONG, d.calleeConnectycubeUserId()))
                    .setParameter(28, d.recordId().toString())
                    .setParameter(29, new TypedParameterValue<>(StandardBasicTypes.STRING, d.endReason()))
                    .setParameter(30, new TypedParameterValue<>(StandardBasicTypes.STRING, d.truncatedFields()))
                    .executeUpdate();
        }
    }

    /** Sets a refused record aside (a dead letter), once per record id. */
    public void reject(RecordWriter.Rejected r) {
        em.createNativeQuery(REJECT)
                .setParameter(1, new TypedParameterValue<>(StandardBasicTypes.STRING, r.recordId() == null ? null : r.recordId().toString()))
                .setParameter(2, new TypedParameterValue<>(StandardBasicTypes.STRING, r.callId()))
                .setParameter(3, r.record())
                .setParameter(4, r.reason())
                .executeUpdate();
    }

    /** How many records have been set aside as dead letters, by every node. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long rejectedCount() {
        return ((Number) em.createNativeQuery("select count(*) from call_record_rejected").getSingleResult()).longValue();
    }

    /** One side's counter as a nullable BIGINT: null when the side had no media, or the counter is unknown. */
    private static TypedParameterValue<Long> count(MediaCounters c, Function<MediaCounters, Long> which) {
        return new TypedParameterValue<>(StandardBasicTypes.LONG, c == null ? null : which.apply(c));
    }

    private static TypedParameterValue<BigDecimal> mos(MediaCounters c) {
        BigDecimal v = c == null || c.mos() == null ? null : BigDecimal.valueOf(c.mos()).setScale(1, RoundingMode.HALF_UP);
        return new TypedParameterValue<>(StandardBasicTypes.BIG_DECIMAL, v);
    }

    /** Records newest first, filtered by extension (as caller or callee), disposition and start time. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page history(String extension, Disposition disposition, Instant from, Instant to, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object[]> params = new ArrayList<>();
        if (extension != null) {
            where.append(" and (r.caller = :ext or r.callee = :ext)");
            params.add(new Object[] {"ext", extension});
        }
        if (disposition != null) {
            where.append(" and r.disposition = :disposition");
            params.add(new Object[] {"disposition", disposition});
        }
        if (from != null) {
            where.append(" and r.startedAt >= :from");
            params.add(new Object[] {"from", from});
        }
        if (to != null) {
            where.append(" and r.startedAt < :to");
            params.add(new Object[] {"to", to});
        }
        TypedQuery<CallRecord> q = em.createQuery("select r from CallRecord r" + where + " order by r.startedAt desc, r.id desc",
                CallRecord.class);
        TypedQuery<Long> count = em.createQuery("select count(r) from CallRecord r" + where, Long.class);
        for (Object[] p : params) {
            q.setParameter((String) p[0], p[1]);
            count.setParameter((String) p[0], p[1]);
        }
        List<CallRecord> rows = q.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new Page(rows, count.getSingleResult());
    }
}
