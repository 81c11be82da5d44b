package io.jinchuang.ledger.bench;

import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.config.Settings;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jooq.impl.DSL;

/**
 * The year-end benchmark's baseline: a plain SQL GROUP BY of the journal lines per fund and
 * account. {@link #main} runs it once as a process of its own, as the reconciliation runs
 * (JVM start, the ledger opened, the query, the ledger closed), so that the two are timed
 * alike; the benchmark also times it twice within its own JVM.
 */
public final class PlainAggregate {
    private PlainAggregate() {}

    /** Every account's balance, keyed {@code fund:account}. */
    static Map<String, BigDecimal> balances(Ledger ledger) {
        Map<String, BigDecimal> sums = new HashMap<>();
        var sum = DSL.sum(JOURNAL_LINE.DEBIT.minus(JOURNAL_LINE.CREDIT));
        ledger.db.read(dsl -> {
            dsl.select(JOURNAL_LINE.FUND_CODE, JOURNAL_LINE.ACCOUNT, sum).from(JOURNAL_LINE)
                    .groupBy(JOURNAL_LINE.FUND_CODE, JOURNAL_LINE.ACCOUNT)
                    .fetch().forEach(r -> sums.put(r.value1() + ":" + r.value2(), r.value3()));
            return null;
        });
        return sums;
    }

    /** {@code PlainAggregate <data dir>}: prints the query's own time and the number of accounts. */
    public static void main(String[] args) {
        try (Ledger ledger = Ledger.open(Settings.load(System.getenv(), Map.of("ledger.data-dir", args[0])))) {
            long started = System.nanoTime();
            int accounts = balances(ledger).size();
            System.out.printf(Locale.ROOT, "%.2f %d%n", (System.nanoTime() - started) / 1e9, accounts);
        }
    }
}
