package io.jinchuang.ledger.metrics;

import static io.jinchuang.ledger.db.Tables.DISTRIBUTION_SHARE;
import static io.jinchuang.ledger.db.Tables.EXIT_EVENT;
import static io.jinchuang.ledger.db.Tables.FUND;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;
import static io.jinchuang.ledger.db.Tables.VALUATION;

import io.jinchuang.ledger.deals.Holdings;
import io.jinchuang.ledger.journal.Live;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.store.Tx;
import io.jinchuang.ledger.tolerance.FailureBasis;
import io.jinchuang.ledger.tolerance.FailureRule;
import io.jinchuang.ledger.tolerance.ProjectFacts;
import io.jinchuang.ledger.tolerance.ProjectState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A fund's holdings as of a date, derived from the deal facts of live (unreversed) entries:
 * one grouped query per kind of fact, joined here by holding.
 */
public final class Positions {
    private Positions() {}

    /** One holding: a company (credit code) or, for a guidance fund, a sub-fund (fund code). */
    public record Position(String holding, String kind, String name, BigDecimal invested, BigDecimal costRemaining,
                           BigDecimal proceeds, BigDecimal fairValue, ProjectState state, String lastExitType,
                           BigDecimal latestValuation) {
        public ProjectFacts facts() {
            return new ProjectFacts(holding, name, invested, costRemaining, proceeds, lastExitType, latestValuation);
        }
    }

