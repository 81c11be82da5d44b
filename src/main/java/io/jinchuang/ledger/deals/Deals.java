package io.jinchuang.ledger.deals;

import static io.jinchuang.ledger.db.Tables.CONTRIBUTION;
import static io.jinchuang.ledger.db.Tables.DISTRIBUTION_SHARE;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.ContributionRecord;
import io.jinchuang.ledger.db.tables.records.DistributionShareRecord;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.db.tables.records.InvestmentRecord;
import io.jinchuang.ledger.db.tables.records.PartnerRecord;
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
import io.jinchuang.ledger.money.LargestRemainder;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.store.Tx;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Money moving between partners and the fund: capital calls and distributions. A
 * GUIDANCE partner's share also posts in the guidance fund's own chain, linked both ways.
 */
public final class Deals {
    private final Journal journal;

    public Deals(Journal journal) {
        this.journal = journal;
    }

    public EntryRef capitalCall(Tx tx, String fundCode, CapitalCall call, Actor actor) {
        FundRecord fund = Funds.lockActive(tx, fundCode);
        Dates.notBeforeVintage(fund, call.date(), "date");
        List<Line> lines = new ArrayList<>();
        BigDecimal total = Money.ZERO;
        List<Map<String, Object>> described = new ArrayList<>();
        PartnerRecord guidance = null;
        BigDecimal guidanceAmount = Money.ZERO;
        for (int i = 0; i < call.contributions().size(); i++) {
            CapitalCall.Contribution c = call.contributions().get(i);
            PartnerRecord partner = requirePartner(tx, fundCode, c.partnerCode(), "contributions[" + i + "].partnerCode");
            BigDecimal paidIn = Balances.current(tx, fundCode, Accounts.paidIn(c.partnerCode())).negate();
            if (paidIn.add(c.amount()).compareTo(partner.getCommitted()) > 0) {
                throw Rejection.invalid("contributions[" + i + "].amount", "would bring " + c.partnerCode()
                        + "'s paid-in to " + Money.format(paidIn.add(c.amount())) + ", above its committed "
                        + Money.format(partner.getCommitted()));
            }
            if (partner.getRole().equals(PartnerRole.GUIDANCE.name())) {
                guidance = partner;
                guidanceAmount = c.amount();
            }
            lines.add(Line.credit(Accounts.paidIn(c.partnerCode()), c.amount()));
            total = total.add(c.amount());
            described.add(Map.of("partnerCode", c.partnerCode(), "amount", Money.format(c.amount())));
        }
        lines.add(0, Line.debit(Accounts.CASH, total));
        EntryRef ref = journal.post(tx, fund, NewEntry.of(fundCode, call.date(), EntryType.CAPITAL_CALL, actor,
                Map.of("contributions", described), lines));
        insertContributions(tx, ref, call);
        if (guidance != null) {
            // the counterpart names the sub-fund's entry (link_fund/link_seq); reversals follow it
            guidanceContribution(tx, fund, guidance, call.date(), guidanceAmount, actor, ref);
        }
        return ref;
    }

    private void insertContributions(Tx tx, EntryRef ref, CapitalCall call) {
        List<ContributionRecord> rows = new ArrayList<>();
        for (CapitalCall.Contribution c : call.contributions()) {
            ContributionRecord row = tx.dsl().newRecord(CONTRIBUTION);
            row.setFundCode(ref.fund());
            row.setSeq(ref.seq());
            row.setPartnerCode(c.partnerCode());
            row.setEntryDate(call.date());
            row.setAmount(c.amount());
            rows.add(row);
        }
        tx.insertAll(rows);
    }

    /** The guidance fund's side: its cash goes into its stake in the sub-fund. */
    private EntryRef guidanceContribution(Tx tx, FundRecord subFund, PartnerRecord guidance, LocalDate date,
                                          BigDecimal amount, Actor actor, EntryRef subFundEntry) {
        FundRecord guidanceFund = Funds.lockActive(tx, guidance.getPartnerCode());
        BigDecimal cash = Balances.current(tx, guidanceFund.getCode(), Accounts.CASH);
        if (cash.compareTo(amount) < 0) {
            throw Rejection.invalid("contributions", "guidance fund " + guidanceFund.getCode() + " has only "
                    + Money.format(cash) + " cash for its contribution of " + Money.format(amount));
        }
        List<Line> lines = List.of(Line.debit(Accounts.fundInvestment(subFund.getCode()), amount),
                Line.credit(Accounts.CASH, amount));
        EntryRef ref = journal.post(tx, guidanceFund, NewEntry.of(guidanceFund.getCode(), date,
                EntryType.SUBFUND_CONTRIBUTION, actor, Map.of("subFund", subFund.getCode(), "amount",
                        Money.format(amount)), lines).withLink(subFundEntry));
        InvestmentRecord row = tx.dsl().newRecord(INVESTMENT);
        row.setFundCode(ref.fund());
        row.setSeq(ref.seq());
        row.setHolding(subFund.getCode());
        row.setHoldingKind(Holdings.KIND_FUND);
        row.setEntryDate(date);
        row.setAmount(amount);
        row.setConflictOfInterest(false);
        tx.insert(row);
        return ref;
    }

