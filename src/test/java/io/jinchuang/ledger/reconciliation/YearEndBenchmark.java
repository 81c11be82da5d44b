package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (it runs only with -Dledger.bench=true): generates a ledger and times
 * the year-end batch against a plain GROUP BY over the journal lines. Sizes from
 * -Dledger.bench.funds, .entries, .dir (reuse a generated data directory), .db (a PostgreSQL URL).
 */
class YearEndBenchmark {
    /** For a run outside Maven: java -cp <test class path> -Dledger.bench.… …YearEndBenchmark */
    public static void main(String[] args) throws Exception {
        System.setProperty("ledger.bench", "true");
        new YearEndBenchmark().timeTheBatch();
    }

    @Test
    void timeTheBatch() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("ledger.bench"), "run with -Dledger.bench=true");
        int funds = Integer.getInteger("ledger.bench.funds", 10);
        int entries = Integer.getInteger("ledger.bench.entries", 1000);
        String dir = System.getProperty("ledger.bench.dir");
        Path dataDir = dir == null ? Files.createTempDirectory("ledger-bench-") : Path.of(dir);
        Map<String, String> overrides = new HashMap<>(Map.of("ledger.data-dir", dataDir.toString(), "ledger.db.url",
                System.getProperty("ledger.bench.db", "")));
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres = null;
        if (Boolean.getBoolean("ledger.bench.pg")) {
            postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
            overrides.put("ledger.db.url", postgres.getJdbcUrl("postgres", "postgres"));
            overrides.put("ledger.db.user", "postgres");
            overrides.put("ledger.db.password", "postgres");
        } else if (System.getProperty("ledger.bench.db") != null) {
            overrides.put("ledger.db.user", System.getProperty("ledger.bench.user", "postgres"));
            overrides.put("ledger.db.password", System.getProperty("ledger.bench.password", "postgres"));
        }
        try (Ledger ledger = Ledger.open(Settings.load(Map.of(), overrides))) {
            long lines = ledger.db.read(dsl -> dsl.fetchCount(JOURNAL_LINE));
            if (lines == 0) {
                long started = System.nanoTime();
                if (Boolean.getBoolean("ledger.bench.bulk")) {
                    BulkLedger.write(ledger, funds, entries, 40, 2016, 2025, 1);
                } else {
                    LedgerFixture.seed(ledger, funds, entries, 40, 2016, 2025, 1);
                }
                lines = ledger.db.read(dsl -> dsl.fetchCount(JOURNAL_LINE));
                System.out.printf("seeded %d funds, %d lines in %d ms (%s)%n", funds, lines,
                        (System.nanoTime() - started) / 1_000_000, dataDir);
            }
            for (int round = 0; round < Integer.getInteger("ledger.bench.rounds", 2); round++) {
                long started = System.nanoTime();
                long gcpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                int groups = ledger.db.read(dsl -> dsl.select(JOURNAL_LINE.FUND_CODE, JOURNAL_LINE.ACCOUNT,
                                DSL.sum(JOURNAL_LINE.DEBIT.minus(JOURNAL_LINE.CREDIT))).from(JOURNAL_LINE)
                        .groupBy(JOURNAL_LINE.FUND_CODE, JOURNAL_LINE.ACCOUNT).queryTimeout(600).fetch().size());
                long groupBy = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("groupBy cpuMs=%d%n", (java.lang.management.ManagementFactory.getThreadMXBean()
                        .getCurrentThreadCpuTime() - gcpu) / 1_000_000);
                started = System.nanoTime();
                long cpuStarted = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                var outcome = ledger.reconciliations.batch().run("bench", "bench",
                        new YearEndBatch.Request(new FiscalYear(2025), false, Map.of()), (d, t) -> { });
                long batch = (System.nanoTime() - started) / 1_000_000;
                long cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                        - cpuStarted) / 1_000_000;
                System.out.printf("batch cpuMs=%d wallMs=%d%n", cpu, batch);
                Runtime rt = Runtime.getRuntime();
                System.out.printf("lines=%d groups=%d groupByMs=%d batchMs=%d ratio=%.2f clean=%s reportBytes=%d "
                                + "heapUsedMb=%d maxMb=%d%n", lines, groups, groupBy, batch, (double) batch / groupBy,
                        outcome.clean(), outcome.report().bytes(),
                        (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
                outcome.report().close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