    public static List<Position> of(DSLContext dsl, String fundCode, LocalDate asOf, FailureBasis basis) {
        Map<String, BigDecimal> invested = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        dsl.select(INVESTMENT.HOLDING, INVESTMENT.HOLDING_KIND, DSL.sum(INVESTMENT.AMOUNT))
                .from(INVESTMENT)
                .where(INVESTMENT.FUND_CODE.eq(fundCode).and(INVESTMENT.ENTRY_DATE.le(asOf))
                        .and(Live.notReversed(INVESTMENT.FUND_CODE, INVESTMENT.SEQ, asOf)))
                .groupBy(INVESTMENT.HOLDING, INVESTMENT.HOLDING_KIND)
                .orderBy(INVESTMENT.HOLDING)
                .fetch()
                .forEach(r -> {
                    invested.put(r.value1(), r.value3());
                    kinds.put(r.value1(), r.value2());
                });
        Exits exits = exits(dsl, fundCode, asOf);
        Map<String, BigDecimal> valuations = latestValuations(dsl, fundCode, asOf);
        Map<String, BigDecimal> fundReceipts = receiptsFromSubFunds(dsl, fundCode, asOf);
        Map<String, String> names = CompanyNames.ofHoldings(dsl, List.of(fundCode), invested.keySet());
        List<Position> positions = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> entry : invested.entrySet()) {
            String holding = entry.getKey();
            boolean subFund = Holdings.KIND_FUND.equals(kinds.get(holding));
            BigDecimal cost = entry.getValue().setScale(Money.SCALE);
            BigDecimal released = exits.released().getOrDefault(holding, Money.ZERO);
            BigDecimal remaining = cost.subtract(released);
            // a stake's proceeds are what the sub-fund paid it (its liquidation exit records the same total)
            BigDecimal proceeds = subFund ? fundReceipts.getOrDefault(holding, Money.ZERO)
                    : exits.proceeds().getOrDefault(holding, Money.ZERO);
            BigDecimal valuation = subFund ? null : valuations.get(holding);
            ProjectFacts facts = new ProjectFacts(holding, names.get(holding), cost, remaining, proceeds,
                    exits.lastType().get(holding), valuation);
            ProjectState state = FailureRule.state(basis, facts);
            BigDecimal fairValue = remaining.signum() == 0 ? Money.ZERO
                    : subFund ? SubFundStake.fairValue(dsl, fundCode, holding, asOf, remaining)
                    : valuation != null ? valuation : remaining;
            positions.add(new Position(holding, kinds.get(holding), names.get(holding), cost, remaining, proceeds,
                    fairValue, state, exits.lastType().get(holding), valuation));
        }
        return positions;
    }

    private record Exits(Map<String, BigDecimal> released, Map<String, BigDecimal> proceeds,
                         Map<String, String> lastType) {}

    private static Exits exits(DSLContext dsl, String fundCode, LocalDate asOf) {
        Map<String, BigDecimal> released = new LinkedHashMap<>();
        Map<String, BigDecimal> proceeds = new LinkedHashMap<>();
        Map<String, String> lastType = new LinkedHashMap<>();
        // ordered by date then sequence, so the last row seen per holding is its latest exit
        dsl.select(EXIT_EVENT.HOLDING, EXIT_EVENT.TYPE, EXIT_EVENT.PROCEEDS, EXIT_EVENT.COST_RELEASED)
                .from(EXIT_EVENT)
                .where(EXIT_EVENT.FUND_CODE.eq(fundCode).and(EXIT_EVENT.ENTRY_DATE.le(asOf))
                        .and(Live.notReversed(EXIT_EVENT.FUND_CODE, EXIT_EVENT.SEQ, asOf)))
                .orderBy(EXIT_EVENT.ENTRY_DATE, EXIT_EVENT.SEQ)
                .fetch()
                .forEach(r -> {
                    released.merge(r.value1(), r.value4(), BigDecimal::add);
                    proceeds.merge(r.value1(), r.value3(), BigDecimal::add);
                    lastType.put(r.value1(), r.value2());
                });
        return new Exits(released, proceeds, lastType);
    }

    private static Map<String, BigDecimal> latestValuations(DSLContext dsl, String fundCode, LocalDate asOf) {
        Map<String, BigDecimal> latest = new LinkedHashMap<>();
        dsl.select(VALUATION.HOLDING, VALUATION.FAIR_VALUE)
                .from(VALUATION)
                .where(VALUATION.FUND_CODE.eq(fundCode).and(VALUATION.ENTRY_DATE.le(asOf))
                        .and(Live.notReversed(VALUATION.FUND_CODE, VALUATION.SEQ, asOf)))
                .orderBy(VALUATION.ENTRY_DATE, VALUATION.SEQ)
                .fetch()
                .forEach(r -> latest.put(r.value1(), r.value2()));
        return latest;
    }

    /** What a guidance fund has received from each sub-fund: its distribution shares there. */
    private static Map<String, BigDecimal> receiptsFromSubFunds(DSLContext dsl, String guidanceCode, LocalDate asOf) {
        Map<String, BigDecimal> receipts = new LinkedHashMap<>();
        dsl.select(DISTRIBUTION_SHARE.FUND_CODE, DSL.sum(DISTRIBUTION_SHARE.AMOUNT))
                .from(DISTRIBUTION_SHARE)
                .where(DISTRIBUTION_SHARE.PARTNER_CODE.eq(guidanceCode).and(DISTRIBUTION_SHARE.ENTRY_DATE.le(asOf))
                        .and(Live.notReversed(DISTRIBUTION_SHARE.FUND_CODE, DISTRIBUTION_SHARE.SEQ, asOf)))
                .groupBy(DISTRIBUTION_SHARE.FUND_CODE)
                .fetch()
                .forEach(r -> receipts.put(r.value1(), r.value2().setScale(Money.SCALE)));
        return receipts;
    }

    /**
     * The least cost the fund held in one holding at the end of any day from {@code date} on:
     * what an exit dated {@code date} may release without leaving a later day below zero.
     */
    public static BigDecimal costRemainingLeastFrom(Tx tx, String fundCode, String holding, LocalDate date,
                                                    BigDecimal costNow) {
        if (!anyFactAfter(tx, fundCode, holding, date)) {
            // nothing dated after it: from that date on the fund holds what it holds now
            return costNow.setScale(Money.SCALE);
        }
        java.util.TreeMap<LocalDate, BigDecimal> change = new java.util.TreeMap<>();
        // binds: fund, holding
        tx.fetch("Positions.invested", dsl -> dsl.select(INVESTMENT.ENTRY_DATE, INVESTMENT.AMOUNT).from(INVESTMENT)
                        .where(INVESTMENT.FUND_CODE.eq(DSL.param("fund", String.class))
                                .and(INVESTMENT.HOLDING.eq(DSL.param("holding", String.class)))
                                .and(Live.notReversed(INVESTMENT.FUND_CODE, INVESTMENT.SEQ, null))),
                row -> Map.entry(row.getObject(1, LocalDate.class), row.getBigDecimal(2)), fundCode, holding)
                .forEach(r -> change.merge(r.getKey(), r.getValue(), BigDecimal::add));
        tx.fetch("Positions.released", dsl -> dsl.select(EXIT_EVENT.ENTRY_DATE, EXIT_EVENT.COST_RELEASED)
                        .from(EXIT_EVENT)
                        .where(EXIT_EVENT.FUND_CODE.eq(DSL.param("fund", String.class))
                                .and(EXIT_EVENT.HOLDING.eq(DSL.param("holding", String.class)))
                                .and(Live.notReversed(EXIT_EVENT.FUND_CODE, EXIT_EVENT.SEQ, null))),
                row -> Map.entry(row.getObject(1, LocalDate.class), row.getBigDecimal(2)), fundCode, holding)
                .forEach(r -> change.merge(r.getKey(), r.getValue().negate(), BigDecimal::add));
        BigDecimal running = Money.ZERO;
        BigDecimal least = null;
        for (Map.Entry<LocalDate, BigDecimal> day : change.entrySet()) {
            running = running.add(day.getValue());
            if (!day.getKey().isBefore(date)) {
                least = least == null ? running : least.min(running);
            }
        }
        BigDecimal atDate = change.headMap(date, true).values().stream().reduce(Money.ZERO, BigDecimal::add);
        return (least == null ? atDate : least.min(atDate)).setScale(Money.SCALE);
    }

    /**
     * Whether an investment in or exit from the holding is dated after {@code date} (reversed
     * ones too: then the full walk decides). One index seek per table, however long the
     * holding's history: a posting dated today is the common case and must not read it all.
     * Asked as "on or after the next day": H2 answers a strict {@code >} by seeking to the
     * first row equal to the bound and stepping over every row of that date.
     */
    private static boolean anyFactAfter(Tx tx, String fundCode, String holding, LocalDate date) {
        NoFactAfter key = new NoFactAfter(fundCode, holding);
        LocalDate bound = known(tx, key);
        if (bound != null && !date.isBefore(bound)) {
            return false;
        }
        boolean any = anyFactAfterInJournal(tx, fundCode, holding, date);
        if (!any) {
            tx.attach(key, date);
        }
        return any;
    }

    /**
     * What a transaction knows of a holding's history: no investment in or exit from it is
     * dated after the attached day. Valid while the transaction holds the fund's lock (no one
     * else adds facts to the fund); {@link #factPosted} moves it with the transaction's own
     * postings. A reversal can only make it too late, which costs a query, never a wrong answer.
     */
    private record NoFactAfter(String fund, String holding) {}

    /**
     * The transaction posted an investment in or exit from the holding on {@code date}: an
     * import of a fund's history, in date order, then checks each backdating without a query.
     */
    public static void factPosted(Tx tx, String fundCode, String holding, LocalDate date) {
        NoFactAfter key = new NoFactAfter(fundCode, holding);
        LocalDate bound = known(tx, key);
        if (bound != null && date.isAfter(bound)) {
            tx.attach(key, date);
        }
    }

    /** Before any day: a fund the transaction opened itself has no facts but the ones it posts. */
    private static final LocalDate NO_FACTS = LocalDate.MIN;

    private static LocalDate known(Tx tx, NoFactAfter key) {
        LocalDate bound = tx.attached(key, LocalDate.class);
        return bound == null && tx.createdHere(FUND, key.fund()) ? NO_FACTS : bound;
    }

    private static boolean anyFactAfterInJournal(Tx tx, String fundCode, String holding, LocalDate date) {
        LocalDate nextDay = date.plusDays(1);
        if (tx.queriesAreRoundTrips()) {
            // PostgreSQL: one query for both tables, one round trip; binds: fund, holding, the
            // day after date, for each table
            return tx.fetch("Positions.factAfter", dsl -> dsl.select(DSL.field(
                            DSL.exists(investedFrom(dsl)).or(DSL.exists(releasedFrom(dsl))))),
                    row -> row.getBoolean(1), fundCode, holding, nextDay, fundCode, holding, nextDay).get(0);
        }
        // binds: fund, holding, the day after date
        return !tx.fetch("Positions.investedAfter", dsl -> investedFrom(dsl).limit(DSL.inline(1)),
                row -> Boolean.TRUE, fundCode, holding, nextDay).isEmpty()
                || !tx.fetch("Positions.releasedAfter", dsl -> releasedFrom(dsl).limit(DSL.inline(1)),
                row -> Boolean.TRUE, fundCode, holding, nextDay).isEmpty();
    }

    /** Investments in a holding dated on or after a day; binds: fund, holding, day. */
    private static org.jooq.SelectConditionStep<org.jooq.Record1<Integer>> investedFrom(org.jooq.DSLContext dsl) {
        return dsl.selectOne().from(INVESTMENT)
                .where(INVESTMENT.FUND_CODE.eq(DSL.param("fund", String.class))
                        .and(INVESTMENT.HOLDING.eq(DSL.param("holding", String.class)))
                        .and(INVESTMENT.ENTRY_DATE.ge(DSL.param("date", LocalDate.class))));
    }

    /** Exits from a holding dated on or after a day; binds: fund, holding, day. */
    private static org.jooq.SelectConditionStep<org.jooq.Record1<Integer>> releasedFrom(org.jooq.DSLContext dsl) {
        return dsl.selectOne().from(EXIT_EVENT)
                .where(EXIT_EVENT.FUND_CODE.eq(DSL.param("fund", String.class))
                        .and(EXIT_EVENT.HOLDING.eq(DSL.param("holding", String.class)))
                        .and(EXIT_EVENT.ENTRY_DATE.ge(DSL.param("date", LocalDate.class))));
    }

}
