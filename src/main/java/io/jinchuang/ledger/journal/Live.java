package io.jinchuang.ledger.journal;

import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
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

    /**
     * Up to this many reversals among the funds read, facts are filtered by a plain list of
     * reversed sequence numbers; beyond it, by the per-fact probe of {@link #notReversed}.
     */
    public static final int REVERSED_LISTED_MAX = 500;

    private Live() {}

    /**
     * "Not reversed by {@code asOf}" for facts of {@code funds}, decided up front: reversals are
     * rare, so they are read first (one index seek per fund) and the facts are filtered by
     * that short list, or not at all when there is none, instead of probing the journal once
     * per fact. {@code seqMax} (one fund only) bounds the reversals as in {@link #notReversed}.
     */
    public static Condition notReversedAmong(DSLContext dsl, Collection<String> funds, Field<String> fundCode,
                                             Field<Long> seq, LocalDate asOf, Long seqMax) {
        Map<String, List<Long>> reversed = new LinkedHashMap<>();
        int count = 0;
        for (String fund : funds) {
            List<Long> seqs = reversedSeqs(dsl, fund, asOf, seqMax);
            if (!seqs.isEmpty()) {
                reversed.put(fund, seqs);
                count += seqs.size();
            }
        }
        if (count > REVERSED_LISTED_MAX) {
            return notReversed(fundCode, seq, asOf, seqMax);
        }
        Condition live = DSL.noCondition();
        for (Map.Entry<String, List<Long>> fund : reversed.entrySet()) {
            live = live.and(DSL.not(fundCode.eq(fund.getKey()).and(seq.in(fund.getValue()))));
        }
        return live;
    }

    /** The sequence numbers of one fund's entries reversed on or before {@code asOf} (by reversals numbered ≤ seqMax). */
    static List<Long> reversedSeqs(DSLContext dsl, String fund, LocalDate asOf, Long seqMax) {
        Condition condition = JOURNAL_ENTRY.FUND_CODE.eq(fund).and(JOURNAL_ENTRY.REVERSES_SEQ.ge(1L))
                .and(JOURNAL_ENTRY.ENTRY_DATE.le(asOf));
        if (seqMax != null) {
            condition = condition.and(JOURNAL_ENTRY.SEQ.le(seqMax));
        }
        // reverses_seq is NULL on all but the reversals: the index range skips them in one seek
        var table = dsl.family() == SQLDialect.H2 ? JOURNAL_ENTRY.useIndex(REVERSAL_INDEX) : JOURNAL_ENTRY;
        return dsl.select(JOURNAL_ENTRY.REVERSES_SEQ).from(table).where(condition).fetch(JOURNAL_ENTRY.REVERSES_SEQ);
    }

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
            // compared through an expression no index serves: given a plain ENTRY_DATE bound, H2
            // walks the (fund, date) index for every row tested, instead of finding the one
            // possible reversal by the (fund, reverses_seq) index (quadratic on a large fund)
            reverses = reverses.and(DSL.coalesce(reversal.ENTRY_DATE, reversal.ENTRY_DATE).le(asOf));
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
