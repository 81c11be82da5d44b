package io.jinchuang.ledger.metrics;

import static io.jinchuang.ledger.db.Tables.CONTRIBUTION;
import static io.jinchuang.ledger.db.Tables.DISTRIBUTION_SHARE;

import io.jinchuang.ledger.journal.Accounts;
import io.jinchuang.ledger.journal.Balances;
import io.jinchuang.ledger.journal.Live;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.money.Ratio;
import io.jinchuang.ledger.tolerance.FailureBasis;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * SPEC §8 metrics of a fund as of a date: paid-in, distributed, cash, NAV, DPI, RVPI,
 * TVPI and XIRR over the partners' flows. Ratios stay exact; they are rounded at output.
 */
public final class FundMetrics {
    private FundMetrics() {}

    public record Figures(LocalDate asOf, BigDecimal paidIn, BigDecimal distributed, BigDecimal cash, BigDecimal nav,
                          BigDecimal dpi, BigDecimal rvpi, BigDecimal tvpi, BigDecimal xirr) {}

    public static Figures of(DSLContext dsl, String fundCode, LocalDate asOf, FailureBasis basis) {
        BigDecimal paidIn = sumContributions(dsl, fundCode, asOf);
        BigDecimal distributed = sumDistributions(dsl, fundCode, asOf);
        BigDecimal cash = Balances.accountAsOf(dsl, fundCode, Accounts.CASH, asOf);
        BigDecimal nav = nav(dsl, fundCode, asOf, basis, cash);
        BigDecimal dpi = Ratio.of(distributed, paidIn);
        BigDecimal rvpi = Ratio.of(nav, paidIn);
        BigDecimal tvpi = dpi == null ? null : dpi.add(rvpi);
        BigDecimal xirr = Xirr.xirr(flows(dsl, fundCode, asOf, nav)).orElse(null);
        return new Figures(asOf, paidIn, distributed, cash, nav, dpi, rvpi, tvpi, xirr);
    }

    /** NAV = cash + Σ over held positions of the latest fair value (the remaining cost when there is none). */
    static BigDecimal nav(DSLContext dsl, String fundCode, LocalDate asOf, FailureBasis basis, BigDecimal cash) {
        BigDecimal held = Money.ZERO;
        for (Positions.Position position : Positions.of(dsl, fundCode, asOf, basis)) {
            if (position.costRemaining().signum() > 0) {
                held = held.add(position.fairValue());
            }
        }
        return cash.add(held);
    }

    static BigDecimal sumContributions(DSLContext dsl, String fundCode, LocalDate asOf) {
        return sum(dsl, CONTRIBUTION.AMOUNT, liveContributions(fundCode, asOf));
    }

    static BigDecimal sumDistributions(DSLContext dsl, String fundCode, LocalDate asOf) {
        return sum(dsl, DISTRIBUTION_SHARE.AMOUNT, liveShares(fundCode, asOf));
    }

    /** A fund's contributions dated up to asOf whose entries were not reversed by then. */
    private static Condition liveContributions(String fundCode, LocalDate asOf) {
        return CONTRIBUTION.FUND_CODE.eq(fundCode).and(CONTRIBUTION.ENTRY_DATE.le(asOf))
                .and(Live.notReversed(CONTRIBUTION.FUND_CODE, CONTRIBUTION.SEQ, asOf));
    }

    /** The same for distribution shares. */
    private static Condition liveShares(String fundCode, LocalDate asOf) {
        return DISTRIBUTION_SHARE.FUND_CODE.eq(fundCode).and(DISTRIBUTION_SHARE.ENTRY_DATE.le(asOf))
                .and(Live.notReversed(DISTRIBUTION_SHARE.FUND_CODE, DISTRIBUTION_SHARE.SEQ, asOf));
    }

    private static BigDecimal sum(DSLContext dsl, TableField<?, BigDecimal> amount, Condition where) {
        BigDecimal sum = dsl.select(DSL.sum(amount)).from(amount.getTable()).where(where).fetchOne(0, BigDecimal.class);
        return sum == null ? Money.ZERO : sum.setScale(Money.SCALE);
    }

    /** The partners' flows: contributions negative, distributions positive, NAV positive on asOf. */
    private static List<Xirr.Flow> flows(DSLContext dsl, String fundCode, LocalDate asOf, BigDecimal nav) {
        List<Xirr.Flow> flows = new ArrayList<>();
        dsl.select(CONTRIBUTION.ENTRY_DATE, DSL.sum(CONTRIBUTION.AMOUNT)).from(CONTRIBUTION)
                .where(liveContributions(fundCode, asOf))
                .groupBy(CONTRIBUTION.ENTRY_DATE)
                .fetch().forEach(r -> flows.add(new Xirr.Flow(r.value1(), r.value2().negate())));
        dsl.select(DISTRIBUTION_SHARE.ENTRY_DATE, DSL.sum(DISTRIBUTION_SHARE.AMOUNT)).from(DISTRIBUTION_SHARE)
                .where(liveShares(fundCode, asOf))
                .groupBy(DISTRIBUTION_SHARE.ENTRY_DATE)
                .fetch().forEach(r -> flows.add(new Xirr.Flow(r.value1(), r.value2())));
        if (nav.signum() > 0) {
            flows.add(new Xirr.Flow(asOf, nav));
        }
        return flows;
    }
}
