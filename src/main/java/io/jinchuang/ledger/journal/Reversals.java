package io.jinchuang.ledger.journal;

import static io.jinchuang.ledger.db.Tables.EXIT_EVENT;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.db.tables.records.InvestmentRecord;
import io.jinchuang.ledger.db.tables.records.JournalEntryRecord;
import io.jinchuang.ledger.store.Tx;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Corrections: a reversal is a new entry with every line of the original swapped, dated
 * on the original's business date (so the books as of any later date read as if the
 * mistake never happened) unless that date's period is closed. The original stays.
 */
public final class Reversals {
    /** Entries that record the existence of things, not deals: they are not reversed. */
    private static final Set<String> NOT_REVERSIBLE = Set.of(EntryType.FUND_OPENED.name(),
            EntryType.PARTNER_ADMITTED.name(), EntryType.LIQUIDATION.name(), EntryType.SUBFUND_LIQUIDATION.name());

    private final Journal journal;
    /** Given the fund and the original's date, the date the reversal is posted on. */
    private final BiFunction<Tx, LocalDate, LocalDate> reversalDate;

    public Reversals(Journal journal, BiFunction<Tx, LocalDate, LocalDate> reversalDate) {
        this.journal = journal;
        this.reversalDate = reversalDate;
    }

    public EntryRef reverse(Tx tx, FundRecord fund, long seq, String reason, Actor actor) {
        JournalEntryRecord original = entry(tx, fund.getCode(), seq);
        if (original == null) {
            throw Rejection.notFound("fund " + fund.getCode() + " has no journal entry " + seq);
        }
        refuseIrreversible(tx, original);
        if (original.getLinkFund() != null) {
            throw Rejection.invalid("seq", "is the guidance fund's side of entry " + original.getLinkFund() + "/"
                    + original.getLinkSeq() + "; reverse that entry and this one follows");
        }
        EntryRef reversal = post(tx, fund, original, reason, actor, null);
        JournalEntryRecord counterpart = tx.dsl().selectFrom(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.LINK_FUND.eq(fund.getCode()).and(JOURNAL_ENTRY.LINK_SEQ.eq(seq))).fetchOne();
        if (counterpart != null) {
            FundRecord other = Journal.lockFund(tx, counterpart.getFundCode());
            post(tx, other, counterpart, reason, actor, reversal);
        }
        return reversal;
    }

    private void refuseIrreversible(Tx tx, JournalEntryRecord original) {
        if (original.getType().equals(EntryType.REVERSAL.name())) {
            throw Rejection.conflict("entry " + original.getSeq() + " is itself a reversal; post the deal again instead");
        }
        if (NOT_REVERSIBLE.contains(original.getType())) {
            throw Rejection.invalid("seq", "is a " + original.getType() + " entry, which cannot be reversed");
        }
        boolean reversed = tx.dsl().fetchExists(JOURNAL_ENTRY, JOURNAL_ENTRY.FUND_CODE.eq(original.getFundCode())
                .and(JOURNAL_ENTRY.REVERSES_SEQ.eq(original.getSeq())));
        if (reversed) {
            throw Rejection.conflict("entry " + original.getFundCode() + "/" + original.getSeq() + " is already reversed");
        }
        if (original.getType().equals(EntryType.INVESTMENT.name())) {
            refuseInvestmentWithExits(tx, original);
        }
    }

    /** Cost already released by an exit cannot be un-invested: the exits come off first. */
    private static void refuseInvestmentWithExits(Tx tx, JournalEntryRecord original) {
        InvestmentRecord investment = tx.dsl().selectFrom(INVESTMENT).where(INVESTMENT.FUND_CODE
                .eq(original.getFundCode()).and(INVESTMENT.SEQ.eq(original.getSeq()))).fetchOne();
        boolean exited = investment != null && tx.dsl().fetchExists(EXIT_EVENT, EXIT_EVENT.FUND_CODE
                .eq(investment.getFundCode()).and(EXIT_EVENT.HOLDING.eq(investment.getHolding()))
                .and(Live.notReversed(EXIT_EVENT.FUND_CODE, EXIT_EVENT.SEQ, null)));
        if (exited) {
            throw Rejection.conflict("the company " + investment.getHolding() + " has exits; reverse them first");
        }
    }

    private EntryRef post(Tx tx, FundRecord fund, JournalEntryRecord original, String reason, Actor actor,
                          EntryRef link) {
        List<Line> lines = tx.dsl().selectFrom(JOURNAL_LINE)
                .where(JOURNAL_LINE.FUND_CODE.eq(original.getFundCode()).and(JOURNAL_LINE.SEQ.eq(original.getSeq())))
                .orderBy(JOURNAL_LINE.LINE_NO)
                .fetch(r -> new Line(r.getAccount(), r.getDebit(), r.getCredit()).reversed());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("reason", reason);
        payload.put("reversedType", original.getType());
        LocalDate date = reversalDate.apply(tx, original.getEntryDate());
        NewEntry entry = new NewEntry(fund.getCode(), date, EntryType.REVERSAL, actor.name(), actor.idempotencyKey(),
                original.getReference(), original.getSeq(), link, payload, lines);
        return journal.post(tx, fund, entry);
    }

    public static JournalEntryRecord entry(Tx tx, String fundCode, long seq) {
        return tx.dsl().selectFrom(JOURNAL_ENTRY).where(JOURNAL_ENTRY.FUND_CODE.eq(fundCode)
                .and(JOURNAL_ENTRY.SEQ.eq(seq))).fetchOne();
    }
}
