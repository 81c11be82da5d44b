package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.COMPANY;
import static io.jinchuang.ledger.db.Tables.CONTRIBUTION;
import static io.jinchuang.ledger.db.Tables.DISTRIBUTION_SHARE;
import static io.jinchuang.ledger.db.Tables.EXIT_EVENT;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.PARTNER;

import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A fund's deals in and around a year, from the deal facts, grouped in SQL: per holding the
 * cost at the start of the year, invested and released in it, and the effect of reversals
 * dated in it of deals dated before it; per partner the capital called and the cash
 * distributed. A deal counts as of a date while it is not reversed on or before that date
 * (the same rule as the positions), and only entries up to the fund's known head are read.
 */
final class DealsOfYear {
    private static final Field<BigDecimal> ZERO = DSL.inline(BigDecimal.ZERO);
    private static final Field<BigDecimal> ONE = DSL.inline(BigDecimal.ONE);

    record Investments(String holding, String kind, BigDecimal opening, BigDecimal invested, long count,
                       BigDecimal reversedPrior) {}

    record Exits(String holding, String type, BigDecimal releasedOpening, BigDecimal released, BigDecimal proceeds,
                 long count, BigDecimal gains, BigDecimal losses, BigDecimal reversedPrior) {}

    record PartnerSum(String partnerCode, String name, BigDecimal amount, long count) {}

    private DealsOfYear() {}

