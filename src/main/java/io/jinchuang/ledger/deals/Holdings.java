package io.jinchuang.ledger.deals;

import static io.jinchuang.ledger.db.Tables.INVESTMENT;

import io.jinchuang.ledger.journal.Live;
import io.jinchuang.ledger.store.Tx;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/** What a fund holds: companies it invested in, and (for a guidance fund) sub-funds. */
public final class Holdings {
    public static final String KIND_COMPANY = "COMPANY";
    public static final String KIND_FUND = "FUND";

    private Holdings() {}

    /** Whether the fund has a live investment in the holding. */
    public static boolean holds(Tx tx, String fundCode, String holding) {
        return tx.fetch("Holdings.holds", Holdings::holdsQuery, row -> row.getBoolean(1), fundCode, holding).get(0);
    }

    /** binds: fund, holding */
    private static ResultQuery<?> holdsQuery(DSLContext dsl) {
        return dsl.select(DSL.field(DSL.exists(DSL.selectOne().from(INVESTMENT)
                .where(INVESTMENT.FUND_CODE.eq(DSL.param("fund", String.class))
                        .and(INVESTMENT.HOLDING.eq(DSL.param("holding", String.class)))
                        .and(Live.notReversed(INVESTMENT.FUND_CODE, INVESTMENT.SEQ, null))))));
    }
}
