package io.jinchuang.ledger.journal;

import static io.jinchuang.ledger.db.Tables.CLOSED_PERIOD;
import static io.jinchuang.ledger.db.Tables.PERIOD_LOCK;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.store.Tx;
import java.time.LocalDate;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * SPEC §7 closed periods. Years close in order (the year-end batch refuses a gap), so the
 * books are closed through the largest closed year: nothing may be posted on or before its
 * 31 December. The journal checks this for every entry, after the posting has locked its
 * fund, so a concurrent close (which locks every fund) is either seen or waited for.
 */
public final class ClosedPeriods {
    private ClosedPeriods() {}

    /** The last closed year, or null while no year is closed. */
    public static Integer closedThrough(DSLContext dsl) {
        return dsl.select(DSL.max(CLOSED_PERIOD.FISCAL_YEAR)).from(CLOSED_PERIOD).fetchOne(0, Integer.class);
    }

    /**
     * {@link #closedThrough(DSLContext)} inside a posting's transaction, asked by every posting,
     * read once per transaction: it is first asked with a fund locked, and a close, which
     * locks every fund, cannot commit before this transaction ends (an import's many rows
     * ask once).
     */
    public static Integer closedThrough(Tx tx) {
        Known known = tx.attached(Known.class, Known.class);
        if (known == null) {
            known = new Known(tx.fetch("ClosedPeriods.closedThrough",
                    dsl -> dsl.select(DSL.max(CLOSED_PERIOD.FISCAL_YEAR)).from(CLOSED_PERIOD),
                    row -> row.getObject(1, Integer.class)).get(0));
            tx.attach(Known.class, known);
        }
        return known.through();
    }

    /** The last closed year as the transaction read it (null: none closed). */
    private record Known(Integer through) {}

    /** 409 when {@code date} falls in a closed year; the problem names the closed period. */
    public static void refuseClosed(Tx tx, String fundCode, LocalDate date) {
        Integer through = closedThrough(tx);
        if (through != null && date.getYear() <= through) {
            throw Rejection.conflict("the period " + date.getYear() + " is closed (the books are closed through "
                    + through + "-12-31): nothing dated " + date + " can be posted to fund " + fundCode
                    + "; post corrections in the open period, from " + (through + 1) + "-01-01");
        }
    }

    /**
     * The date a reversal of an entry dated {@code originalDate} is posted on: that date while
     * its year is open, otherwise the first day of the first open year.
     */
    public static LocalDate reversalDate(Tx tx, LocalDate originalDate) {
        Integer through = closedThrough(tx);
        if (through == null || originalDate.getYear() > through) {
            return originalDate;
        }
        return LocalDate.of(through + 1, 1, 1);
    }

    /**
     * Locks the period row, which the closing transaction locks first. Opening a fund takes
     * it because that posting locks no existing fund row a close could wait for.
     */
    public static void lockPeriods(Tx tx) {
        tx.dsl().selectFrom(PERIOD_LOCK).where(PERIOD_LOCK.ID.eq(1)).forUpdate().fetchOne();
    }
}
