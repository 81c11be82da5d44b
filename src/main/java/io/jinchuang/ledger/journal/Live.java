package io.jinchuang.ledger.journal;

import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;

import java.time.LocalDate;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Deal facts (investments, exits, …) count until their entry is reversed: from the
 * reversal's business date on, or at all when asked for the current state.
 */
public final class Live {
    private Live() {}

    public static Condition notReversed(Field<String> fundCode, Field<Long> seq, LocalDate asOf) {
        var reversal = JOURNAL_ENTRY.as("reversal");
        Condition reverses = reversal.FUND_CODE.eq(fundCode).and(reversal.REVERSES_SEQ.eq(seq));
        if (asOf != null) {
            // compared through an expression no index serves: given a plain ENTRY_DATE bound, H2
            // walks the (fund, date) index for every row tested, instead of finding the one
            // possible reversal by the (fund, reverses_seq) index (quadratic on a large fund)
            reverses = reverses.and(DSL.coalesce(reversal.ENTRY_DATE, reversal.ENTRY_DATE).le(asOf));
        }
        return DSL.notExists(DSL.selectOne().from(reversal).where(reverses));
    }
}
