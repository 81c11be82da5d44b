package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.RECONCILIATION_REPORT_CHUNK;
import static io.jinchuang.ledger.db.Tables.RECONCILIATION_RUN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When one fund fails, the run fails, and the funds being reconciled beside it finish first,
 * uninterrupted: they store their parts of the report, and a thread interrupted in file I/O
 * would close H2's or the log's file under every other transaction. Nothing is still running,
 * or still writing, once the failure is reported.
 */
class FailedFundTest {
    @TempDir
    Path dir;

    @Test
    void theFundsUnderWayFinishUninterruptedBeforeTheRunFails() throws Exception {
        try (Ledger ledger = Ledger.open(Settings.load(Map.of(),
                Map.of("ledger.data-dir", dir.toString(), "ledger.db.url", "")))) {
            LedgerFixture.seed(ledger, 4, 40, 5, 2024, 2025, 11);
            String failing = LedgerFixture.fundCode(0);
            String slow = LedgerFixture.fundCode(1);
            AtomicInteger underWay = new AtomicInteger();
            AtomicBoolean slowDone = new AtomicBoolean();
            AtomicBoolean interrupted = new AtomicBoolean();
            ToleranceStatusProvider tolerance = (dsl, fund, asOf) -> {
                if (fund.getCode().equals(failing)) {
                    throw new IllegalStateException("this fund's status cannot be read");
                }
                if (fund.getCode().equals(slow)) {
                    underWay.incrementAndGet();
                    try {
                        Thread.sleep(800); // still reading when the other fund fails
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        Thread.currentThread().interrupt();
                    } finally {
                        underWay.decrementAndGet();
                        slowDone.set(true);
                    }
                }
                return ledger.toleranceStatus.statusOn(dsl, fund, asOf);
            };
            Reconciliations runs = new Reconciliations(ledger.db,
                    new YearEndBatch(ledger.db, tolerance, Clock.systemUTC(), 60, 2), Clock.systemUTC());
            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> runs.runNow(
                    new YearEndBatch.Request(new FiscalYear(2025), false, Map.of()), "test", "test", (d, t) -> { }));
            assertEquals("this fund's status cannot be read", failed.getMessage());
            assertEquals(0, underWay.get(), "a fund was still being reconciled when the run failed");
            assertTrue(slowDone.get(), "the fund under way finished before the run failed");
            assertFalse(interrupted.get(), "the fund under way was interrupted");

            assertEquals(List.of("FAILED"), ledger.db.read(dsl -> dsl.select(RECONCILIATION_RUN.STATUS)
                    .from(RECONCILIATION_RUN).fetch(RECONCILIATION_RUN.STATUS)));
            int chunks = ledger.db.read(dsl -> dsl.fetchCount(RECONCILIATION_REPORT_CHUNK));
            Thread.sleep(300);
            int later = ledger.db.read(dsl -> dsl.fetchCount(RECONCILIATION_REPORT_CHUNK));
            assertEquals(chunks, later, "a fund's part was stored after the run failed");
            assertTrue(ledger.db.healthy());
        }
    }
}
