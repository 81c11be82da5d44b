package io.jinchuang.ledger.deals;

import static io.jinchuang.ledger.db.Tables.INVESTMENT;

import io.jinchuang.ledger.journal.Live;
import org.jooq.DSLContext;

/** What a fund holds: companies it invested in, and (for a guidance fund) sub-funds. */
public final class Holdings {
    public static final String KIND_COMPANY = "COMPANY";
    public static final String KIND_FUND = "FUND";

    private Holdings() {}

    /** Whether the fund has a live investment in the holding. */
    public static boolean holds(DSLContext dsl, String fundCode, String holding) {
        return dsl.fetchExists(INVESTMENT, INVESTMENT.FUND_CODE.eq(fundCode).and(INVESTMENT.HOLDING.eq(holding))
                .and(Live.notReversed(INVESTMENT.FUND_CODE, INVESTMENT.SEQ, null)));
    }
}
