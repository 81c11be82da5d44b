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
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * SPEC §4 projects: fund × company pairs with at least one live investment on or before the
 * as-of date, with the facts the failure rules need. One statement for any number of funds:
 * the database groups the investments, and picks each project's latest exit and valuation
 * with window functions, so the work grows with the projects, not with round trips.
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
        var i = INVESTMENT.as("i");
        Table<?> invested = DSL.select(i.FUND_CODE, i.HOLDING, DSL.sum(i.AMOUNT).as("cost"))
                .from(i)
                .where(i.FUND_CODE.in(funds), i.HOLDING_KIND.eq(Holdings.KIND_COMPANY), i.ENTRY_DATE.le(asOf),
                        within(i.SEQ, seqMax), Live.notReversed(i.FUND_CODE, i.SEQ, asOf, seqMax))
                .groupBy(i.FUND_CODE, i.HOLDING)
                .asTable("p");
        Field<String> fund = invested.field(i.FUND_CODE);
        Field<String> holding = invested.field(i.HOLDING);
        Table<?> exits = latestExits(funds, asOf, seqMax);
        Table<?> valuations = withValuations ? latestValuations(funds, asOf, seqMax) : null;
        var query = dsl.select(fund, holding, COMPANY.NAME, invested.field("cost", BigDecimal.class),
                        exits.field("released", BigDecimal.class), exits.field("proceeds", BigDecimal.class),
                        exits.field(EXIT_EVENT.TYPE), exits.field(EXIT_EVENT.ENTRY_DATE),
                        valuations == null ? DSL.inline(null, BigDecimal.class) : valuations.field(VALUATION.FAIR_VALUE))
                .from(invested)
                .leftJoin(COMPANY).on(COMPANY.CREDIT_CODE.eq(holding))
                .leftJoin(exits).on(exits.field(EXIT_EVENT.FUND_CODE).eq(fund)
                        .and(exits.field(EXIT_EVENT.HOLDING).eq(holding)).and(exits.field("rn", Integer.class).eq(1)));
        var joined = valuations == null ? query : query.leftJoin(valuations)
                .on(valuations.field(VALUATION.FUND_CODE).eq(fund).and(valuations.field(VALUATION.HOLDING).eq(holding))
                        .and(valuations.field("rn", Integer.class).eq(1)));
        List<Project> projects = new ArrayList<>();
        for (Record r : joined.orderBy(fund, holding).fetch()) {
            projects.add(project(r));
        }
        return projects;
    }

    private static Project project(Record r) {
        BigDecimal cost = r.get(3, BigDecimal.class).setScale(Money.SCALE);
        BigDecimal released = r.get(4, BigDecimal.class);
        BigDecimal proceeds = r.get(5, BigDecimal.class);
        BigDecimal remaining = released == null ? cost : cost.subtract(released).setScale(Money.SCALE);
        ProjectFacts facts = new ProjectFacts(r.get(1, String.class), r.get(2, String.class), cost, remaining,
                proceeds == null ? Money.ZERO : proceeds.setScale(Money.SCALE), r.get(6, String.class),
                r.get(8, BigDecimal.class));
        return new Project(r.get(0, String.class), facts, r.get(7, LocalDate.class));
    }

    /** Per project: total cost released and proceeds, and the type and date of the latest exit (rn = 1). */
    private static Table<?> latestExits(Collection<String> funds, LocalDate asOf, Long seqMax) {
        var e = EXIT_EVENT.as("e");
        // a window specification is a builder: each window gets its own, or the ORDER BY of the
        // last one would turn the sums into running sums
        return DSL.select(e.FUND_CODE, e.HOLDING, e.TYPE, e.ENTRY_DATE,
                        DSL.sum(e.COST_RELEASED).over(DSL.partitionBy(e.FUND_CODE, e.HOLDING)).as("released"),
                        DSL.sum(e.PROCEEDS).over(DSL.partitionBy(e.FUND_CODE, e.HOLDING)).as("proceeds"),
                        DSL.rowNumber().over(DSL.partitionBy(e.FUND_CODE, e.HOLDING)
                                .orderBy(e.ENTRY_DATE.desc(), e.SEQ.desc())).as("rn"))
                .from(e)
                .where(e.FUND_CODE.in(funds), e.ENTRY_DATE.le(asOf), within(e.SEQ, seqMax),
                        Live.notReversed(e.FUND_CODE, e.SEQ, asOf, seqMax))
                .asTable("x");
    }

    /** Per project: the latest fair value on or before the date (rn = 1). */
    private static Table<?> latestValuations(Collection<String> funds, LocalDate asOf, Long seqMax) {
        var v = VALUATION.as("v");
        return DSL.select(v.FUND_CODE, v.HOLDING, v.FAIR_VALUE,
                        DSL.rowNumber().over(DSL.partitionBy(v.FUND_CODE, v.HOLDING)
                                .orderBy(v.ENTRY_DATE.desc(), v.SEQ.desc())).as("rn"))
                .from(v)
                .where(v.FUND_CODE.in(funds), v.ENTRY_DATE.le(asOf), within(v.SEQ, seqMax),
                        Live.notReversed(v.FUND_CODE, v.SEQ, asOf, seqMax))
                .asTable("w");
    }

    static Condition within(Field<Long> seq, Long seqMax) {
        return seqMax == null ? DSL.noCondition() : seq.le(seqMax);
    }
}
