package io.jinchuang.ledger.firstloss;

import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static io.jinchuang.ledger.db.Tables.DISTRIBUTION_SHARE;
import static io.jinchuang.ledger.db.Tables.EXIT_EVENT;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.db.tables.records.DistributionShareRecord;
import io.jinchuang.ledger.db.tables.records.ExitEventRecord;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.db.tables.records.PartnerRecord;
import io.jinchuang.ledger.deals.ExitType;
import io.jinchuang.ledger.funds.FundKind;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.funds.PartnerRole;
import io.jinchuang.ledger.journal.Accounts;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.journal.Balances;
import io.jinchuang.ledger.journal.EntryRef;
import io.jinchuang.ledger.journal.EntryType;
import io.jinchuang.ledger.journal.Journal;
import io.jinchuang.ledger.journal.Line;
import io.jinchuang.ledger.journal.NewEntry;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.store.Tx;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * SPEC §6 at a seed or angel fund's liquidation: the preview computes the settlement from
 * the ledger; the posting writes it as one entry in the fund's chain (and one in the
 * guidance fund's, closing its stake) and marks the fund LIQUIDATED.
 */
public final class Liquidations {
    private final Journal journal;
    private final SettlementTerms terms;
    private final Set<FundKind> kinds;

    public Liquidations(Journal journal, Settings settings) {
        this.journal = journal;
        BigDecimal capRatio = settings.decimal("firstLoss.cap-ratio");
        if (capRatio.signum() < 0 || capRatio.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalStateException("firstLoss.cap-ratio must be between 0 and 1.0, not " + capRatio);
        }
        this.terms = new SettlementTerms(capRatio, settings.bool("firstLoss.clawback"));
        EnumSet<FundKind> configured = EnumSet.noneOf(FundKind.class);
        settings.list("firstLoss.fund-kinds").forEach(k -> configured.add(FundKind.valueOf(k)));
        this.kinds = Set.copyOf(configured);
    }

    /** What the settlement would be now; posts nothing. */
    public Settlement preview(DSLContext dsl, FundRecord fund, BigDecimal netProceeds, BigDecimal approvedAmount) {
        checkApplies(fund);
        return settle(dsl, fund, netProceeds, approvedAmount);
    }

    public record Posted(Settlement settlement, EntryRef entry) {}

    public Posted liquidate(Tx tx, String fundCode, LocalDate date, BigDecimal netProceeds, BigDecimal approvedAmount,
                            Actor actor) {
        FundRecord fund = Funds.lockActive(tx, fundCode);
        checkApplies(fund);
        checkDate(tx.dsl(), fund, date);
        BigDecimal cash = Balances.current(tx, fundCode, Accounts.CASH);
        checkNothingHeld(tx.dsl(), fundCode);
        if (netProceeds.compareTo(cash) > 0) {
            throw Rejection.invalid("netProceeds", "is more than the fund's cash of " + Money.format(cash)
                    + " (every holding is exited; the net proceeds are that cash less fees and liabilities)");
        }
        Settlement settlement = settle(tx.dsl(), fund, netProceeds, approvedAmount);
        PartnerSettlement guidance = settlement.partners().stream()
                .filter(p -> p.role().equals(PartnerRole.GUIDANCE.name())).findFirst().orElseThrow();
        FundRecord guidanceFund = Funds.lockActive(tx, guidance.partnerCode());
        fund.setStatus(Funds.STATUS_LIQUIDATED);
        EntryRef ref = journal.post(tx, fund, NewEntry.of(fundCode, date, EntryType.LIQUIDATION, actor,
                payload(settlement), fundLines(settlement, cash)));
        insertShares(tx, ref, date, settlement);
        postGuidanceSide(tx, guidanceFund, fundCode, date, guidance, actor, ref);
        return new Posted(settlement, ref);
    }

