package io.jinchuang.ledger.metrics;

import static io.jinchuang.ledger.db.Tables.COMPANY;
import static io.jinchuang.ledger.db.Tables.EXIT_EVENT;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;
import static io.jinchuang.ledger.db.Tables.VALUATION;

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
 * as-of date, with the facts the failure rules need. Two statements for any number of funds
 * (three under IMPAIRED): the database groups the investments, and picks each project's
 * latest exit (and valuation) with window functions; here they are matched by project.
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
        Map<Key, Record> exits = byProject(latestExits(dsl, funds, asOf, seqMax));
        Map<Key, Record> valuations = withValuations ? byProject(latestValuations(dsl, funds, asOf, seqMax)) : Map.of();
        var i = INVESTMENT.as("i");
        List<Project> projects = new ArrayList<>();
        dsl.select(i.FUND_CODE, i.HOLDING, COMPANY.NAME, DSL.sum(i.AMOUNT))
                .from(i)
                .leftJoin(COMPANY).on(COMPANY.CREDIT_CODE.eq(i.HOLDING))
                .where(i.FUND_CODE.in(funds), i.HOLDING_KIND.eq(Holdings.KIND_COMPANY), i.ENTRY_DATE.le(asOf),
                        within(i.SEQ, seqMax), Live.notReversed(i.FUND_CODE, i.SEQ, asOf, seqMax))
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

    private static Project project(Key key, String name, BigDecimal invested, Record exit, Record valuation) {
        BigDecimal cost = invested.setScale(Money.SCALE);
        BigDecimal remaining = exit == null ? cost : cost.subtract(exit.get(RELEASED)).setScale(Money.SCALE);
        BigDecimal proceeds = exit == null ? Money.ZERO : exit.get(PROCEEDS).setScale(Money.SCALE);
        ProjectFacts facts = new ProjectFacts(key.holding(), name, cost, remaining, proceeds,
                exit == null ? null : exit.get(EXIT_EVENT.TYPE), valuation == null ? null : valuation.get(VALUATION.FAIR_VALUE));
        return new Project(key.fund(), facts, exit == null ? null : exit.get(EXIT_EVENT.ENTRY_DATE));
    }

    private static Map<Key, Record> byProject(List<? extends Record> rows) {
        Map<Key, Record> byKey = new HashMap<>(rows.size() * 2);
        for (Record r : rows) {
            byKey.put(new Key(r.get(0, String.class), r.get(1, String.class)), r);
        }
        return byKey;
    }

    private static final Field<BigDecimal> RELEASED = DSL.field(DSL.name("released"), BigDecimal.class);
    private static final Field<BigDecimal> PROCEEDS = DSL.field(DSL.name("proceeds"), BigDecimal.class);
    private static final Field<Integer> RN = DSL.field(DSL.name("rn"), Integer.class);

    /**
     * Per project: total cost released and proceeds, and the type and date of the latest exit.
     * A statement of its own, not a derived table joined to the investments: H2 would evaluate
     * a joined window query once per project.
     */
    private static List<? extends Record> latestExits(DSLContext dsl, Collection<String> funds, LocalDate asOf,
                                                      Long seqMax) {
        var e = EXIT_EVENT.as("e");
        // a window specification is a builder: each window gets its own, or the ORDER BY of the
        // last one would turn the sums into running sums
        Table<?> x = DSL.select(e.FUND_CODE, e.HOLDING, e.TYPE, e.ENTRY_DATE,
                        DSL.sum(e.COST_RELEASED).over(DSL.partitionBy(e.FUND_CODE, e.HOLDING)).as(RELEASED),
                        DSL.sum(e.PROCEEDS).over(DSL.partitionBy(e.FUND_CODE, e.HOLDING)).as(PROCEEDS),
                        DSL.rowNumber().over(DSL.partitionBy(e.FUND_CODE, e.HOLDING)
                                .orderBy(e.ENTRY_DATE.desc(), e.SEQ.desc())).as(RN))
                .from(e)
                .where(e.FUND_CODE.in(funds), e.ENTRY_DATE.le(asOf), within(e.SEQ, seqMax),
                        Live.notReversed(e.FUND_CODE, e.SEQ, asOf, seqMax))
                .asTable("x");
        return dsl.select(x.field(e.FUND_CODE).as(EXIT_EVENT.FUND_CODE), x.field(e.HOLDING).as(EXIT_EVENT.HOLDING),
                        x.field(e.TYPE).as(EXIT_EVENT.TYPE), x.field(e.ENTRY_DATE).as(EXIT_EVENT.ENTRY_DATE),
                        x.field(RELEASED), x.field(PROCEEDS))
                .from(x)
                .where(x.field(RN).eq(1))
                .fetch();
    }

    /** Per project: the latest fair value on or before the date. */
    private static List<? extends Record> latestValuations(DSLContext dsl, Collection<String> funds, LocalDate asOf,
                                                           Long seqMax) {
        var v = VALUATION.as("v");
        Table<?> w = DSL.select(v.FUND_CODE, v.HOLDING, v.FAIR_VALUE,
                        DSL.rowNumber().over(DSL.partitionBy(v.FUND_CODE, v.HOLDING)
                                .orderBy(v.ENTRY_DATE.desc(), v.SEQ.desc())).as(RN))
                .from(v)
                .where(v.FUND_CODE.in(funds), v.ENTRY_DATE.le(asOf), within(v.SEQ, seqMax),
                        Live.notReversed(v.FUND_CODE, v.SEQ, asOf, seqMax))
                .asTable("w");
        return dsl.select(w.field(v.FUND_CODE).as(VALUATION.FUND_CODE), w.field(v.HOLDING).as(VALUATION.HOLDING),
                        w.field(v.FAIR_VALUE).as(VALUATION.FAIR_VALUE))
                .from(w)
                .where(w.field(RN).eq(1))
                .fetch();
    }

    static Condition within(Field<Long> seq, Long seqMax) {
        return seqMax == null ? DSL.noCondition() : seq.le(seqMax);
    }
}
