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

    private static ApiTokenRecord token(Tx tx, String name, String role) {
        ApiTokenRecord row = tx.dsl().newRecord(API_TOKEN);
        row.setTokenHash(String.format("%064x", name.hashCode() & 0xffffffffL));
        row.setName(name);
        row.setRole(role);
        row.setCreatedAt(OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        return row;
    }
}
