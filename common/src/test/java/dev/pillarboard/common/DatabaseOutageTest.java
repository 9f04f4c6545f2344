package dev.pillarboard.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void connectionFailuresAreOutagesWhereverTheyAreInTheChain() {
        assertTrue(DatabaseOutage.isOutage(new SQLException("Connection to localhost:5432 refused", "08001")));
        assertTrue(DatabaseOutage.isOutage(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertTrue(DatabaseOutage.isOutage(new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseOutage.isOutage(new SQLException("FATAL: the database system is starting up", "57P03")));
        assertTrue(DatabaseOutage.isOutage(new SQLTransientConnectionException("pool")));
        assertTrue(DatabaseOutage.isOutage(new SQLException("Acquisition timeout while waiting for new connection")));
        // Wrapped the way Jdbc, Hibernate and the transaction manager wrap it.
        SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001", new ConnectException("Connection refused"));
        assertTrue(DatabaseOutage.isOutage(Jdbc.failure("read the products", refused)));
        assertTrue(DatabaseOutage.isOutage(new RuntimeException("wrapper", new IllegalStateException(new ConnectException("refused")))));
        IllegalStateException rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction");
        rollback.addSuppressed(new SQLException("This connection has been closed.", "08003"));
        assertTrue(DatabaseOutage.isOutage(rollback));
        SQLException batch = new SQLException("Batch entry 0 was aborted", "25P02");
        batch.setNextException(new SQLException("terminating connection due to administrator command", "57P01"));
        assertTrue(DatabaseOutage.isOutage(batch));
    }

    @Test
    void bugsAndRefusedDataAreNot() {
        assertFalse(DatabaseOutage.isOutage(new NullPointerException()));
        assertFalse(DatabaseOutage.isOutage(new SQLException("duplicate key value violates unique constraint", "23505")));
        assertFalse(DatabaseOutage.isOutage(Jdbc.failure("write", new SQLException("syntax error at or near", "42601"))));
        assertFalse(DatabaseOutage.isOutage(new IllegalStateException("no jobs today", new SQLException("no jobs today", "P0001"))));
    }

    @Test
    void describesAFailureInTheDatabasesWords() {
        SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001", new ConnectException("Connection refused"));
        assertEquals("Connection refused", DatabaseOutage.describe(Jdbc.failure("read", refused)));
    }
}
