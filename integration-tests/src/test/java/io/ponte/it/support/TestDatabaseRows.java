package io.ponte.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads what Ponte stored, straight from its PostgreSQL, to check what the API cannot show. */
public final class TestDatabaseRows {

    private TestDatabaseRows() {
    }

    /** Binding rows of an extension, expired or not. */
    public static int bindingRows(String extension) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/ponte", "ponte", "ponte");
             PreparedStatement s = c.prepareStatement("select count(*) from registration_binding b join subscriber s"
                     + " on s.id = b.subscriber_id where s.extension = ?")) {
            s.setString(1, extension);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Appends an event to the stream's table as another node of the cluster would (Ponte nodes share the
     * database and nothing else); returns its id.
     */
    public static long appendEventAsNode(String node, String type, String payloadJson) {
        return appendEventsAsNode(node, type, payloadJson, 1).get(0);
    }

    /**
     * Appends {@code count} events at once (one statement, one transaction), as a busy node of the cluster
     * would; returns their ids, lowest first.
     */
    public static java.util.List<Long> appendEventsAsNode(String node, String type, String payloadJson, int count) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/ponte", "ponte", "ponte");
             PreparedStatement s = c.prepareStatement("insert into event_log (occurred_at, type, node, payload)"
                     + " select now(), ?, ?, ? from generate_series(1, ?) returning id")) {
            s.setString(1, type);
            s.setString(2, node);
            s.setString(3, payloadJson);
            s.setInt(4, count);
            java.util.List<Long> ids = new java.util.ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
            ids.sort(null);
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored digest columns of a subscriber, to prove no password is kept. */
    public static String storedSecrets(String extension) {
        return rowText("select s::text from subscriber s where extension = ?", extension);
    }

    /** The stored row of an extension's ConnectyCube mapping, as text, or null. */
    public static String mappingRow(String extension) {
        return rowText("select m::text from connectycube_mapping m join subscriber s on s.id = m.subscriber_id"
                + " where s.extension = ?", extension);
    }

    private static String rowText(String sql, String extension) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/ponte", "ponte", "ponte");
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, extension);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
