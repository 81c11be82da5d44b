package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;

import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.db.tables.records.JournalEntryRecord;
import io.jinchuang.ledger.journal.Accounts;
import io.jinchuang.ledger.journal.EntryType;
import io.jinchuang.ledger.journal.HashChain;
import io.jinchuang.ledger.journal.JournalQueries;
import io.jinchuang.ledger.journal.Line;
import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * One streaming pass over a fund's journal up to a known head: it re-verifies the hash chain
 * and every entry's balance, sums every account's lines into its opening, the year's debits
 * and credits, and everything after, and keeps the year's cash movements and liquidation
 * entries. Memory holds one entry's lines, the accounts, and the year's cash movements.
 * It reads the two ordered cursors as plain result sets (jOOQ builds the queries): this pass
 * touches every row of the ledger, and a record object per row would double its cost.
 * Both cursors order by the whole key, fund code first: H2 streams a key's index in order only
 * when the ORDER BY names its leading columns, even fixed ones, and otherwise gathers and sorts
 * each fund's rows, spilling them to disk (the journal pass took 12% longer).
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

    /**
     * {@code reversals}: each entry reversed up to the head, with its reversal's date. The deals
     * of the year look their reversals up here: a join per deal row to the reversal index cost
     * H2 three times the deal rows' own scan.
     */
    record Result(long entries, JournalQueries.ChainCheck chain, List<Long> unbalanced, long unbalancedCount,
                  SortedMap<String, AccountSums> accounts, List<CashMovement> cash, List<Settlement> settlements,
                  Map<Long, LocalDate> reversals) {}

    /** The columns of one entry, as read. */
    private record Entry(long seq, LocalDate date, OffsetDateTime recordedAt, String type, String actor,
                         String idempotencyKey, String reference, Long reversesSeq, String linkFund, Long linkSeq,
                         String payload, String prevHash, String hash) {}

    private final DSLContext dsl;
    private final FundRecord fund;
    private final FiscalYear year;
    private final ChainHasher hasher = new ChainHasher();
    private final Map<String, AccountSums> accounts = new HashMap<>();
    private final List<CashMovement> cash = new ArrayList<>();
    private final List<Settlement> settlements = new ArrayList<>();
    private final Map<Long, LocalDate> reversals = new HashMap<>();
    private final List<Long> unbalanced = new ArrayList<>();
    private long unbalancedCount;
    private String expectedPrev = HashChain.GENESIS;
    private long expectedSeq = 1;
    private Long firstBreak;
    private String problem;

    private JournalPass(DSLContext dsl, FundRecord fund, FiscalYear year) {
        this.dsl = dsl;
        this.fund = fund;
        this.year = year;
    }

    /** Reads entries 1..{@code fund.getHeadSeq()} (the head read with the fund row, so both cursors agree). */
    static Result run(DSLContext dsl, FundRecord fund, FiscalYear year, int timeoutSeconds) {
        return new JournalPass(dsl, fund, year).run(timeoutSeconds);
    }

    private Result run(int timeoutSeconds) {
        String code = fund.getCode();
        long head = fund.getHeadSeq();
        var entryQuery = dsl.select(JOURNAL_ENTRY.SEQ, JOURNAL_ENTRY.ENTRY_DATE, JOURNAL_ENTRY.RECORDED_AT,
                        JOURNAL_ENTRY.TYPE, JOURNAL_ENTRY.ACTOR, JOURNAL_ENTRY.IDEMPOTENCY_KEY, JOURNAL_ENTRY.REFERENCE,
                        JOURNAL_ENTRY.REVERSES_SEQ, JOURNAL_ENTRY.LINK_FUND, JOURNAL_ENTRY.LINK_SEQ,
                        JOURNAL_ENTRY.PAYLOAD, JOURNAL_ENTRY.PREV_HASH, JOURNAL_ENTRY.HASH)
                .from(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.FUND_CODE.eq(code).and(JOURNAL_ENTRY.SEQ.le(head)))
                .orderBy(JOURNAL_ENTRY.FUND_CODE, JOURNAL_ENTRY.SEQ)
                .fetchSize(FETCH_SIZE).queryTimeout(timeoutSeconds);
        var lineQuery = dsl.select(JOURNAL_LINE.SEQ, JOURNAL_LINE.ACCOUNT, JOURNAL_LINE.DEBIT, JOURNAL_LINE.CREDIT)
                .from(JOURNAL_LINE)
                .where(JOURNAL_LINE.FUND_CODE.eq(code).and(JOURNAL_LINE.SEQ.le(head)))
                .orderBy(JOURNAL_LINE.FUND_CODE, JOURNAL_LINE.SEQ, JOURNAL_LINE.LINE_NO)
                .fetchSize(FETCH_SIZE).queryTimeout(timeoutSeconds);
        try (ResultSet entries = entryQuery.fetchResultSet(); ResultSet lines = lineQuery.fetchResultSet()) {
            boolean moreLines = lines.next();
            List<ChainHasher.LineData> entryLines = new ArrayList<>();
            while (entries.next()) {
                Entry entry = entry(entries);
                entryLines.clear();
                while (moreLines && lines.getLong(1) <= entry.seq()) {
                    if (lines.getLong(1) == entry.seq()) {
                        entryLines.add(new ChainHasher.LineData(lines.getString(2), lines.getBigDecimal(3),
                                lines.getBigDecimal(4)));
                    }
                    moreLines = lines.next();
                }
                check(entry, entryLines);
                add(entry.date(), entryLines);
                collect(entry, entryLines);
                if (entry.reversesSeq() != null) {
                    reversals.put(entry.reversesSeq(), entry.date());
                }
                expectedPrev = entry.hash();
                expectedSeq++;
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading the journal of fund " + code + " failed", e);
        }
        long count = expectedSeq - 1;
        if (firstBreak == null && (count != head || !fund.getHeadHash().equals(expectedPrev))) {
            firstBreak = count + 1;
            problem = "the fund's recorded head (" + head + ") disagrees with its last entry (" + count + ")";
        }
        JournalQueries.ChainCheck chain = new JournalQueries.ChainCheck(code, count, head, fund.getHeadHash(),
                firstBreak == null, firstBreak, problem);
        return new Result(count, chain, List.copyOf(unbalanced), unbalancedCount, new TreeMap<>(accounts), cash,
                settlements, reversals);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        long reverses = rs.getLong(8);
        Long reversesSeq = rs.wasNull() ? null : reverses;
        long link = rs.getLong(10);
        Long linkSeq = rs.wasNull() ? null : link;
        return new Entry(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getObject(3, OffsetDateTime.class),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), reversesSeq, rs.getString(9),
                linkSeq, rs.getString(11), rs.getString(12), rs.getString(13));
    }

    /** The chain up to its first break, and every entry's balance. */
    private void check(Entry entry, List<ChainHasher.LineData> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ChainHasher.LineData line : lines) {
            sum = sum.add(line.debit()).subtract(line.credit());
        }
        if (sum.signum() != 0) {
            unbalancedCount++;
            if (unbalanced.size() < LISTED_MAX) {
                unbalanced.add(entry.seq());
            }
        }
        if (firstBreak != null) {
            return;
        }
        boolean intact = entry.seq() == expectedSeq && entry.prevHash().equals(expectedPrev) && sum.signum() == 0
                && hasher.hash(expectedPrev, fund.getCode(), entry.seq(), entry.date(), entry.recordedAt().toInstant(),
                entry.type(), entry.actor(), entry.idempotencyKey(), entry.reference(), entry.reversesSeq(),
                entry.linkFund(), entry.linkSeq(), entry.payload(), lines).equals(entry.hash());
        if (!intact) {
            // the journal's own check decides, and says what is wrong
            problem = JournalQueries.check(record(entry), official(lines), expectedSeq, expectedPrev);
            if (problem != null) {
                firstBreak = entry.seq();
            }
        }
    }

    private JournalEntryRecord record(Entry entry) {
        JournalEntryRecord row = dsl.newRecord(JOURNAL_ENTRY);
        row.setFundCode(fund.getCode());
        row.setSeq(entry.seq());
        row.setEntryDate(entry.date());
        row.setRecordedAt(entry.recordedAt());
        row.setType(entry.type());
        row.setActor(entry.actor());
        row.setIdempotencyKey(entry.idempotencyKey());
        row.setReference(entry.reference());
        row.setReversesSeq(entry.reversesSeq());
        row.setLinkFund(entry.linkFund());
        row.setLinkSeq(entry.linkSeq());
        row.setPayload(entry.payload());
        row.setPrevHash(entry.prevHash());
        row.setHash(entry.hash());
        return row;
    }

    private static List<Line> official(List<ChainHasher.LineData> lines) {
        List<Line> official = new ArrayList<>();
        for (ChainHasher.LineData line : lines) {
            // a stored line breaking the line invariants is itself a broken entry: keep it as read
            official.add(line.debit().signum() >= 0 && line.credit().signum() >= 0
                    && (line.debit().signum() == 0 ^ line.credit().signum() == 0)
                    ? new Line(line.account(), line.debit(), line.credit())
                    : new Line(line.account() + " (invalid line)", BigDecimal.ONE, BigDecimal.ZERO));
        }
        return official;
    }

    private void add(LocalDate date, List<ChainHasher.LineData> lines) {
        boolean before = date.isBefore(year.start());
        boolean after = date.isAfter(year.end());
        for (ChainHasher.LineData line : lines) {
            AccountSums sums = accounts.computeIfAbsent(line.account(), a -> new AccountSums());
            if (before) {
                sums.opening = sums.opening.add(line.debit()).subtract(line.credit());
                sums.byYearEnd = true;
            } else if (!after) {
                sums.debits = sums.debits.add(line.debit());
                sums.credits = sums.credits.add(line.credit());
                sums.byYearEnd = true;
            } else {
                sums.later = sums.later.add(line.debit()).subtract(line.credit());
            }
        }
    }

    private void collect(Entry entry, List<ChainHasher.LineData> lines) {
        if (!year.contains(entry.date())) {
            return;
        }
        BigDecimal net = Money.ZERO;
        for (ChainHasher.LineData line : lines) {
            if (line.account().equals(Accounts.CASH)) {
                net = net.add(line.debit()).subtract(line.credit());
            }
        }
        if (net.signum() != 0) {
            cash.add(new CashMovement(entry.seq(), entry.date(), net, entry.reference(), entry.type(),
                    entry.reversesSeq()));
        }
        if (SETTLEMENT_TYPES.contains(entry.type())) {
            settlements.add(new Settlement(entry.seq(), entry.date(), entry.type(), entry.reference(), entry.payload()));
        }
    }
}