    private void checkApplies(FundRecord fund) {
        FundKind kind = FundKind.valueOf(fund.getKind());
        if (!kinds.contains(kind)) {
            throw Rejection.invalid("fund", "is a " + kind + " fund; first loss applies to " + kinds.stream().sorted()
                    .map(Enum::name).toList() + " funds");
        }
        if (Funds.STATUS_LIQUIDATED.equals(fund.getStatus())) {
            throw Rejection.conflict("fund " + fund.getCode() + " is already liquidated");
        }
    }

    /** A liquidation is the fund's last event: not dated before anything already in its books. */
    private static void checkDate(DSLContext dsl, FundRecord fund, LocalDate date) {
        LocalDate latest = dsl.select(DSL.max(JOURNAL_ENTRY.ENTRY_DATE)).from(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.FUND_CODE.eq(fund.getCode())).fetchOne(0, LocalDate.class);
        if (latest != null && date.isBefore(latest)) {
            throw Rejection.invalid("date", "is before the fund's latest entry, dated " + latest);
        }
    }

    private static void checkNothingHeld(DSLContext dsl, String fundCode) {
        String prefix = Accounts.investment("");
        List<String> held = dsl.select(ACCOUNT_BALANCE.ACCOUNT).from(ACCOUNT_BALANCE)
                .where(ACCOUNT_BALANCE.FUND_CODE.eq(fundCode).and(ACCOUNT_BALANCE.ACCOUNT.startsWith(prefix))
                        .and(ACCOUNT_BALANCE.BALANCE.ne(BigDecimal.ZERO)))
                .orderBy(ACCOUNT_BALANCE.ACCOUNT)
                .fetch(r -> r.value1().substring(prefix.length()));
        if (!held.isEmpty()) {
            throw Rejection.conflict("the fund still holds " + held + "; post their exits before the liquidation");
        }
    }

    private Settlement settle(DSLContext dsl, FundRecord fund, BigDecimal netProceeds, BigDecimal approvedAmount) {
        List<PartnerStake> stakes = new ArrayList<>();
        for (PartnerRecord partner : Funds.partners(dsl, fund.getCode())) {
            BigDecimal paidIn = Balances.current(dsl, fund.getCode(), Accounts.paidIn(partner.getPartnerCode())).negate();
            BigDecimal distributed = Balances.current(dsl, fund.getCode(), Accounts.distributions(partner.getPartnerCode()));
            stakes.add(new PartnerStake(partner.getPartnerCode(), partner.getRole(), paidIn, distributed));
        }
        if (stakes.stream().noneMatch(PartnerStake::isGuidance)) {
            throw Rejection.invalid("fund", "has no GUIDANCE partner, so there is no first loss to bear");
        }
        try {
            return FirstLossCalculator.settle(stakes, netProceeds, approvedAmount, terms);
        } catch (SettlementRefused e) {
            throw Rejection.invalid(e.reason().field(), e.getMessage());
        }
    }

    /**
     * Cash goes to zero: fees and liabilities (cash − N) to expense, each partner's final
     * cash out (a negative one, the guidance fund's clawback, in).
     */
    private static List<Line> fundLines(Settlement settlement, BigDecimal cash) {
        List<Line> lines = new ArrayList<>();
        BigDecimal costs = cash.subtract(settlement.netProceeds());
        if (costs.signum() > 0) {
            lines.add(Line.debit(Accounts.LIQUIDATION_COSTS, costs));
        }
        for (PartnerSettlement p : settlement.partners()) {
            if (p.finalCash().signum() > 0) {
                lines.add(Line.debit(Accounts.distributions(p.partnerCode()), p.finalCash()));
            } else if (p.finalCash().signum() < 0) {
                lines.add(Line.credit(Accounts.distributions(p.partnerCode()), p.finalCash().negate()));
            }
        }
        if (cash.signum() > 0) {
            lines.add(Line.credit(Accounts.CASH, cash));
        }
        return lines;
    }

