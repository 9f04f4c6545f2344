package dev.pillarboard.common;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure to reach the database (it is restarting, down, or refusing connections) from a
 * bug: the first is answered 503 with Retry-After, because the same request succeeds once the
 * database is back, while a bug stays a 500 with an error id.
 *
 * <p>
 * It looks through the whole chain of causes (Hibernate, the transaction manager and
 * {@link Jdbc} wrap the driver's exception) for:
 * <ul>
 * <li>an SQLState of class 08 (connection exception: refused, broken, closed), 57P01
 * (terminating connection due to administrator command), 57P02 (crash shutdown), 57P03 (cannot
 * connect now: starting up or shutting down) or 53300 (too many connections);</li>
 * <li>the JDBC exceptions that say so by their type ({@link SQLTransientConnectionException},
 * {@link SQLRecoverableException});</li>
 * <li>the connection pool giving up waiting for a connection ("Acquisition timeout");</li>
 * <li>a refused TCP connection.</li>
 * </ul>
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /** Whether {@code failure}, or anything that caused it, says the database cannot be reached. */
    public static boolean isOutage(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return search(failure, seen);
    }

    /** The database's own words for a failure: the message of the innermost exception that has one. */
    public static String describe(Throwable failure) {
        String message = null;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static boolean search(Throwable failure, Set<Throwable> seen) {
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (says(t)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getNextException() != null && search(sql.getNextException(), seen)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (search(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean says(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
                || t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                    || state.equals("57P03") || state.equals("53300"))) {
                return true;
            }
            String message = sql.getMessage();
            return message != null && message.startsWith("Acquisition timeout");
        }
        return false;
    }
}
