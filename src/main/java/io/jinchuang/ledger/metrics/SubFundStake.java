package io.jinchuang.ledger.metrics;

import static io.jinchuang.ledger.db.Tables.CONTRIBUTION;

import io.jinchuang.ledger.journal.Accounts;
import io.jinchuang.ledger.journal.Balances;
import io.jinchuang.ledger.journal.Live;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.tolerance.FailureBasis;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A guidance fund's stake in a sub-fund is valued at its share of the sub-fund's NAV,
 * pro rata to paid-in (a sub-fund holds no stakes of its own, so this never recurses).
 */
final class SubFundStake {
    private SubFundStake() {}

    static BigDecimal fairValue(DSLContext dsl, String guidanceCode, String subFundCode, LocalDate asOf,
                                BigDecimal costRemaining) {
        BigDecimal subPaidIn = FundMetrics.sumContributions(dsl, subFundCode, asOf);
        if (subPaidIn.signum() == 0) {
            return costRemaining;
        }
        BigDecimal guidancePaidIn = dsl.select(DSL.sum(CONTRIBUTION.AMOUNT)).from(CONTRIBUTION)
                .where(CONTRIBUTION.FUND_CODE.eq(subFundCode).and(CONTRIBUTION.PARTNER_CODE.eq(guidanceCode))
                        .and(CONTRIBUTION.ENTRY_DATE.le(asOf))
                        .and(Live.notReversed(CONTRIBUTION.FUND_CODE, CONTRIBUTION.SEQ, asOf)))
                .fetchOne(0, BigDecimal.class);
        if (guidancePaidIn == null) {
            return costRemaining;
        }
        BigDecimal cash = Balances.accountAsOf(dsl, subFundCode, Accounts.CASH, asOf);
        BigDecimal subNav = FundMetrics.nav(dsl, subFundCode, asOf, FailureBasis.REALIZED_LOSS, cash);
        return subNav.multiply(guidancePaidIn).divide(subPaidIn, Money.SCALE, RoundingMode.HALF_EVEN);
    }
}
