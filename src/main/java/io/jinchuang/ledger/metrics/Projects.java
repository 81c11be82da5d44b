package io.jinchuang.ledger.metrics;

import static io.jinchuang.ledger.db.Tables.COMPANY;
import static io.jinchuang.ledger.db.Tables.EXIT_EVENT;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;
import static io.jinchuang.ledger.db.Tables.VALUATION;

import io.jinchuang.ledger.deals.ExitType;
import io.jinchuang.ledger.deals.Holdings;
import io.jinchuang.ledger.journal.Live;
import io.jinchuang.ledger.money.Check;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.tolerance.ProjectFacts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * SPEC §4 projects: fund × company pairs with at least one live investment on or before the
 * as-of date, with the facts the failure rules need. Two grouped statements for any number
 * of funds (three under IMPAIRED), matched here by project: the investments per project, and
 * the exits per project with the latest one. Reversals are read first (see
 * {@link Live#notReversedAmong}).
 * A guidance fund's stakes in sub-funds are holdings but not projects: they are left out.
 */
public final class Projects {
    private Projects() {}

    /**
     * One project. {@code lastExitDate} is the date of its latest exit (null if never exited):
     * for a fully exited project, the day it closed.
     */
    public record Project(String fund, ProjectFacts facts, LocalDate lastExitDate) {
        public String holding() {
            return facts.holding();
        }
    }

    /**
     * The projects of {@code funds} as of {@code asOf}, ordered by fund and holding.
     *
     * @param withValuations whether to read the latest valuations (only the IMPAIRED basis needs them)
     * @param seqMax         for one fund only: count only entries numbered at or below it (null: all)
     */
    public static List<Project> of(DSLContext dsl, Collection<String> funds, LocalDate asOf, boolean withValuations,
                                   Long seqMax) {
        Check.that(seqMax == null || funds.size() == 1, "a chain-head bound applies to one fund's chain");
        if (funds.isEmpty()) {
            return List.of();
        }
        Map<Key, Exits> exits = exits(dsl, funds, asOf, seqMax);
        Map<Key, BigDecimal> valuations = withValuations ? latestValuations(dsl, funds, asOf, seqMax) : Map.of();
        var i = INVESTMENT.as("i");
        List<Project> projects = new ArrayList<>();
        dsl.select(i.FUND_CODE, i.HOLDING, COMPANY.NAME, DSL.sum(i.AMOUNT))
                .from(i)
                .leftJoin(COMPANY).on(COMPANY.CREDIT_CODE.eq(i.HOLDING))
                .where(i.FUND_CODE.in(funds), i.HOLDING_KIND.eq(Holdings.KIND_COMPANY), i.ENTRY_DATE.le(asOf),
                        within(i.SEQ, seqMax), Live.notReversedAmong(dsl, funds, i.FUND_CODE, i.SEQ, asOf, seqMax))
                .groupBy(i.FUND_CODE, i.HOLDING, COMPANY.NAME)
                .orderBy(i.FUND_CODE, i.HOLDING)
                .fetch()
                .forEach(r -> {
                    Key key = new Key(r.value1(), r.value2());
                    projects.add(project(key, r.value3(), r.value4(), exits.get(key), valuations.get(key)));
                });
        return projects;
    }

    private record Key(String fund, String holding) {}

    /** A project's exits: totals, and the type and date of the latest one (by date, then sequence). */
    private record Exits(BigDecimal released, BigDecimal proceeds, String lastType, LocalDate lastDate) {}

    private static Project project(Key key, String name, BigDecimal invested, Exits exits, BigDecimal fairValue) {
        BigDecimal cost = invested.setScale(Money.SCALE);
        BigDecimal remaining = exits == null ? cost : cost.subtract(exits.released()).setScale(Money.SCALE);
        BigDecimal proceeds = exits == null ? Money.ZERO : exits.proceeds().setScale(Money.SCALE);
        ProjectFacts facts = new ProjectFacts(key.holding(), name, cost, remaining, proceeds,
                exits == null ? null : exits.lastType(), fairValue);
        return new Project(key.fund(), facts, exits == null ? null : exits.lastDate());
    }

    /** Day 0 of the exit ordering key (earlier dates work too: they give negative keys). */
    private static final LocalDate KEY_EPOCH = LocalDate.parse("1900-01-01");
    /** The key packs (days since KEY_EPOCH, seq, exit type): seq below 2^31, types below 8. */
    private static final long SEQ_SPAN = 1L << 31;
    private static final long TYPE_SPAN = 8;

    /**
     * Per project: total cost released and proceeds, and the latest exit. One GROUP BY: the
     * latest exit is MAX of a key that orders exits by date, then sequence, and carries the
     * exit's type in its lowest bits, so the maximum names the type and date too. (A window
     * function would say the same, but costs H2 three to four times as much.)
     */
    private static Map<Key, Exits> exits(DSLContext dsl, Collection<String> funds, LocalDate asOf, Long seqMax) {
        var e = EXIT_EVENT.as("e");
        var type = DSL.choose(e.TYPE);
        org.jooq.CaseWhenStep<String, Long> ordinal = null;
        for (ExitType t : ExitType.values()) {
            ordinal = ordinal == null ? type.when(DSL.inline(t.name()), DSL.inline((long) t.ordinal()))
                    : ordinal.when(DSL.inline(t.name()), DSL.inline((long) t.ordinal()));
        }
        Field<Long> days = DSL.localDateDiff(e.ENTRY_DATE, DSL.inline(KEY_EPOCH)).cast(Long.class);
        Field<Long> key = days.mul(DSL.inline(SEQ_SPAN)).plus(e.SEQ).mul(DSL.inline(TYPE_SPAN)).plus(ordinal);
        Map<Key, Exits> exits = new HashMap<>();
        dsl.select(e.FUND_CODE, e.HOLDING, DSL.sum(e.COST_RELEASED), DSL.sum(e.PROCEEDS), DSL.max(key))
                .from(e)
                .where(e.FUND_CODE.in(funds), e.ENTRY_DATE.le(asOf), within(e.SEQ, seqMax),
                        Live.notReversedAmong(dsl, funds, e.FUND_CODE, e.SEQ, asOf, seqMax))
                .groupBy(e.FUND_CODE, e.HOLDING)
                .fetch()
                .forEach(r -> {
                    // floor division: a date before KEY_EPOCH gives a negative key that still orders right
                    long latest = r.value5();
                    long dateAndSeq = Math.floorDiv(latest, TYPE_SPAN);
                    Check.that(Math.floorMod(dateAndSeq, SEQ_SPAN) >= 1, "an exit key decodes to a sequence number");
                    exits.put(new Key(r.value1(), r.value2()), new Exits(r.value3(), r.value4(),
                            ExitType.values()[(int) Math.floorMod(latest, TYPE_SPAN)].name(),
                            KEY_EPOCH.plusDays(Math.floorDiv(dateAndSeq, SEQ_SPAN))));
                });
        return exits;
    }

    /** Per project: the latest fair value on or before the date (only the IMPAIRED basis asks). */
    private static Map<Key, BigDecimal> latestValuations(DSLContext dsl, Collection<String> funds, LocalDate asOf,
                                                         Long seqMax) {
        var v = VALUATION.as("v");
        Field<Integer> rn = DSL.rowNumber().over(DSL.partitionBy(v.FUND_CODE, v.HOLDING)
                .orderBy(v.ENTRY_DATE.desc(), v.SEQ.desc())).as("rn");
        Table<?> w = DSL.select(v.FUND_CODE, v.HOLDING, v.FAIR_VALUE, rn)
                .from(v)
                .where(v.FUND_CODE.in(funds), v.ENTRY_DATE.le(asOf), within(v.SEQ, seqMax),
                        Live.notReversedAmong(dsl, funds, v.FUND_CODE, v.SEQ, asOf, seqMax))
                .asTable("w");
        Map<Key, BigDecimal> latest = new HashMap<>();
        dsl.select(w.field(v.FUND_CODE), w.field(v.HOLDING), w.field(v.FAIR_VALUE))
                .from(w)
                .where(w.field(rn).eq(1))
                .fetch()
                .forEach(r -> latest.put(new Key(r.value1(), r.value2()), r.value3()));
        return latest;
    }

    static Condition within(Field<Long> seq, Long seqMax) {
        return seqMax == null ? DSL.noCondition() : seq.le(seqMax);
    }
}
