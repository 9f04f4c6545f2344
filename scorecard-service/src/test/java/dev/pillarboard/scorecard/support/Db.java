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
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
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

    /** Queues a product for re-evaluation, as any input change does. */
    public static void requeue(String product) {
        update("INSERT INTO evaluation_queue (product, queued_at) VALUES (?, now()) ON CONFLICT DO NOTHING", product);
    }
}