    private static void insertShares(Tx tx, EntryRef ref, LocalDate date, Settlement settlement) {
        List<DistributionShareRecord> rows = new ArrayList<>();
        for (PartnerSettlement p : settlement.partners()) {
            DistributionShareRecord row = tx.dsl().newRecord(DISTRIBUTION_SHARE);
            row.setFundCode(ref.fund());
            row.setSeq(ref.seq());
            row.setPartnerCode(p.partnerCode());
            row.setEntryDate(date);
            row.setAmount(p.finalCash());
            rows.add(row);
        }
        tx.insertAll(rows);
    }

    /**
     * The guidance fund's books: its stake is closed as a LIQUIDATION exit whose proceeds are
     * all it received from the sub-fund (interim distributions plus final cash), so its
     * realised loss is its paid-in less that.
     */
    private void postGuidanceSide(Tx tx, FundRecord guidanceFund, String subFund, LocalDate date,
                                  PartnerSettlement guidance, Actor actor, EntryRef subFundEntry) {
        BigDecimal finalCash = guidance.finalCash();
        BigDecimal cash = Balances.current(tx, guidanceFund.getCode(), Accounts.CASH);
        if (finalCash.signum() < 0 && cash.compareTo(finalCash.negate()) < 0) {
            throw Rejection.invalid("netProceeds", "needs guidance fund " + guidanceFund.getCode() + " to pay back "
                    + Money.format(finalCash.negate()) + " but it has " + Money.format(cash) + " cash");
        }
        BigDecimal cost = Balances.current(tx, guidanceFund.getCode(), Accounts.fundInvestment(subFund));
        BigDecimal returned = Balances.current(tx, guidanceFund.getCode(), Accounts.fundReturned(subFund)).negate();
        BigDecimal proceeds = returned.add(finalCash);
        BigDecimal gain = proceeds.subtract(cost);
        List<Line> lines = new ArrayList<>();
        if (finalCash.signum() > 0) {
            lines.add(Line.debit(Accounts.CASH, finalCash));
        }
        if (returned.signum() > 0) {
            lines.add(Line.debit(Accounts.fundReturned(subFund), returned));
        }
        if (gain.signum() < 0) {
            lines.add(Line.debit(Accounts.REALIZED_GAINS, gain.negate()));
        }
        if (finalCash.signum() < 0) {
            lines.add(Line.credit(Accounts.CASH, finalCash.negate()));
        }
        if (cost.signum() > 0) {
            lines.add(Line.credit(Accounts.fundInvestment(subFund), cost));
        }
        if (gain.signum() > 0) {
            lines.add(Line.credit(Accounts.REALIZED_GAINS, gain));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("subFund", subFund);
        payload.put("finalCash", Money.format(finalCash));
        payload.put("proceeds", Money.format(proceeds));
        payload.put("costReleased", Money.format(cost));
        EntryRef ref = journal.post(tx, guidanceFund, NewEntry.of(guidanceFund.getCode(), date,
                EntryType.SUBFUND_LIQUIDATION, actor, payload, lines).withLink(subFundEntry));
        ExitEventRecord exit = tx.dsl().newRecord(EXIT_EVENT);
        exit.setFundCode(ref.fund());
        exit.setSeq(ref.seq());
        exit.setHolding(subFund);
        exit.setEntryDate(date);
        exit.setType(ExitType.LIQUIDATION.name());
        exit.setProceeds(proceeds);
        exit.setCostReleased(cost);
        tx.insert(exit);
    }

    private static Map<String, Object> payload(Settlement s) {
        List<Map<String, Object>> partners = new ArrayList<>();
        for (PartnerSettlement p : s.partners()) {
            partners.add(Map.of("partnerCode", p.partnerCode(), "lossBorne", Money.format(p.lossBorne()),
                    "entitlement", Money.format(p.entitlement()), "finalCash", Money.format(p.finalCash())));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("netProceeds", Money.format(s.netProceeds()));
        payload.put("loss", Money.format(s.loss()));
        payload.put("cap", Money.format(s.cap()));
        payload.put("guidanceFirstLoss", Money.format(s.guidanceFirstLoss()));
        payload.put("noBeneficiary", s.noBeneficiary());
        payload.put("partners", partners);
        return payload;
    }
}
