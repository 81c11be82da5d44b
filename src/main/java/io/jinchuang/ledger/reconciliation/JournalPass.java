package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;

import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.db.tables.records.JournalEntryRecord;
import io.jinchuang.ledger.db.tables.records.JournalLineRecord;
import io.jinchuang.ledger.journal.Accounts;
import io.jinchuang.ledger.journal.EntryType;
import io.jinchuang.ledger.journal.HashChain;
import io.jinchuang.ledger.journal.JournalQueries;
import io.jinchuang.ledger.journal.Line;
import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jooq.Cursor;
import org.jooq.DSLContext;

/**
 * One streaming pass over a fund's journal up to a known head: it re-verifies the hash
 * chain and every entry's balance, sums every account's lines into its opening, the year's
 * debits and credits, and everything after, and keeps the year's cash movements and
 * liquidation entries. Memory holds one entry's lines, the accounts, and the year's cash.
 */
final class JournalPass {
    /** Rows per round trip of the streaming cursors. */
    static final int FETCH_SIZE = 1_000;
    /** Unbalanced entries listed one by one per fund; beyond, only counted. */
    static final int LISTED_MAX = 100;
    private static final Set<String> SETTLEMENT_TYPES =
            Set.of(EntryType.LIQUIDATION.name(), EntryType.SUBFUND_LIQUIDATION.name());

    /** Sums of one account's lines, signed debit-positive. */
    static final class AccountSums {
        BigDecimal opening = Money.ZERO;
        BigDecimal debits = Money.ZERO;
        BigDecimal credits = Money.ZERO;
        BigDecimal later = Money.ZERO;
        /** Whether the account had a line on or before the year's end (it existed by then). */
        boolean byYearEnd;

        BigDecimal closing() {
            return opening.add(debits).subtract(credits);
        }

        /** Every line of the account, whatever its date: what the kept balance must equal. */
        BigDecimal total() {
            return closing().add(later);
        }

        boolean byYearEnd() {
            return byYearEnd;
        }
    }

    /** A first-loss settlement of the year: the entry and its recorded details. */
    record Settlement(long seq, LocalDate date, String type, String reference, String payload) {}

    record Result(long entries, JournalQueries.ChainCheck chain, List<Long> unbalanced, long unbalancedCount,
                  SortedMap<String, AccountSums> accounts, List<CashMovement> cash, List<Settlement> settlements) {}

    private JournalPass() {}

    /** Reads entries 1..{@code fund.getHeadSeq()} (the head read with the fund row, so both cursors agree). */
    static Result run(DSLContext dsl, FundRecord fund, FiscalYear year, int timeoutSeconds) {
        String code = fund.getCode();
        long head = fund.getHeadSeq();
        SortedMap<String, AccountSums> accounts = new TreeMap<>();
        List<CashMovement> cash = new ArrayList<>();
        List<Settlement> settlements = new ArrayList<>();
        List<Long> unbalanced = new ArrayList<>();
        long unbalancedCount = 0;
        String expectedPrev = HashChain.GENESIS;
        long expectedSeq = 1;
        Long firstBreak = null;
        String problem = null;
        try (Cursor<JournalEntryRecord> entries = dsl.selectFrom(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.FUND_CODE.eq(code).and(JOURNAL_ENTRY.SEQ.le(head)))
                .orderBy(JOURNAL_ENTRY.SEQ).fetchSize(FETCH_SIZE).queryTimeout(timeoutSeconds).fetchLazy();
             Cursor<JournalLineRecord> lineCursor = dsl.selectFrom(JOURNAL_LINE)
                .where(JOURNAL_LINE.FUND_CODE.eq(code).and(JOURNAL_LINE.SEQ.le(head)))
                .orderBy(JOURNAL_LINE.SEQ, JOURNAL_LINE.LINE_NO).fetchSize(FETCH_SIZE).queryTimeout(timeoutSeconds)
                .fetchLazy()) {
            Iterator<JournalLineRecord> lineIterator = lineCursor.iterator();
            JournalLineRecord pending = lineIterator.hasNext() ? lineIterator.next() : null;
            for (JournalEntryRecord entry : entries) {
                long seq = entry.getSeq();
                List<Line> lines = new ArrayList<>();
                while (pending != null && pending.getSeq() <= seq) {
                    if (pending.getSeq() == seq) {
                        lines.add(new Line(pending.getAccount(), pending.getDebit(), pending.getCredit()));
                    }
                    pending = lineIterator.hasNext() ? lineIterator.next() : null;
                }
                if (firstBreak == null) {
                    problem = JournalQueries.check(entry, lines, expectedSeq, expectedPrev);
                    if (problem != null) {
                        firstBreak = seq;
                    }
                }
                if (!balanced(lines)) {
                    unbalancedCount++;
                    if (unbalanced.size() < LISTED_MAX) {
                        unbalanced.add(seq);
                    }
                }
                add(accounts, entry.getEntryDate(), year, lines);
                collect(entry, lines, year, cash, settlements);
                expectedPrev = entry.getHash();
                expectedSeq++;
            }
        }
        long count = expectedSeq - 1;
        if (firstBreak == null && (count != head || !fund.getHeadHash().equals(expectedPrev))) {
            firstBreak = count + 1;
            problem = "the fund's recorded head (" + head + ") disagrees with its last entry (" + count + ")";
        }
        JournalQueries.ChainCheck chain = new JournalQueries.ChainCheck(code, count, head, fund.getHeadHash(),
                firstBreak == null, firstBreak, problem);
        return new Result(count, chain, List.copyOf(unbalanced), unbalancedCount, accounts, cash, settlements);
    }

    private static boolean balanced(List<Line> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Line line : lines) {
            sum = sum.add(line.signed());
        }
        return sum.signum() == 0;
    }

    private static void add(SortedMap<String, AccountSums> accounts, LocalDate date, FiscalYear year, List<Line> lines) {
        for (Line line : lines) {
            AccountSums sums = accounts.computeIfAbsent(line.account(), a -> new AccountSums());
            if (date.isBefore(year.start())) {
                sums.opening = sums.opening.add(line.signed());
                sums.byYearEnd = true;
            } else if (!date.isAfter(year.end())) {
                sums.byYearEnd = true;
                sums.debits = sums.debits.add(line.debit());
                sums.credits = sums.credits.add(line.credit());
            } else {
                sums.later = sums.later.add(line.signed());
            }
        }
    }

    private static void collect(JournalEntryRecord entry, List<Line> lines, FiscalYear year, List<CashMovement> cash,
                                List<Settlement> settlements) {
        if (!year.contains(entry.getEntryDate())) {
            return;
        }
        BigDecimal net = Money.ZERO;
        for (Line line : lines) {
            if (line.account().equals(Accounts.CASH)) {
                net = net.add(line.signed());
            }
        }
        if (net.signum() != 0) {
            cash.add(new CashMovement(entry.getSeq(), entry.getEntryDate(), net, entry.getReference(), entry.getType()));
        }
        if (SETTLEMENT_TYPES.contains(entry.getType())) {
            settlements.add(new Settlement(entry.getSeq(), entry.getEntryDate(), entry.getType(), entry.getReference(),
                    entry.getPayload()));
        }
    }
}
