package io.jinchuang.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** What a command prints when it fails unexpectedly: the wrapper's message and why. */
class MainFailureTest {
    @Test
    void namesEachCauseTheMessageDoesNotHoldAlready() {
        Throwable failed = new DataAccessException("Cannot commit transaction",
                new SQLException("General error: \"java.lang.IllegalStateException: chunk 7 not found\" [50000-252]",
                        new IllegalStateException("chunk 7 not found")));
        assertEquals("Cannot commit transaction (cause: General error: \"java.lang.IllegalStateException: "
                + "chunk 7 not found\" [50000-252])", Main.failure(failed));
    }

    @Test
    void keepsTheOrderOfSeveralCausesAndNamesTheClassOfASilentOne() {
        Throwable failed = new IllegalStateException("storing the report failed",
                new java.io.UncheckedIOException("disk full", new IOException()));
        assertEquals("storing the report failed (cause: disk full; java.io.IOException)", Main.failure(failed));
    }

    @Test
    void aMessageThatSaysItAllStaysAsItIs() {
        assertEquals("--year must be a year", Main.failure(new IllegalArgumentException("--year must be a year")));
        assertEquals("SQL [select 1]; Timeout", Main.failure(
                new DataAccessException("SQL [select 1]; Timeout", new SQLException("Timeout"))));
    }

    @Test
    void aCauseLoopEnds() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.initCause(second);
        assertEquals("first (cause: second)", Main.failure(first));
    }
}
