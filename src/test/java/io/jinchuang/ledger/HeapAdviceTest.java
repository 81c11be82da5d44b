package io.jinchuang.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapAdviceTest {
    @Test
    void anOutOfMemoryMessageAsksForMoreHeapThanTheJvmHad() {
        long had = Runtime.getRuntime().maxMemory() >> 20;
        long asked = Main.moreHeapMb();
        assertTrue(asked >= 2 * had, asked + " MB asked, " + had + " MB had");
        assertTrue(asked < 2 * had + 256, asked + " MB asked, " + had + " MB had");
        assertEquals(0, asked % 256);
    }
}
