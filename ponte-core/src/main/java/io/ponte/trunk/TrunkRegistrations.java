package io.ponte.trunk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.ponte.db.DatabaseException;
import io.ponte.db.PonteDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/** How each node's outbound registration of each trunk stands, in {@code sip_trunk_registration} (Flyway V9). */
@ApplicationScoped
public class TrunkRegistrations {

    /** Where one node's registration of a trunk is. */
    public enum State { REGISTERING, REGISTERED, FAILED }

    /** One node's registration of a trunk: its state, the provider's last status and reason, until when it holds. */
    public record Registration(String node, State state, Integer lastStatus, String reason, Instant expiresAt, Instant updatedAt) {
    }

    private static final String SAVE = """
            insert into sip_trunk_registration (trunk_id, node, state, last_status, reason, expires_at, updated_at)
            values (?, ?, ?, ?, ?, ?, now())
            on conflict (trunk_id, node) do update set state = excluded.state, last_status = excluded.last_status,
                reason = excluded.reason, expires_at = excluded.expires_at, updated_at = excluded.updated_at""";

    @Resource(lookup = PonteDataSource.JNDI)
    DataSource dataSource;

    /** Records {@code node}'s registration of trunk {@code trunkId}; a trunk deleted meanwhile is ignored. */
    public void save(long trunkId, String node, State state, Integer lastStatus, String reason, Instant expiresAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SAVE)) {
            s.setLong(1, trunkId);
            s.setString(2, node);
            s.setString(3, state.name());
            if (lastStatus == null) {
                s.setNull(4, Types.INTEGER);
            } else {
                s.setInt(4, lastStatus);
            }
            s.setString(5, reason == null ? null : reason.substring(0, Math.min(255, reason.length())));
            s.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
            s.executeUpdate();
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) { // the trunk is gone
                return;
            }
            throw new DatabaseException("cannot store the registration of trunk " + trunkId, e);
        }
    }

    /** Drops {@code node}'s registration of a trunk it no longer registers. */
    public void forget(long trunkId, String node) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from sip_trunk_registration where trunk_id = ? and node = ?")) {
            s.setLong(1, trunkId);
            s.setString(2, node);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("cannot drop the registration of trunk " + trunkId, e);
        }
    }

    /** Every node's registration of trunk {@code trunkId}. */
    public List<Registration> of(long trunkId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select node, state, last_status, reason, expires_at, updated_at from sip_trunk_registration where trunk_id = ? order by node")) {
            s.setLong(1, trunkId);
            List<Registration> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Integer status = r.getObject(3) == null ? null : r.getInt(3);
                    Timestamp expires = r.getTimestamp(5);
                    out.add(new Registration(r.getString(1), State.valueOf(r.getString(2)), status, r.getString(4),
                            expires == null ? null : expires.toInstant(), r.getTimestamp(6).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the registrations of trunk " + trunkId, e);
        }
    }
}
