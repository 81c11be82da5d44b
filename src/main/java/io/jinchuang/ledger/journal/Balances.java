package io.jinchuang.ledger.journal;

import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;

import io.jinchuang.ledger.db.tables.records.AccountBalanceRecord;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.store.Tx;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Account balances, signed debit-positive: the kept ones (fast) and as of a date (from the lines). */
public final class Balances {
    private Balances() {}

    /** The current balance the service keeps; zero for an account never posted to. */
    public static BigDecimal current(Tx tx, String fundCode, String account) {
        AccountBalanceRecord row = tx.find(ACCOUNT_BALANCE, fundCode, account);
        return row == null ? Money.ZERO : row.getBalance();
    }

    /**
     * Reads the fund's kept balances of these accounts in one query where a query costs a
     * round trip (PostgreSQL), for a posting about to read or change them; the caller holds
     * the fund's lock, under which they change.
     */
    public static void prefetch(Tx tx, String fundCode, String... accounts) {
        tx.prefetch(ACCOUNT_BALANCE, fundCode, java.util.List.of(accounts));
    }

    /**
     * Reads every kept balance of a fund at once, for a transaction that will post to it
     * many times (an import); takes the fund's lock first, as the balances change only under it.
     */
    public static void readAll(Tx tx, String fundCode) {
        Journal.lockFund(tx, fundCode);
        tx.readAll(ACCOUNT_BALANCE, fundCode);
    }

    /** The current balance the service keeps, read outside a posting. */
    public static BigDecimal current(DSLContext dsl, String fundCode, String account) {
        BigDecimal balance = dsl.select(ACCOUNT_BALANCE.BALANCE).from(ACCOUNT_BALANCE)
                .where(ACCOUNT_BALANCE.FUND_CODE.eq(fundCode).and(ACCOUNT_BALANCE.ACCOUNT.eq(account)))
                .fetchOne(ACCOUNT_BALANCE.BALANCE);
        return balance == null ? Money.ZERO : balance;
    }

    /**
     * The trial balance as of the end of {@code asOf}, computed from the journal lines. The
     * fund is named on the entries, not the lines: given it on the lines, H2 2.5 joined each
     * line to the fund's entries through the date index, a scan of every earlier entry per
     * line (25 s for one fund of 11,000 lines, which made {@code export --year} time out on
     * a million-line ledger); given it on the entries, it walks them by date (60 ms).
     */
    public static Map<String, BigDecimal> asOf(DSLContext dsl, String fundCode, LocalDate asOf) {
        var sum = DSL.sum(JOURNAL_LINE.DEBIT.minus(JOURNAL_LINE.CREDIT));
        Map<String, BigDecimal> balances = new LinkedHashMap<>();
        dsl.select(JOURNAL_LINE.ACCOUNT, sum)
                .from(JOURNAL_ENTRY)
                .join(JOURNAL_LINE).on(JOURNAL_LINE.FUND_CODE.eq(JOURNAL_ENTRY.FUND_CODE)
                        .and(JOURNAL_LINE.SEQ.eq(JOURNAL_ENTRY.SEQ)))
                .where(JOURNAL_ENTRY.FUND_CODE.eq(fundCode).and(JOURNAL_ENTRY.ENTRY_DATE.le(asOf)))
                .groupBy(JOURNAL_LINE.ACCOUNT)
                .orderBy(JOURNAL_LINE.ACCOUNT)
                .fetch()
                .forEach(r -> balances.put(r.value1(), r.value2().setScale(Money.SCALE)));
        return balances;
    }

    /** One account's balance as of the end of {@code asOf}. */
    public static BigDecimal accountAsOf(DSLContext dsl, String fundCode, String account, LocalDate asOf) {
        BigDecimal balance = dsl.select(DSL.sum(JOURNAL_LINE.DEBIT.minus(JOURNAL_LINE.CREDIT)))
                .from(JOURNAL_ENTRY)
                .join(JOURNAL_LINE).on(JOURNAL_LINE.FUND_CODE.eq(JOURNAL_ENTRY.FUND_CODE)
                        .and(JOURNAL_LINE.SEQ.eq(JOURNAL_ENTRY.SEQ)))
                .where(JOURNAL_ENTRY.FUND_CODE.eq(fundCode).and(JOURNAL_LINE.ACCOUNT.eq(account))
                        .and(JOURNAL_ENTRY.ENTRY_DATE.le(asOf)))
                .fetchOne(0, BigDecimal.class);
        return balance == null ? Money.ZERO : balance.setScale(Money.SCALE);
    }
}
