package dev.pillarboard.scorecard.evidence;

import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Recognises PostgreSQL's unique violation (SQLSTATE 23505) of one named constraint or unique index
 * in an exception's causes: two requests that both passed a "does it exist yet?" check can only be told
 * apart by the database, and the one that loses must get the same 409 as if it had come second.
 */
final class UniqueViolation {

    static final String SQL_STATE = "23505";

    private UniqueViolation() {
    }

    /** Whether {@code failure} (or a cause) is a unique violation of {@code constraint}. */
    static boolean of(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                ServerErrorMessage server = sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
                return server == null || server.getConstraint() == null || constraint.equals(server.getConstraint());
            }
        }
        return false;
    }
}
