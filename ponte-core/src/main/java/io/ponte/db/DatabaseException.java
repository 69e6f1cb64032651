package io.ponte.db;

import java.sql.SQLException;

/** A JDBC statement failed; the {@link SQLException} (and its SQLSTATE) is the cause. */
public class DatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseException(String what, SQLException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
