package dev.pillarboard.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

/**
 * The one place where a store's JDBC work meets {@link SQLException}: a connection of the data
 * source (enlisted in the caller's transaction, if there is one) for the work, closed afterwards,
 * and a failure rethrown unchecked as "Could not <what>: <database message>".
 */
public final class Jdbc {

    /** Work on a connection that returns a result. */
    @FunctionalInterface
    public interface Query<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Work on a connection that returns nothing. */
    @FunctionalInterface
    public interface Update {
        void apply(Connection connection) throws SQLException;
    }

    /** A value read from the current row of a result. */
    @FunctionalInterface
    public interface Column<T> {
        T apply(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    /** Runs {@code work}; {@code what} completes "Could not ..." in the message of a failure. */
    public static <T> T query(DataSource dataSource, String what, Query<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * The value {@code column} reads from the one row of {@code sql}, a query without parameters that always answers
     * one row (an aggregate, {@code EXISTS}, a singleton table's row).
     */
    public static <T> T single(DataSource dataSource, String what, String sql, Column<T> column) {
        return query(dataSource, what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no row from " + sql);
                }
                return column.apply(row);
            }
        });
    }

    /** Runs {@code work}; {@code what} completes "Could not ..." in the message of a failure. */
    public static void update(DataSource dataSource, String what, Update work) {
        query(dataSource, what, connection -> {
            work.apply(connection);
            return null;
        });
    }

    /**
     * Binds {@code params} to the statement's parameters from the first on, a {@code String[]} as a
     * {@code text[]} (for {@code = ANY (?)}); returns the index of the next parameter.
     */
    public static int bind(PreparedStatement statement, List<Object> params) throws SQLException {
        int i = 1;
        for (Object param : params) {
            if (param instanceof String[] values) {
                statement.setArray(i++, statement.getConnection().createArrayOf("text", values));
            } else {
                statement.setObject(i++, param);
            }
        }
        return i;
    }

    /**
     * Sets a PostgreSQL setting for the rest of the connection's current transaction only ({@code SET LOCAL}), e.g.
     * {@code synchronous_commit} {@code off}; it ends with the transaction, whatever the pool does with the connection.
     */
    public static void setLocal(Connection connection, String setting, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
            statement.setString(1, setting);
            statement.setString(2, value);
            statement.execute();
        }
    }

    /** The unchecked exception for a failed {@code what}. */
    public static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
    }
}
