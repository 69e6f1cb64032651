package io.ponte.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.ponte.db.DatabaseException;
import io.ponte.db.PonteDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/** The events of every node, in table {@code event_log} (Flyway V8), by increasing id. */
@ApplicationScoped
public class EventStore {

    private static final String APPEND = "insert into event_log (occurred_at, type, node, payload) values (?, ?, ?, ?)";
    private static final String AFTER = "select id, occurred_at, type, node, payload from event_log where id > ? order by id limit ?";

    @Resource(lookup = PonteDataSource.JNDI)
    DataSource dataSource;

    /** Stores {@code events} in one transaction, in order (so their ids increase in that order). */
    public void append(String node, List<PonteEvent.Pending> events) {
        try (Connection c = dataSource.getConnection()) {
            boolean own = c.getAutoCommit();
            if (own) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement s = c.prepareStatement(APPEND)) {
                for (PonteEvent.Pending e : events) {
                    s.setTimestamp(1, Timestamp.from(e.at()));
                    s.setString(2, e.type());
                    s.setString(3, node);
                    s.setString(4, e.payload().toString());
                    s.addBatch();
                }
                s.executeBatch();
                if (own) {
                    c.commit();
                }
            } catch (SQLException e) {
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
            throw new DatabaseException("cannot store " + events.size() + " events", e);
        }
    }

    /** Up to {@code limit} events with an id above {@code id}, lowest first. */
    public List<PonteEvent> after(long id, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(AFTER)) {
            s.setLong(1, id);
            s.setInt(2, limit);
            List<PonteEvent> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new PonteEvent(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4), r.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the events after " + id, e);
        }
    }

    /** The highest id stored, 0 if none. */
    public long head() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select coalesce(max(id), 0) from event_log");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the last event id", e);
        }
    }

    /** Deletes events that happened before {@code before}; returns how many. */
    public int purge(Instant before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from event_log where occurred_at < ?")) {
            s.setTimestamp(1, Timestamp.from(before));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("cannot delete old events", e);
        }
    }
}
