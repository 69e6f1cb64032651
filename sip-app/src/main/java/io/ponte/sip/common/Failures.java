package io.ponte.sip.common;

import java.sql.SQLException;
import java.util.Set;

/** Tells a failure of something Ponte depends on (the database is down) from a bug. */
public final class Failures {

    private static final Set<String> UNAVAILABLE = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "jakarta.resource.ResourceException",
            "java.net.ConnectException");

    private Failures() {
    }

    /** Whether {@code failure} was caused by a dependency being unreachable, so retrying later may work. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true; // SQLSTATE class 08: connection exception
            }
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (UNAVAILABLE.contains(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
