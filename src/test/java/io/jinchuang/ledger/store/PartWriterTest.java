package io.jinchuang.ledger.store;

import static io.jinchuang.ledger.db.Tables.API_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.db.tables.records.ApiTokenRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction written in parts ({@link Database#writeInParts}) hands each part to a thread
 * of its own, which sends and commits it while the work goes on. A part that thread fails to
 * write fails the work at its next use of the database, in its own thread, and the ledger is
 * left to be rebuilt from its log, without the transaction, as when a part fails in the
 * work's thread.
 */
class PartWriterTest {
    @TempDir
    Path dir;

    @Test
    void aPartTheWriterFailsFailsTheWorkAtItsNextQueryAndTheRebuildLeavesNothingOfIt() {
        Settings settings = Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString()));
        List<String> seen = new java.util.ArrayList<>();
        try (Ledger ledger = Ledger.open(settings)) {
            DataAccessException failed = assertThrows(DataAccessException.class, () -> ledger.db.writeInParts(1, tx -> {
                tx.insert(token(tx, "part one", "AUDITOR"));
                tx.flushWhenOver(0); // the first part goes to the writer, which commits it
                tx.insert(token(tx, "part two", "NOBODY")); // the role's CHECK refuses it in the writer's thread
                tx.flushWhenOver(0);
                seen.add("the work went on while the writer wrote");
                tx.dsl().fetchCount(API_TOKEN); // waits for the part, and fails with it
                seen.add("the query ran");
                return null;
            }));
            assertEquals(List.of("the work went on while the writer wrote"), seen);
            assertTrue(failed.getMessage().contains("writing a part of the transaction failed"), failed.getMessage());
            assertTrue(failed.getMessage().toUpperCase(java.util.Locale.ROOT).contains("TOKEN_ROLE_CK"),
                    "names what refused the part: " + failed.getMessage());
            assertFalse(ledger.db.healthy(), "H2 committed a part the log will never have");
        }
        assertTrue(Files.exists(dir.resolve(Database.OPEN_MARKER)), "the next open rebuilds H2 from the log");
        try (Ledger ledger = Ledger.open(settings)) {
            assertTrue(ledger.db.healthy());
            assertEquals(Integer.valueOf(0), ledger.db.read(dsl -> dsl.fetchCount(API_TOKEN.where(API_TOKEN.NAME.like("part %")))),
                    "nothing of the failed transaction, not even its committed first part");
        }
    }

    /** The work's next step after a failed part is a read by key ({@code Tx.find}, not a jOOQ query). */
    @Test
    void aReadByKeyAfterAFailedPartFailsWithIt() {
        Settings settings = Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString()));
        try (Ledger ledger = Ledger.open(settings)) {
            List<String> seen = new java.util.ArrayList<>();
            DataAccessException failed = assertThrows(DataAccessException.class, () -> ledger.db.writeInParts(1, tx -> {
                failingPart(tx);
                tx.find(API_TOKEN, "no such hash"); // waits for the part, and fails with it
                seen.add("the read ran");
                return null;
            }));
            assertEquals(List.of(), seen, "the read waited for the part and failed with it");
            assertTrue(failed.getMessage().contains("writing a part of the transaction failed"), failed.getMessage());
        }
        assertNothingOfTheTransactionAfterTheRebuild(settings);
    }

    /** The work ends right after a failed part: the last flush waits for it, and nothing reaches the log. */
    @Test
    void workThatEndsRightAfterAFailedPartFailsAndLogsNothing() {
        Settings settings = Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString()));
        try (Ledger ledger = Ledger.open(settings)) {
            DataAccessException failed = assertThrows(DataAccessException.class, () -> ledger.db.writeInParts(1, tx -> {
                failingPart(tx);
                return null;
            }));
            assertTrue(failed.getMessage().contains("writing a part of the transaction failed"), failed.getMessage());
        }
        assertNothingOfTheTransactionAfterTheRebuild(settings);
    }

    /** The work fails on its own right after a failed part: the part's failure still shows, beside the work's. */
    @Test
    void workThatThrowsRightAfterAFailedPartCarriesThePartsFailureToo() {
        Settings settings = Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString()));
        try (Ledger ledger = Ledger.open(settings)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ledger.db.writeInParts(1, tx -> {
                failingPart(tx);
                throw new IllegalStateException("the work's own failure");
            }));
            assertTrue(java.util.Arrays.stream(thrown.getSuppressed()).anyMatch(s -> String.valueOf(s.getMessage())
                    .contains("writing a part of the transaction failed")), () -> "suppressed: "
                    + java.util.Arrays.toString(thrown.getSuppressed()));
        }
        assertNothingOfTheTransactionAfterTheRebuild(settings);
    }

    /**
     * A part's failure stays: work that catches it and goes on (no use case does today) cannot
     * commit, nor log the refused rows, which would leave a log the ledger cannot be rebuilt from.
     */
    @Test
    void aPartsFailureCaughtByTheWorkStillFailsTheTransaction() {
        Settings settings = Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString()));
        try (Ledger ledger = Ledger.open(settings)) {
            assertThrows(DataAccessException.class, () -> ledger.db.writeInParts(1, tx -> {
                failingPart(tx);
                assertThrows(DataAccessException.class, () -> tx.dsl().fetchCount(API_TOKEN));
                tx.insert(token(tx, "part three", "AUDITOR"));
                tx.flushWhenOver(0);
                return null;
            }));
        }
        assertNothingOfTheTransactionAfterTheRebuild(settings);
    }

    /**
     * Outside parts too, a row goes to the log only once the database took it: work that catches
     * a refused write and goes on commits a log the ledger can be rebuilt from.
     */
    @Test
    void aRefusedWriteTheWorkCaughtIsNotInTheLog() throws Exception {
        Settings settings = Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString()));
        try (Ledger ledger = Ledger.open(settings)) {
            ledger.db.write(tx -> {
                tx.insert(token(tx, "part refused", "NOBODY"));
                assertThrows(DataAccessException.class, () -> tx.dsl().fetchCount(API_TOKEN)); // sends it: refused
                tx.insert(token(tx, "part kept", "AUDITOR"));
                return null;
            });
        }
        Files.delete(dir.resolve("ledger.mv.db")); // the next open rebuilds H2 from the log alone
        try (Ledger ledger = Ledger.open(settings)) {
            assertEquals(List.of("part kept"), ledger.db.read(dsl -> dsl.select(API_TOKEN.NAME).from(API_TOKEN)
                    .where(API_TOKEN.NAME.like("part %")).fetch(API_TOKEN.NAME)));
        }
    }

    /** A first part H2 commits, then a second it refuses (the role's CHECK), in the writer's thread. */
    private static void failingPart(Tx tx) {
        tx.insert(token(tx, "part one", "AUDITOR"));
        tx.flushWhenOver(0);
        tx.insert(token(tx, "part two", "NOBODY"));
        tx.flushWhenOver(0);
    }

    private static void assertNothingOfTheTransactionAfterTheRebuild(Settings settings) {
        try (Ledger ledger = Ledger.open(settings)) {
            assertTrue(ledger.db.healthy());
            assertEquals(Integer.valueOf(0), ledger.db.read(dsl -> dsl.fetchCount(API_TOKEN.where(API_TOKEN.NAME.like("part %")))),
                    "nothing of the failed transaction");
        }
    }

    private static ApiTokenRecord token(Tx tx, String name, String role) {
        ApiTokenRecord row = tx.dsl().newRecord(API_TOKEN);
        row.setTokenHash(String.format("%064x", name.hashCode() & 0xffffffffL));
        row.setName(name);
        row.setRole(role);
        row.setCreatedAt(OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        return row;
    }
}
