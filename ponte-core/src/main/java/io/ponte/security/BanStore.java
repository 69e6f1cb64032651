package io.ponte.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.ponte.db.DatabaseException;
import io.ponte.db.PonteDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/** The bans every node enforces, in table {@code sip_ban} (Flyway V7). */
@ApplicationScoped
public class BanStore {

    private static final String SAVE = """
            insert into sip_ban (address, reason, origin, created_at, expires_at) values (?, ?, ?, ?, ?)
            on conflict (address) do update set reason = excluded.reason, origin = excluded.origin,
                created_at = excluded.created_at, expires_at = excluded.expires_at""";
    private static final String ACTIVE = "select address, reason, origin, created_at, expires_at from sip_ban where expires_at > now()";

    @Resource(lookup = PonteDataSource.JNDI)
    DataSource dataSource;

    public void save(Ban ban) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SAVE)) {
            s.setString(1, ban.address());
            s.setString(2, ban.reason());
            s.setString(3, ban.origin().name());
            s.setTimestamp(4, Timestamp.from(ban.created()));
            s.setTimestamp(5, Timestamp.from(ban.expires()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("cannot store the ban of " + ban.address(), e);
        }
    }

    /** Deletes the ban on {@code address}; true if there was one in force. */
    public boolean delete(String address) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from sip_ban where address = ? returning expires_at > now()")) {
            s.setString(1, address);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot lift the ban of " + address, e);
        }
    }

    /** Bans in force; expired rows are deleted on the way. */
    public List<Ban> active() {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement purge = c.prepareStatement("delete from sip_ban where expires_at <= now()")) {
                purge.executeUpdate();
            }
            List<Ban> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(ACTIVE); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Ban(r.getString(1), r.getString(2), r.getTimestamp(4).toInstant(),
                            r.getTimestamp(5).toInstant(), Ban.Origin.valueOf(r.getString(3))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the bans", e);
        }
    }
}
