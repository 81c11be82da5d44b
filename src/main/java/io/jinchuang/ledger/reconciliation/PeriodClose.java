package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.CLOSED_PERIOD;
import static io.jinchuang.ledger.db.Tables.FUND;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.ClosedPeriodRecord;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.funds.FundKind;
import io.jinchuang.ledger.journal.ClosedPeriods;
import io.jinchuang.ledger.store.Tx;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * SPEC §7 period close. A year closes in one transaction, only when the batch found it clean,
 * only after the year before it (unless nothing is dated before it), and only once. The
 * transaction locks the period row and then every fund row, in the order postings lock them
 * (sub-funds before guidance funds, each by code), so a posting either committed before the
 * close looked (and the close sees it) or waits and then finds the year closed.
 */
public final class PeriodClose {
    private PeriodClose() {}

    /** What a closed year records. */
    public record Closed(int year, Instant closedAt, String closedBy, String runId) {}

    /** The rules that do not need the batch: checked before a run (to refuse early) and again under lock. */
    public static void checkCanClose(DSLContext dsl, FiscalYear year, LocalDate today) {
        if (!today.isAfter(year.end())) {
            throw Rejection.invalid("year", "has not ended: " + year.year() + " can be closed from "
                    + year.end().plusDays(1));
        }
        Integer through = ClosedPeriods.closedThrough(dsl);
        if (through != null && year.year() <= through) {
            Closed closed = closed(dsl, year.year());
            throw Rejection.conflict("the period " + year.year() + " is already closed" + (closed == null
                    ? " (the books are closed through " + through + ")"
                    : " (closed at " + closed.closedAt() + " by " + closed.closedBy() + ", run " + closed.runId() + ")"));
        }
        if (through != null && year.year() > through + 1) {
            throw Rejection.conflict("the period " + year.year() + " cannot be closed while " + (year.year() - 1)
                    + " is open; close " + (through + 1) + " first");
        }
        if (through == null) {
            LocalDate first = dsl.select(DSL.min(JOURNAL_ENTRY.ENTRY_DATE)).from(JOURNAL_ENTRY)
                    .fetchOne(0, LocalDate.class);
            if (first != null && first.isBefore(year.start())) {
                throw Rejection.conflict("the period " + year.year() + " cannot be closed while " + (year.year() - 1)
                        + " is open; the journal starts in " + first.getYear() + ", so close " + first.getYear()
                        + " first");
            }
        }
    }

    /**
     * Closes the year, or refuses (409) when a rule fails under lock or the journal gained an
     * entry dated on or before the year's end since the batch read it ({@code heads}: each
     * fund's head sequence the batch read up to).
     */
    public static Closed close(Tx tx, FiscalYear year, LocalDate today, Map<String, Long> heads, String actor,
                               String runId, Instant at) {
        ClosedPeriods.lockPeriods(tx);
        List<FundRecord> funds = lockAllFunds(tx);
        checkCanClose(tx.dsl(), year, today);
        for (FundRecord fund : funds) {
            refuseIfChanged(tx.dsl(), fund, heads.get(fund.getCode()), year);
        }
        ClosedPeriodRecord row = tx.dsl().newRecord(CLOSED_PERIOD);
        row.setFiscalYear(year.year());
        row.setClosedAt(at.atOffset(ZoneOffset.UTC));
        row.setClosedBy(actor);
        row.setRunId(runId);
        tx.insert(row);
        return new Closed(year.year(), at, actor, runId);
    }

    /** The rules of {@link #close}, read without its locks: whether the close would be refused now. */
    public static void check(DSLContext dsl, FiscalYear year, LocalDate today, Map<String, Long> heads) {
        checkCanClose(dsl, year, today);
        for (FundRecord fund : dsl.selectFrom(FUND).orderBy(FUND.CODE).fetch()) {
            refuseIfChanged(dsl, fund, heads.get(fund.getCode()), year);
        }
    }

    public static Closed closed(DSLContext dsl, int year) {
        ClosedPeriodRecord row = dsl.selectFrom(CLOSED_PERIOD).where(CLOSED_PERIOD.FISCAL_YEAR.eq(year)).fetchOne();
        return row == null ? null
                : new Closed(row.getFiscalYear(), row.getClosedAt().toInstant(), row.getClosedBy(), row.getRunId());
    }

    /** Sub-funds (every kind but GUIDANCE) first, then guidance funds, each by code: the postings' order. */
    private static List<FundRecord> lockAllFunds(Tx tx) {
        List<String> codes = new ArrayList<>();
        tx.dsl().select(FUND.CODE).from(FUND).where(FUND.KIND.ne(FundKind.GUIDANCE.name())).orderBy(FUND.CODE)
                .fetch().forEach(r -> codes.add(r.value1()));
        tx.dsl().select(FUND.CODE).from(FUND).where(FUND.KIND.eq(FundKind.GUIDANCE.name())).orderBy(FUND.CODE)
                .fetch().forEach(r -> codes.add(r.value1()));
        List<FundRecord> locked = new ArrayList<>();
        for (String code : codes) {
            locked.add(tx.dsl().selectFrom(FUND).where(FUND.CODE.eq(code)).forUpdate().fetchOne());
        }
        return locked;
    }

    private static void refuseIfChanged(DSLContext dsl, FundRecord fund, Long readHead, FiscalYear year) {
        long seen = readHead == null ? 0 : readHead;
        if (fund.getHeadSeq() <= seen) {
            return;
        }
        Long first = dsl.select(DSL.min(JOURNAL_ENTRY.SEQ)).from(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.FUND_CODE.eq(fund.getCode()).and(JOURNAL_ENTRY.SEQ.gt(seen))
                        .and(JOURNAL_ENTRY.ENTRY_DATE.le(year.end())))
                .fetchOne(0, Long.class);
        if (first != null) {
            throw Rejection.conflict("the period " + year.year() + " was not closed: fund " + fund.getCode()
                    + " received entry " + first + ", dated in or before " + year.year() + ", while the batch ran;"
                    + " run the batch again");
        }
    }
}
