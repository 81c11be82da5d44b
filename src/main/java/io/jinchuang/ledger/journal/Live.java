package io.jinchuang.ledger.journal;

import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;

import java.time.LocalDate;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.CustomCondition;
import org.jooq.impl.DSL;

/**
 * Deal facts (investments, exits, …) count until their entry is reversed: from the
 * reversal's business date on, or at all when asked for the current state.
 */
public final class Live {
    /** The index that answers "was this entry reversed by then?" (sql/V2__reversal_lookup_index.sql). */
    static final String REVERSAL_INDEX = "JOURNAL_ENTRY_REVERSAL_IX";

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
        Condition plain = DSL.notExists(DSL.selectOne().from(reversal).where(reverses));
        Condition hinted = DSL.notExists(DSL.selectOne().from(reversal.useIndex(REVERSAL_INDEX)).where(reverses));
        // H2 guesses index costs without statistics and, for this probe, tends to walk every
        // entry of the fund by date or by sequence (quadratic: minutes at 20,000 entries);
        // PostgreSQL plans it well and knows no such hint
        return CustomCondition.of(ctx -> ctx.visit(ctx.family() == SQLDialect.H2 ? hinted : plain));
    }
}