    public EntryRef distribute(Tx tx, String fundCode, NewDistribution distribution, Actor actor) {
        FundRecord fund = Funds.lockActive(tx, fundCode);
        Dates.notBeforeVintage(fund, distribution.date(), "date");
        BigDecimal cash = Balances.current(tx, fundCode, Accounts.CASH);
        if (cash.compareTo(distribution.amount()) < 0) {
            throw Rejection.invalid("amount", "is more than the fund's cash of " + Money.format(cash));
        }
        Map<String, BigDecimal> shares = shares(tx, fundCode, distribution);
        List<Line> lines = new ArrayList<>();
        List<Map<String, Object>> described = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> share : shares.entrySet()) {
            if (share.getValue().signum() > 0) {
                lines.add(Line.debit(Accounts.distributions(share.getKey()), share.getValue()));
            }
            described.add(Map.of("partnerCode", share.getKey(), "amount", Money.format(share.getValue())));
        }
        lines.add(Line.credit(Accounts.CASH, distribution.amount()));
        EntryRef ref = journal.post(tx, fund, NewEntry.of(fundCode, distribution.date(), EntryType.DISTRIBUTION, actor,
                Map.of("amount", Money.format(distribution.amount()), "shares", described), lines));
        insertShares(tx, ref, distribution.date(), shares);
        PartnerRecord guidance = guidancePartner(tx, fundCode);
        if (guidance != null && shares.getOrDefault(guidance.getPartnerCode(), Money.ZERO).signum() > 0) {
            BigDecimal received = shares.get(guidance.getPartnerCode());
            FundRecord guidanceFund = Funds.lockActive(tx, guidance.getPartnerCode());
            List<Line> guidanceLines = List.of(Line.debit(Accounts.CASH, received),
                    Line.credit(Accounts.fundReturned(fundCode), received));
            journal.post(tx, guidanceFund, NewEntry.of(guidanceFund.getCode(),
                    distribution.date(), EntryType.SUBFUND_DISTRIBUTION, actor,
                    Map.of("subFund", fundCode, "amount", Money.format(received)), guidanceLines).withLink(ref));
        }
        return ref;
    }

    private Map<String, BigDecimal> shares(Tx tx, String fundCode, NewDistribution distribution) {
        if (distribution.allocations() != null && !distribution.allocations().isEmpty()) {
            Map<String, BigDecimal> explicit = new LinkedHashMap<>();
            BigDecimal sum = Money.ZERO;
            for (int i = 0; i < distribution.allocations().size(); i++) {
                CapitalCall.Contribution a = distribution.allocations().get(i);
                requirePartner(tx, fundCode, a.partnerCode(), "allocations[" + i + "].partnerCode");
                explicit.merge(a.partnerCode(), a.amount(), BigDecimal::add);
                sum = sum.add(a.amount());
            }
            if (sum.compareTo(distribution.amount()) != 0) {
                throw Rejection.invalid("allocations", "sum to " + Money.format(sum) + ", not the amount "
                        + Money.format(distribution.amount()));
            }
            return explicit;
        }
        Map<String, BigDecimal> paidIn = new LinkedHashMap<>();
        for (PartnerRecord partner : Funds.partners(tx, fundCode)) {
            paidIn.put(partner.getPartnerCode(),
                    Balances.current(tx, fundCode, Accounts.paidIn(partner.getPartnerCode())).negate());
        }
        if (paidIn.values().stream().allMatch(p -> p.signum() <= 0)) {
            throw Rejection.invalid("amount", "cannot be split pro rata: no partner has paid in");
        }
        return LargestRemainder.split(distribution.amount(), paidIn);
    }

    private static void insertShares(Tx tx, EntryRef ref, LocalDate date, Map<String, BigDecimal> shares) {
        List<DistributionShareRecord> rows = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> share : shares.entrySet()) {
            DistributionShareRecord row = tx.dsl().newRecord(DISTRIBUTION_SHARE);
            row.setFundCode(ref.fund());
            row.setSeq(ref.seq());
            row.setPartnerCode(share.getKey());
            row.setEntryDate(date);
            row.setAmount(share.getValue());
            rows.add(row);
        }
        tx.insertAll(rows);
    }

    static PartnerRecord requirePartner(Tx tx, String fundCode, String partnerCode, String field) {
        PartnerRecord partner = Funds.partnerOf(tx, fundCode, partnerCode);
        if (partner == null) {
            throw Rejection.invalid(field, "names no partner of fund " + fundCode);
        }
        return partner;
    }

    public static PartnerRecord guidancePartner(Tx tx, String fundCode) {
        return Funds.partners(tx, fundCode).stream()
                .filter(p -> p.getRole().equals(PartnerRole.GUIDANCE.name())).findFirst().orElse(null);
    }

}
