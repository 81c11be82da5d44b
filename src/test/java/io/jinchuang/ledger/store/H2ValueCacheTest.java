package io.jinchuang.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** H2's value cache is off unless the JVM was started with its property. */
class H2ValueCacheTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(Database.H2_VALUE_CACHE);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(Database.H2_VALUE_CACHE);
        } else {
            System.setProperty(Database.H2_VALUE_CACHE, before);
        }
    }

    @Test
    void withoutThePropertyTheCacheIsTurnedOff() {
        System.clearProperty(Database.H2_VALUE_CACHE);
        Database.turnOffH2ValueCache();
        assertEquals("false", System.getProperty(Database.H2_VALUE_CACHE));
    }

    @Test
    void anOperatorsOwnSettingStands() {
        System.setProperty(Database.H2_VALUE_CACHE, "true");
        Database.turnOffH2ValueCache();
        assertEquals("true", System.getProperty(Database.H2_VALUE_CACHE));
    }
}
