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
import java.sql.Connection;
import java.util.Map;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 2.5.252 can "panic" on its own: a NullPointerException in its page writer
 * (FileStore.serializeAndStore) closed the store under a year-end batch storing its report.
 * A panicked store has not written what it last committed, so even a stop that looks clean
 * (H2's SHUTDOWN then answers "database closed", as after any shutdown) must leave the crash
 * marker: the next start rebuilds the database from the log, which holds every commit.
 */
class H2PanicTest {
    @TempDir
    Path dir;

    @Test
    void committedWritesThatH2NeverStoredComeBackFromTheLog() throws Exception {
        Settings settings = Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString()));
        try (Ledger ledger = Ledger.open(settings)) {
            ledger.db.write(tx -> ledger.tokens.create(tx, "stored", Role.AUDITOR, null));
            MVStore store;
            try (Connection connection = ledger.db.dataSource().getConnection()) {
                store = Database.mvStore(connection);
                store.commit(); // "stored" is in H2's file
                connection.createStatement().execute("SET WRITE_DELAY 3600000"); // and nothing after it
            }
            ledger.db.write(tx -> ledger.tokens.create(tx, "committed, never stored", Role.AUDITOR, null));
            assertTrue(ledger.db.ready());
            assertThrows(MVStoreException.class,
                    () -> store.panic(new IllegalStateException("simulated: the page writer failed")));
            assertFalse(ledger.db.ready(), "a panicked H2 is not ready");
            assertFalse(ledger.db.healthy());
            assertThrows(RuntimeException.class,
                    () -> ledger.db.write(tx -> ledger.tokens.create(tx, "refused", Role.AUDITOR, null)));
        } // the stop: H2's SHUTDOWN answers with the panic or "database closed"; the ledger closes all the same
        assertTrue(Files.exists(dir.resolve(Database.OPEN_MARKER)), "the marker stays");
        try (Ledger ledger = Ledger.open(settings)) { // rebuilt from the log
            assertTrue(ledger.db.ready());
            assertEquals(java.util.List.of("committed, never stored", "stored"), ledger.db.read(dsl ->
                    dsl.select(API_TOKEN.NAME).from(API_TOKEN).orderBy(API_TOKEN.NAME).fetch(API_TOKEN.NAME)));
        }
        assertFalse(Files.exists(dir.resolve(Database.OPEN_MARKER)));
    }
}
