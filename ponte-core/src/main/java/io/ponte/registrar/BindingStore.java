package io.ponte.registrar;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.ponte.db.DatabaseException;
import io.ponte.db.PonteDataSource;
import io.ponte.registrar.RegisterOutcome.BoundContact;
import io.ponte.registrar.RegisterRequest.ContactSpec;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies a {@link BindingPlan} to the database in one short transaction, with statements that are
 * safe when several nodes register the same address of record at once: an insert-or-update per
 * contact keyed by (subscriber, contact), guarded by the RFC 3261 10.3 step 7 Call-ID/CSeq rule.
 * Expiry times are computed by the database clock, the one clock all nodes share. Plain JDBC on the
 * container's pool: this runs for every REGISTER, and an entity manager per call was the costliest part
 * of a registration.
 */
@ApplicationScoped
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
            values (?, ?, ?, ?, ?, now() + ? * interval '1 second', ?, ?, now(), now())
            on conflict (subscriber_id, contact_uri) do update
               set q_value = excluded.q_value, call_id = excluded.call_id, cseq = excluded.cseq,
                   expires_at = excluded.expires_at, user_agent = excluded.user_agent,
                   source_address = excluded.source_address, updated_at = now(),
                   registered_at = case when registration_binding.expires_at <= now() then now()
                                        else registration_binding.registered_at end
             where registration_binding.call_id <> excluded.call_id
                or registration_binding.cseq < excluded.cseq
                or registration_binding.expires_at <= now()
            returning registered_at = now()
            """;

    private static final String REMOVE = """
            delete from registration_binding
             where subscriber_id = ? and contact_uri = ?
               and not (call_id = ? and cseq >= ? and expires_at > now())
            """;

    private static final String REMOVE_ALL = "delete from registration_binding where subscriber_id = ? and expires_at > now() returning contact_uri";
    private static final String REMOVE_ALL_EXPIRED = "delete from registration_binding where subscriber_id = ?";

    private static final String PURGE = """
            delete from registration_binding b using subscriber s
             where s.id = b.subscriber_id and b.expires_at <= now()
            returning s.extension, b.contact_uri""";

    private static final String LIVE = """
            select subscriber_id, contact_uri, cast(ceil(extract(epoch from (expires_at - now()))) as bigint), q_value
              from registration_binding
             where expires_at > now()""";

    /** The REGISTER would leave more contacts bound than allowed; nothing it asked for was done. */
    public static class TooManyContactsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TooManyContactsException(long subscriberId, int live) {
            super("subscriber " + subscriberId + " would have " + live + " contacts");
        }
    }

    @Resource(lookup = PonteDataSource.JNDI)
    DataSource dataSource;

    /**
     * Carries out {@code plan} for the subscriber and returns its live bindings afterwards, in one
     * transaction: its own, or the caller's JTA transaction if one is active.
     *
     * @throws OutOfOrderException (rolling everything back) if a contact was registered with the same
     *                             Call-ID and a CSeq at least as high
     * @throws TooManyContactsException (rolling everything back) if more than {@code maxContacts} contacts
     *                             would be bound afterwards
     */
    public Applied apply(long subscriberId, RegisterRequest request, BindingPlan plan, int maxContacts) {
        try (Connection c = dataSource.getConnection()) {
            boolean own = c.getAutoCommit(); // false: enlisted in the caller's transaction
            if (own) {
                c.setAutoCommit(false);
            }
            try {
                Applied live = apply(c, subscriberId, request, plan);
                if (live.live().size() > maxContacts) {
                    throw new TooManyContactsException(subscriberId, live.live().size());
                }
                if (own) {
                    c.commit();
                }
                return live;
            } catch (SQLException | RuntimeException e) {
                if (own) {
                    c.rollback();
                }
                throw e;
            } finally {
                if (own) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("storing the bindings of subscriber " + subscriberId, e);
        }
    }

    private static Applied apply(Connection c, long subscriberId, RegisterRequest request, BindingPlan plan)
            throws SQLException {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        if (plan.removeAll()) {
            try (PreparedStatement s = c.prepareStatement(REMOVE_ALL)) {
                s.setLong(1, subscriberId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        removed.add(r.getString(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(REMOVE_ALL_EXPIRED)) {
                s.setLong(1, subscriberId);
                s.executeUpdate();
            }
        }
        for (String uri : plan.removals().keySet()) {
            try (PreparedStatement s = c.prepareStatement(REMOVE)) {
                s.setLong(1, subscriberId);
                s.setString(2, uri);
                s.setString(3, request.callId());
                s.setLong(4, request.cseq());
                if (s.executeUpdate() > 0) {
                    removed.add(uri);
                }
            }
        }
        for (ContactSpec contact : plan.upserts().values()) {
            try (PreparedStatement s = c.prepareStatement(UPSERT)) {
                s.setLong(1, subscriberId);
                s.setString(2, contact.uri());
                if (contact.q() == null) {
                    s.setNull(3, Types.DOUBLE);
                } else {
                    s.setDouble(3, contact.q());
                }
                s.setString(4, request.callId());
                s.setLong(5, request.cseq());
                s.setLong(6, contact.expires());
                s.setString(7, request.userAgent());
                s.setString(8, request.source());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new OutOfOrderException(contact.uri());
                    }
                    if (r.getBoolean(1)) {
                        added.add(contact.uri());
                    }
                }
            }
        }
        return new Applied(live(c, subscriberId), added, removed);
    }

    /**
     * What a REGISTER changed: the live bindings afterwards, the contacts that were not bound before, and
     * the live ones it removed (refreshes are neither).
     */
    public record Applied(List<BoundContact> live, List<String> added, List<String> removed) {
    }

    /** Deletes the bindings whose time is up, returning each one's extension and contact. */
    public List<Map.Entry<String, String>> purgeExpired() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PURGE); ResultSet r = s.executeQuery()) {
            List<Map.Entry<String, String>> out = new ArrayList<>();
            while (r.next()) {
                out.add(Map.entry(r.getString(1), r.getString(2)));
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException("deleting expired bindings", e);
        }
    }

    /** The subscriber's bindings that have not expired, with their remaining seconds. */
    public List<BoundContact> live(long subscriberId) {
        try (Connection c = dataSource.getConnection()) {
            return live(c, subscriberId);
        } catch (SQLException e) {
            throw new DatabaseException("reading the bindings of subscriber " + subscriberId, e);
        }
    }

    private static List<BoundContact> live(Connection c, long subscriberId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LIVE + " and subscriber_id = ? order by id")) {
            s.setLong(1, subscriberId);
            return liveBySubscriber(s).getOrDefault(subscriberId, List.of());
        }
    }

    /** Every live binding, grouped by subscriber id, in one query (for listings of all subscribers). */
    public Map<Long, List<BoundContact>> allLive() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LIVE + " order by id")) {
            return liveBySubscriber(s);
        } catch (SQLException e) {
            throw new DatabaseException("reading all bindings", e);
        }
    }

    /** How many bindings are live, and for how many subscribers. */
    public LiveCounts liveCounts() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*), count(distinct subscriber_id) from registration_binding where expires_at > now()");
             ResultSet r = s.executeQuery()) {
            r.next();
            return new LiveCounts(r.getLong(1), r.getLong(2));
        } catch (SQLException e) {
            throw new DatabaseException("counting bindings", e);
        }
    }

    /** Live bindings and the subscribers they belong to. */
    public record LiveCounts(long bindings, long subscribers) {
    }

    private static Map<Long, List<BoundContact>> liveBySubscriber(PreparedStatement s) throws SQLException {
        Map<Long, List<BoundContact>> out = new HashMap<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                double q = r.getDouble(4);
                Double qOrNull = r.wasNull() ? null : q;
                out.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                        .add(new BoundContact(r.getString(2), r.getLong(3), qOrNull));
            }
        }
        return out;
    }
}
