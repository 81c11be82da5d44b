package io.jinchuang.ledger.store;

import static io.jinchuang.ledger.db.Tables.API_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.auth.Role;
import io.jinchuang.ledger.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once the log and the database may disagree (a failed log write, or H2 failing to commit
 * a logged transaction), the service stops posting, says it is not ready, and even a clean
 * stop leaves the crash marker, so the next start rebuilds the database from the log.
 */
class StoppedLogTest {
    @TempDir
    Path dir;

    @Test
    void aStoppedLogRefusesPostingsAndTheNextStartRebuildsFromIt() {
        Settings settings = Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString()));
        try (Ledger ledger = Ledger.open(settings)) {
            ledger.db.write(tx -> ledger.tokens.create(tx, "before", Role.AUDITOR, null));
            assertTrue(ledger.db.ready());
            ledger.db.log().stop(new IllegalStateException("a failed force, say"));
            assertFalse(ledger.db.ready());
            assertThrows(IllegalStateException.class,
                    () -> ledger.db.write(tx -> ledger.tokens.create(tx, "after", Role.AUDITOR, null)));
        }
        assertTrue(Files.exists(dir.resolve(Database.OPEN_MARKER)), "the marker stays");
        try (Ledger ledger = Ledger.open(settings)) { // rebuilt from the log
            assertTrue(ledger.db.ready());
            int tokens = ledger.db.read(dsl -> dsl.fetchCount(API_TOKEN));
            assertEquals(1, tokens, "what the log holds, nothing else");
        }
        assertFalse(Files.exists(dir.resolve(Database.OPEN_MARKER)));
    }
}
