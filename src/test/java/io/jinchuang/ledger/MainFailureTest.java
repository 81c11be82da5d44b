package io.jinchuang.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** What a command prints when it fails unexpectedly: the wrapper's message and why. */
class MainFailureTest {
    @Test
    void namesTheDeepestCauseBehindTheWrappers() {
        // as H2 2.5.252 failed under a reconcile: jOOQ's wrapper, H2's two, and the cause
        Throwable failed = new DataAccessException("Cannot commit transaction",
                new SQLException("General error: \"org.h2.mvstore.MVStoreException: java.lang.NullPointerException\"",
                        new IllegalStateException("java.lang.NullPointerException [2.5.252/3]",
                                new NullPointerException("Cannot read field \"time\" because \"<local8>\" is null"))));
        assertEquals("Cannot commit transaction (cause: java.lang.NullPointerException: Cannot read field \"time\" "
                + "because \"<local8>\" is null)", Main.failure(failed));
    }

    @Test
    void aCauseWithoutAMessageGivesWayToOneWithIt() {
        Throwable failed = new IllegalStateException("storing the report failed",
                new java.io.UncheckedIOException("disk full", new IOException()));
        assertEquals("storing the report failed (cause: java.io.UncheckedIOException: disk full)",
                Main.failure(failed));
    }

    @Test
    void aMessageThatSaysItAllStaysAsItIs() {
        assertEquals("--year must be a year", Main.failure(new IllegalArgumentException("--year must be a year")));
        assertEquals("SQL [select 1]; Timeout", Main.failure(
                new DataAccessException("SQL [select 1]; Timeout", new SQLException("Timeout"))));
        assertEquals("java.lang.IllegalStateException", Main.failure(new IllegalStateException()));
    }

    @Test
    void aCauseLoopEnds() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.initCause(second);
        assertEquals("first (cause: java.lang.Exception: second)", Main.failure(first));
    }
}
