package dev.pillarboard.scorecard.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

/**
 * Direct SQL for preconditions the API cannot create quickly (time travel: a review made 100 days
 * ago, an attestation about to lapse) and for assertions on stored state.
 */
public final class Db {

    private Db() {
    }

    public static int update(String sql, Object... params) {
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long queryLong(String sql, Object... params) {
        Long value = query(sql, params, rs -> rs.getLong(1));
        return value == null ? -1 : value;
    }

    /** The first column of the first row, or null when there is no row. */
    private static <T> T query(String sql, Object[] params, Column<T> column) {
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? column.read(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public static Session session() {
        try {
            Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection();
            c.setAutoCommit(false);
            return new Session(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** See {@link #session()}. */
    public static final class Session implements AutoCloseable {
        private final Connection c;

        private Session(Connection c) {
            this.c = c;
        }

        public long queryLong(String sql, Object... params) {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -1;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try {
                c.rollback();
                c.setAutoCommit(true);
                try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                    unlock.execute();
                }
                c.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static String queryString(String sql, Object... params) {
        return query(sql, params, rs -> rs.getString(1));
    }

    /** Sessions waiting for a lock whose query contains the text (e.g. the evaluator waiting for a locked product). */
    public static long waitingForLock(String queryContains) {
        return queryLong("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                    AND query LIKE '%' || ? || '%'""", queryContains);
    }

    /** Queues a product for re-evaluation, as any input change does. */
    public static void requeue(String product) {
        update("INSERT INTO evaluation_queue (product, queued_at) VALUES (?, now()) ON CONFLICT DO NOTHING", product);
    }
}
