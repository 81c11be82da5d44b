package io.jinchuang.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.bench.LedgerGenerator;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.db.Tables;
import io.jinchuang.ledger.imports.ImportFile;
import io.jinchuang.ledger.imports.ImportText;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.journal.JournalQueries;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import is one transaction whose write set spans several log records: after a crash
 * the database rebuilt from the log is the one the import committed, chains, lines and kept
 * balances alike.
 */
class LargeTransactionRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aMultiRecordImportComesBackWholeAfterACrash() throws Exception {
        Settings settings = Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString()));
        StringWriter csv = new StringWriter();
        new LedgerGenerator(csv, 12, 3, 2020, 40_000, 3, "R").write();
        String before;
        try (Ledger ledger = Ledger.open(settings)) {
            ImportFile file = ledger.imports.read(ImportText.utf8(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ledger.db.read(dsl -> {
                ledger.imports.check(dsl, file);
                return null;
            });
            ledger.db.write(tx -> ledger.imports.apply(tx, file, Actor.system("test")));
            reverseSomeEntries(ledger); // small transactions after it: rows updated, logged as after-images
            before = ledger.db.read(LargeTransactionRecoveryTest::state);
        }
        assertTrue(Files.size(dir.resolve(Database.LOG_FILE)) > 2L * WriteSet.PART_BYTES_MAX,
                "the write set took several log records");
        Files.writeString(dir.resolve(Database.OPEN_MARKER), "crashed"); // as a kill -9 leaves it
        try (Ledger ledger = Ledger.open(settings)) {
            assertEquals(before, ledger.db.read(LargeTransactionRecoveryTest::state));
            ledger.db.read(dsl -> {
                JournalQueries.funds(dsl, dsl.select(Tables.FUND.CODE).from(Tables.FUND).fetch(Tables.FUND.CODE))
                        .forEach(f -> assertTrue(JournalQueries.verify(dsl, f).ok(), f.getCode()));
                return null;
            });
        }
    }

    /** Reverses a few entries, each in its own transaction: the fund heads and balances they change are updates. */
    private static void reverseSomeEntries(Ledger ledger) {
        int reversed = 0;
        for (var fund : ledger.db.read(dsl -> dsl.selectFrom(Tables.FUND).orderBy(Tables.FUND.CODE).fetch())) {
            for (long seq = fund.getHeadSeq(); seq > 0 && reversed < 6; seq--) {
                long target = seq;
                try {
                    ledger.db.write(tx -> ledger.reversals.reverse(tx,
                            io.jinchuang.ledger.funds.Funds.lockActive(tx, fund.getCode()), target, "test",
                            Actor.system("test")));
                    reversed++;
                    break;
                } catch (io.jinchuang.ledger.Rejection refused) {
                    // not reversible (a reversal, the guidance side, a closed fund): try an earlier one
                }
            }
        }
        assertTrue(reversed >= 3, "reversed " + reversed + " entries");
    }

    /** Counts, chain heads, and every kept balance against the journal lines. */
    private static String state(DSLContext dsl) {
        StringBuilder state = new StringBuilder();
        for (var table : java.util.List.of(Tables.FUND, Tables.PARTNER, Tables.COMPANY, Tables.JOURNAL_ENTRY,
                Tables.JOURNAL_LINE, Tables.ACCOUNT_BALANCE, Tables.INVESTMENT, Tables.EXIT_EVENT, Tables.VALUATION,
                Tables.MONITORING_REPORT, Tables.CONTRIBUTION, Tables.DISTRIBUTION_SHARE)) {
            state.append(table.getName()).append('=').append(dsl.fetchCount(table)).append(';');
        }
        dsl.select(Tables.FUND.CODE, Tables.FUND.HEAD_SEQ, Tables.FUND.HEAD_HASH).from(Tables.FUND)
                .orderBy(Tables.FUND.CODE).fetch().forEach(r -> state.append(r.value1()).append('/').append(r.value2())
                        .append('/').append(r.value3()).append(';'));
        var sum = DSL.sum(Tables.JOURNAL_LINE.DEBIT.minus(Tables.JOURNAL_LINE.CREDIT));
        Map<String, java.math.BigDecimal> lines = new java.util.HashMap<>();
        dsl.select(Tables.JOURNAL_LINE.FUND_CODE, Tables.JOURNAL_LINE.ACCOUNT, sum).from(Tables.JOURNAL_LINE)
                .groupBy(Tables.JOURNAL_LINE.FUND_CODE, Tables.JOURNAL_LINE.ACCOUNT).fetch()
                .forEach(r -> lines.put(r.value1() + ":" + r.value2(), r.value3()));
        dsl.selectFrom(Tables.ACCOUNT_BALANCE).fetch().forEach(b -> assertEquals(0,
                lines.get(b.getFundCode() + ":" + b.getAccount()).compareTo(b.getBalance()),
                "kept balance of " + b.getFundCode() + ":" + b.getAccount()));
        assertEquals(lines.size(), dsl.fetchCount(Tables.ACCOUNT_BALANCE));
        for (var table : io.jinchuang.ledger.db.DefaultSchema.DEFAULT_SCHEMA.getTables()) { // every row, every column
            var ordered = dsl.selectFrom(table).orderBy(table.getPrimaryKey().getFields()).fetch();
            state.append(table.getName()).append(':').append(ordered.formatCSV()).append(';');
        }
        return state.toString();
    }
}
