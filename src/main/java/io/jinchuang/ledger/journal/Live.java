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
        return notReversed(fundCode, seq, asOf, null);
    }

    /**
     * As {@link #notReversed(Field, Field, LocalDate)}, counting only reversals numbered at or
     * below {@code seqMax} (null: all). A report that names the chain head it reflects reads
     * that head first and bounds every fact by it, so a posting that lands mid-report is not
     * half in it.
     */
    public static Condition notReversed(Field<String> fundCode, Field<Long> seq, LocalDate asOf, Long seqMax) {
        var reversal = JOURNAL_ENTRY.as("reversal");
        Condition reverses = reversal.FUND_CODE.eq(fundCode).and(reversal.REVERSES_SEQ.eq(seq));
        if (asOf != null) {
            reverses = reverses.and(reversal.ENTRY_DATE.le(asOf));
        }
        if (seqMax != null) {
            reverses = reverses.and(reversal.SEQ.le(seqMax));
        }
        return DSL.notExists(DSL.selectOne().from(reversal).where(reverses));
    }
}
