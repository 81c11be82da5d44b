package io.jinchuang.ledger.deals;

import static io.jinchuang.ledger.db.Tables.COMPANY;
import static io.jinchuang.ledger.db.Tables.EXIT_EVENT;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;
import static io.jinchuang.ledger.db.Tables.MONITORING_REPORT;
import static io.jinchuang.ledger.db.Tables.VALUATION;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.ExitEventRecord;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.db.tables.records.InvestmentRecord;
import io.jinchuang.ledger.db.tables.records.MonitoringReportRecord;
import io.jinchuang.ledger.db.tables.records.ValuationRecord;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.journal.Accounts;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.journal.Balances;
import io.jinchuang.ledger.journal.EntryRef;
import io.jinchuang.ledger.journal.EntryType;
import io.jinchuang.ledger.journal.Journal;
import io.jinchuang.ledger.journal.Line;
import io.jinchuang.ledger.journal.NewEntry;
import io.jinchuang.ledger.metrics.Positions;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.store.Tx;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fund's deals in companies: investments, exits, valuations, monitoring reports. */
public final class Investments {
    private final Journal journal;

    public Investments(Journal journal) {
        this.journal = journal;
    }

    public EntryRef invest(Tx tx, String fundCode, NewInvestment investment, Actor actor) {
        FundRecord fund = Funds.lockActive(tx, fundCode);
        Dates.notBeforeVintage(fund, investment.date(), "date");
        requireCompany(tx, investment.creditCode());
        Balances.prefetch(tx, fundCode, Accounts.CASH, Accounts.investment(investment.creditCode()));
        BigDecimal cash = Balances.current(tx, fundCode, Accounts.CASH);
        if (cash.compareTo(investment.amount()) < 0) {
            throw Rejection.invalid("amount", "is more than the fund's cash of " + Money.format(cash));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("creditCode", investment.creditCode());
        payload.put("amount", Money.format(investment.amount()));
        payload.put("round", investment.round());
        payload.put("dueDiligenceRef", investment.dueDiligenceRef());
        payload.put("decisionRef", investment.decisionRef());
        payload.put("decisionDate", investment.decisionDate() == null ? null : investment.decisionDate().toString());
        payload.put("conflictOfInterest", investment.conflictOfInterest());
        List<Line> lines = List.of(Line.debit(Accounts.investment(investment.creditCode()), investment.amount()),
                Line.credit(Accounts.CASH, investment.amount()));
        EntryRef ref = journal.post(tx, fund, NewEntry.of(fundCode, investment.date(), EntryType.INVESTMENT, actor,
                payload, lines));
        InvestmentRecord row = tx.dsl().newRecord(INVESTMENT);
        row.setFundCode(fundCode);
        row.setSeq(ref.seq());
        row.setHolding(investment.creditCode());
        row.setHoldingKind(Holdings.KIND_COMPANY);
        row.setEntryDate(investment.date());
        row.setAmount(investment.amount());
        row.setRound(investment.round());
        row.setDueDiligenceRef(investment.dueDiligenceRef());
        row.setDecisionRef(investment.decisionRef());
        row.setDecisionDate(investment.decisionDate());
        row.setConflictOfInterest(investment.conflictOfInterest());
        tx.insert(row);
        Positions.factPosted(tx, fundCode, investment.creditCode(), investment.date());
        return ref;
    }

    public EntryRef exit(Tx tx, String fundCode, NewExit exit, Actor actor) {
        FundRecord fund = Funds.lockActive(tx, fundCode);
        Dates.notBeforeVintage(fund, exit.date(), "date");
        Balances.prefetch(tx, fundCode, Accounts.investment(exit.creditCode()), Accounts.CASH, Accounts.REALIZED_GAINS);
        requireHeld(tx, fundCode, exit.creditCode());
        BigDecimal remaining = Balances.current(tx, fundCode, Accounts.investment(exit.creditCode()));
        if (remaining.signum() == 0) {
            throw Rejection.invalid("creditCode", "has no cost left to exit in fund " + fundCode);
        }
        BigDecimal released = exit.costReleased() == null ? remaining : exit.costReleased();
        if (released.compareTo(remaining) > 0) {
            throw Rejection.invalid("costReleased", "is more than the remaining cost of " + Money.format(remaining));
        }
        // a backdated exit must fit the cost held on its own date and on every day after it
        BigDecimal heldLeast = Positions.costRemainingLeastFrom(tx, fundCode, exit.creditCode(), exit.date(), remaining);
        if (released.compareTo(heldLeast) > 0) {
            throw Rejection.invalid(exit.costReleased() == null ? "date" : "costReleased", "releases "
                    + Money.format(released) + " of cost, but from " + exit.date() + " on the fund held as little as "
                    + Money.format(heldLeast));
        }
        if (exit.type() == ExitType.WRITE_OFF && exit.proceeds().signum() != 0) {
            throw Rejection.invalid("proceeds", "must be 0 for a WRITE_OFF");
        }
        BigDecimal gain = exit.proceeds().subtract(released);
        List<Line> lines = new ArrayList<>();
        if (exit.proceeds().signum() > 0) {
            lines.add(Line.debit(Accounts.CASH, exit.proceeds()));
        }
        if (gain.signum() < 0) {
            lines.add(Line.debit(Accounts.REALIZED_GAINS, gain.negate()));
        }
        lines.add(Line.credit(Accounts.investment(exit.creditCode()), released));
        if (gain.signum() > 0) {
            lines.add(Line.credit(Accounts.REALIZED_GAINS, gain));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("creditCode", exit.creditCode());
        payload.put("type", exit.type().name());
        payload.put("proceeds", Money.format(exit.proceeds()));
        payload.put("costReleased", Money.format(released));
        EntryRef ref = journal.post(tx, fund, NewEntry.of(fundCode, exit.date(), EntryType.EXIT, actor, payload, lines));
        ExitEventRecord row = tx.dsl().newRecord(EXIT_EVENT);
        row.setFundCode(fundCode);
        row.setSeq(ref.seq());
        row.setHolding(exit.creditCode());
        row.setEntryDate(exit.date());
        row.setType(exit.type().name());
        row.setProceeds(exit.proceeds());
        row.setCostReleased(released);
        tx.insert(row);
        Positions.factPosted(tx, fundCode, exit.creditCode(), exit.date());
        return ref;
    }

    public EntryRef value(Tx tx, String fundCode, String creditCode, LocalDate date, BigDecimal fairValue, Actor actor) {
        FundRecord fund = Funds.lockActive(tx, fundCode);
        Dates.notBeforeVintage(fund, date, "date");
        requireHeld(tx, fundCode, creditCode);
        EntryRef ref = journal.post(tx, fund, NewEntry.of(fundCode, date, EntryType.VALUATION, actor,
                Map.of("creditCode", creditCode, "fairValue", Money.format(fairValue)), List.of()));
        ValuationRecord row = tx.dsl().newRecord(VALUATION);
        row.setFundCode(fundCode);
        row.setSeq(ref.seq());
        row.setHolding(creditCode);
        row.setEntryDate(date);
        row.setFairValue(fairValue);
        tx.insert(row);
        return ref;
    }

    public EntryRef monitor(Tx tx, String fundCode, String creditCode, LocalDate date, String reportRef, Actor actor) {
        FundRecord fund = Funds.lockActive(tx, fundCode);
        Dates.notBeforeVintage(fund, date, "date");
        requireHeld(tx, fundCode, creditCode);
        EntryRef ref = journal.post(tx, fund, NewEntry.of(fundCode, date, EntryType.MONITORING_REPORT, actor,
                Map.of("creditCode", creditCode, "reportRef", reportRef), List.of()));
        MonitoringReportRecord row = tx.dsl().newRecord(MONITORING_REPORT);
        row.setFundCode(fundCode);
        row.setSeq(ref.seq());
        row.setHolding(creditCode);
        row.setEntryDate(date);
        row.setReportRef(reportRef);
        tx.insert(row);
        return ref;
    }

    private static void requireCompany(Tx tx, String creditCode) {
        if (tx.find(COMPANY, creditCode) == null) {
            throw Rejection.invalid("creditCode", "names no registered company; POST /companies first");
        }
    }

    private static void requireHeld(Tx tx, String fundCode, String creditCode) {
        // cost still on the books can only come from a live investment: no need to ask the journal
        if (Balances.current(tx, fundCode, Accounts.investment(creditCode)).signum() > 0) {
            return;
        }
        if (!Holdings.holds(tx, fundCode, creditCode)) {
            throw Rejection.invalid("creditCode", "is not a company fund " + fundCode + " has invested in");
        }
    }
}
