package io.jinchuang.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.config.Settings;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 writes its file when the configured amount of changed pages is pending
 * (at most a 16th of the heap), not at H2's own 19 MB; a threshold at or below H2's own
 * leaves H2's.
 */
class H2StoreThresholdTest {
    private static final long MB = 1024L * 1024;

    @TempDir
    Path dir;

    @Test
    void aLargeHeapTakesTheConfiguredThreshold() {
        assertEquals(200 * MB, Database.h2StoreThresholdBytes(200, 6 * 1024 * MB));
    }

    @Test
    void aSmallHeapCapsItAtASixteenth() {
        assertEquals(16 * MB, Database.h2StoreThresholdBytes(200, 256 * MB));
    }

    @Test
    void aThresholdThatH2WouldOverflowIsCut() {
        assertEquals(Integer.MAX_VALUE / 8, Database.h2StoreThresholdBytes(4096, 64 * 1024 * MB));
    }

    @Test
    void theOpenLedgersStoreWaitsForTheConfiguredAmount() throws Exception {
        long expected = Math.max(h2sOwn(), Database.h2StoreThresholdBytes(64, Runtime.getRuntime().maxMemory()));
        try (Ledger ledger = open(64)) {
            assertEquals(expected, store(ledger).getAutoCommitMemory());
        }
    }

    @Test
    void aThresholdBelowH2sOwnLeavesH2s() throws Exception {
        try (Ledger ledger = open(1)) {
            assertEquals(h2sOwn(), store(ledger).getAutoCommitMemory());
        }
    }

    /** What H2 chooses by itself in this JVM (it depends on the heap). */
    private int h2sOwn() {
        MVStore plain = new MVStore.Builder().fileName(dir.resolve("plain.mv.db").toString()).open();
        try {
            return plain.getAutoCommitMemory();
        } finally {
            plain.close();
        }
    }

    private Ledger open(int thresholdMb) {
        return Ledger.open(Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString(),
                "ledger.h2-store-threshold-mb", Integer.toString(thresholdMb))));
    }

    private static MVStore store(Ledger ledger) throws Exception {
        try (Connection connection = ledger.db.dataSource().getConnection()) {
            return Database.mvStore(connection);
        }
    }
}
