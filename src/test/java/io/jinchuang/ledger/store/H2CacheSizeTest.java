package io.jinchuang.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** H2's page cache is as configured, but at most a 32nd of the heap (never capped below 1 MiB). */
class H2CacheSizeTest {
    private static final long MB = 1024L * 1024;

    @Test
    void aSmallHeapCapsTheCache() {
        assertEquals(8 * 1024, Database.h2CacheKb(65_536, 256 * MB));
    }

    @Test
    void aLargeHeapLeavesTheConfiguredSize() {
        assertEquals(65_536, Database.h2CacheKb(65_536, 6 * 1024 * MB));
    }

    @Test
    void theCapStopsAtOneMebibyteAndASmallerSettingStandsAsIs() {
        assertEquals(1024, Database.h2CacheKb(65_536, 16 * MB));
        assertEquals(512, Database.h2CacheKb(512, 16 * MB));
        assertEquals(512, Database.h2CacheKb(512, 6 * 1024 * MB));
    }
}