    /**
     * Per holding: the rows read flat (each investment with its reversal's date, when it has
     * one up to the head, and its company's registered name, put in {@code names}) and summed
     * here. H2 took ~36 ms a fund (of 3,000 companies) to group the same sums with their CASE
     * conditions in SQL; the year-end batch asks it of every fund.
     */
    static List<Investments> investments(DSLContext dsl, String fund, long head, FiscalYear year, int timeout,
                                         Map<String, String> names) {
        var rev = JOURNAL_ENTRY.as("rev");
        var query = dsl.select(INVESTMENT.HOLDING, INVESTMENT.HOLDING_KIND, INVESTMENT.ENTRY_DATE, INVESTMENT.AMOUNT,
                        rev.SEQ, rev.ENTRY_DATE, COMPANY.NAME)
                .from(INVESTMENT)
                .leftJoin(rev).on(rev.FUND_CODE.eq(INVESTMENT.FUND_CODE).and(rev.REVERSES_SEQ.eq(INVESTMENT.SEQ)))
                .leftJoin(COMPANY).on(COMPANY.CREDIT_CODE.eq(INVESTMENT.HOLDING))
                .where(INVESTMENT.FUND_CODE.eq(fund).and(INVESTMENT.SEQ.le(head))
                        .and(INVESTMENT.ENTRY_DATE.le(year.end())))
                .queryTimeout(timeout);
        java.util.SortedMap<List<String>, InvestmentSums> sums = new java.util.TreeMap<>(
                java.util.Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        try (java.sql.ResultSet rows = query.fetchResultSet()) {
            while (rows.next()) {
                LocalDate date = rows.getObject(3, LocalDate.class);
                BigDecimal amount = rows.getBigDecimal(4);
                long reversalSeq = rows.getLong(5);
                LocalDate reversed = rows.wasNull() || reversalSeq > head ? null : rows.getObject(6, LocalDate.class);
                sums.computeIfAbsent(List.of(rows.getString(1), rows.getString(2)), k -> new InvestmentSums())
                        .add(date, amount, reversed, year);
                String name = rows.getString(7);
                if (name != null) {
                    names.putIfAbsent(rows.getString(1), name);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new org.jooq.exception.DataAccessException("reading fund " + fund + "'s investments failed", e);
        }
        List<Investments> investments = new java.util.ArrayList<>(sums.size());
        sums.forEach((key, sum) -> investments.add(new Investments(key.get(0), key.get(1), money(sum.opening),
                money(sum.invested), sum.count, money(sum.reversedPrior))));
        return investments;
    }

    /** One holding's sums, by the same rules as the exits' query ({@link #liveOn}). */
    private static final class InvestmentSums {
        BigDecimal opening = BigDecimal.ZERO;
        BigDecimal invested = BigDecimal.ZERO;
        long count;
        BigDecimal reversedPrior = BigDecimal.ZERO;

        void add(LocalDate date, BigDecimal amount, LocalDate reversed, FiscalYear year) {
            if (!date.isAfter(year.openingDate()) && live(reversed, year.openingDate())) {
                opening = opening.add(amount);
            }
            if (!date.isBefore(year.start()) && live(reversed, year.end())) {
                invested = invested.add(amount);
                count++;
            }
            if (!date.isAfter(year.openingDate()) && reversed != null && !reversed.isBefore(year.start())
                    && !reversed.isAfter(year.end())) {
                reversedPrior = reversedPrior.add(amount);
            }
        }

        private static boolean live(LocalDate reversed, LocalDate day) {
            return reversed == null || reversed.isAfter(day);
        }
    }

    static List<Exits> exits(DSLContext dsl, String fund, long head, FiscalYear year, int timeout) {
        var rev = JOURNAL_ENTRY.as("rev");
        Field<LocalDate> date = EXIT_EVENT.ENTRY_DATE;
        Field<LocalDate> reversed = reversalDate(rev, head);
        Condition opening = date.le(year.openingDate()).and(liveOn(reversed, year.openingDate()));
        Condition inYear = date.ge(year.start()).and(liveOn(reversed, year.end()));
        Condition reversedPrior = date.le(year.openingDate()).and(reversed.between(year.start(), year.end()));
        Field<BigDecimal> gain = EXIT_EVENT.PROCEEDS.minus(EXIT_EVENT.COST_RELEASED);
        var releasedOpening = DSL.sum(DSL.when(opening, EXIT_EVENT.COST_RELEASED).else_(ZERO));
        var released = DSL.sum(DSL.when(inYear, EXIT_EVENT.COST_RELEASED).else_(ZERO));
        var proceeds = DSL.sum(DSL.when(inYear, EXIT_EVENT.PROCEEDS).else_(ZERO));
        var count = DSL.sum(DSL.when(inYear, ONE).else_(ZERO));
        var gains = DSL.sum(DSL.when(inYear.and(gain.gt(ZERO)), gain).else_(ZERO));
        var losses = DSL.sum(DSL.when(inYear.and(gain.lt(ZERO)), gain).else_(ZERO));
        var reversedSum = DSL.sum(DSL.when(reversedPrior, EXIT_EVENT.COST_RELEASED).else_(ZERO));
        return dsl.select(EXIT_EVENT.HOLDING, EXIT_EVENT.TYPE, releasedOpening, released, proceeds, count, gains, losses,
                        reversedSum)
                .from(EXIT_EVENT)
                .leftJoin(rev).on(rev.FUND_CODE.eq(EXIT_EVENT.FUND_CODE).and(rev.REVERSES_SEQ.eq(EXIT_EVENT.SEQ)))
                .where(EXIT_EVENT.FUND_CODE.eq(fund).and(EXIT_EVENT.SEQ.le(head)).and(date.le(year.end())))
                .groupBy(EXIT_EVENT.HOLDING, EXIT_EVENT.TYPE)
                .orderBy(EXIT_EVENT.HOLDING, EXIT_EVENT.TYPE)
                .queryTimeout(timeout)
                .fetch(r -> new Exits(r.value1(), r.value2(), money(r.value3()), money(r.value4()), money(r.value5()),
                        r.value6().longValue(), money(r.value7()), money(r.value8()), money(r.value9())));
    }

    /** Capital called in the year, per partner. */
    static List<PartnerSum> capitalCalls(DSLContext dsl, String fund, long head, FiscalYear year, int timeout) {
        var rev = JOURNAL_ENTRY.as("rev");
        return dsl.select(CONTRIBUTION.PARTNER_CODE, PARTNER.NAME, DSL.sum(CONTRIBUTION.AMOUNT), DSL.count())
                .from(CONTRIBUTION)
                .join(PARTNER).on(PARTNER.FUND_CODE.eq(CONTRIBUTION.FUND_CODE)
                        .and(PARTNER.PARTNER_CODE.eq(CONTRIBUTION.PARTNER_CODE)))
                .leftJoin(rev).on(rev.FUND_CODE.eq(CONTRIBUTION.FUND_CODE).and(rev.REVERSES_SEQ.eq(CONTRIBUTION.SEQ)))
                .where(CONTRIBUTION.FUND_CODE.eq(fund).and(CONTRIBUTION.SEQ.le(head))
                        .and(CONTRIBUTION.ENTRY_DATE.between(year.start(), year.end()))
                        .and(liveOn(reversalDate(rev, head), year.end())))
                .groupBy(CONTRIBUTION.PARTNER_CODE, PARTNER.NAME)
                .orderBy(CONTRIBUTION.PARTNER_CODE)
                .queryTimeout(timeout)
                .fetch(r -> new PartnerSum(r.value1(), r.value2(), money(r.value3()), r.value4()));
    }

    /** Cash distributed in the year, per partner (a liquidation's final cash included; a clawback is negative). */
    static List<PartnerSum> distributions(DSLContext dsl, String fund, long head, FiscalYear year, int timeout) {
        var rev = JOURNAL_ENTRY.as("rev");
        return dsl.select(DISTRIBUTION_SHARE.PARTNER_CODE, PARTNER.NAME, DSL.sum(DISTRIBUTION_SHARE.AMOUNT), DSL.count())
                .from(DISTRIBUTION_SHARE)
                .join(PARTNER).on(PARTNER.FUND_CODE.eq(DISTRIBUTION_SHARE.FUND_CODE)
                        .and(PARTNER.PARTNER_CODE.eq(DISTRIBUTION_SHARE.PARTNER_CODE)))
                .leftJoin(rev).on(rev.FUND_CODE.eq(DISTRIBUTION_SHARE.FUND_CODE)
                        .and(rev.REVERSES_SEQ.eq(DISTRIBUTION_SHARE.SEQ)))
                .where(DISTRIBUTION_SHARE.FUND_CODE.eq(fund).and(DISTRIBUTION_SHARE.SEQ.le(head))
                        .and(DISTRIBUTION_SHARE.ENTRY_DATE.between(year.start(), year.end()))
                        .and(liveOn(reversalDate(rev, head), year.end())))
                .groupBy(DISTRIBUTION_SHARE.PARTNER_CODE, PARTNER.NAME)
                .orderBy(DISTRIBUTION_SHARE.PARTNER_CODE)
                .queryTimeout(timeout)
                .fetch(r -> new PartnerSum(r.value1(), r.value2(), money(r.value3()), r.value4()));
    }

    /**
     * The reversal's date, null when there is none up to the known head. The head is tested
     * here, not in the join's ON clause: there H2 would walk the (fund, seq) key for every row
     * instead of looking the reversal up by its (fund, reverses_seq) index.
     */
    private static Field<LocalDate> reversalDate(io.jinchuang.ledger.db.tables.JournalEntry rev, long head) {
        return DSL.when(rev.SEQ.le(head), rev.ENTRY_DATE);
    }

    /** Not reversed on or before {@code day} (the reversal's date, null when there is none). */
    private static Condition liveOn(Field<LocalDate> reversalDate, LocalDate day) {
        return reversalDate.isNull().or(reversalDate.gt(day));
    }

    private static BigDecimal money(BigDecimal sum) {
        return sum == null ? Money.ZERO : sum.setScale(Money.SCALE, java.math.RoundingMode.UNNECESSARY);
    }
}
