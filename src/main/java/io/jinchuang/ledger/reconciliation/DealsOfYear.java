package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.COMPANY;
import static io.jinchuang.ledger.db.Tables.CONTRIBUTION;
import static io.jinchuang.ledger.db.Tables.DISTRIBUTION_SHARE;
import static io.jinchuang.ledger.db.Tables.EXIT_EVENT;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.PARTNER;

import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.store.Tx;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * A fund's deals in and around a year, from the deal facts: per holding the cost at the start
 * of the year, invested and released in it, and the effect of reversals dated in it of deals
 * dated before it (read flat and summed here); per partner the capital called and the cash
 * distributed (grouped in SQL). A deal counts as of a date while it is not reversed on or before that date
 * (the same rule as the positions), and only entries up to the fund's known head are read.
 */
final class DealsOfYear {
    record Investments(String holding, String kind, BigDecimal opening, BigDecimal invested, long count,
                       BigDecimal reversedPrior) {}

    record Exits(String holding, String type, BigDecimal releasedOpening, BigDecimal released, BigDecimal proceeds,
                 long count, BigDecimal gains, BigDecimal losses, BigDecimal reversedPrior) {}

    record PartnerSum(String partnerCode, String name, BigDecimal amount, long count) {}

    private DealsOfYear() {}

    /**
     * Per holding: the rows read flat (each investment with its company's registered name, put
     * in {@code names}) and summed here, each with its reversal's date from {@code reversals}
     * (the journal pass's: every reversal up to the head). H2 took ~36 ms a fund (of 3,000
     * companies) to group the same sums with their CASE conditions in SQL, and a join to the
     * reversals per row tripled the scan's cost; the year-end batch asks it of every fund.
     */
    static List<Investments> investments(DSLContext dsl, String fund, long head, FiscalYear year, int timeout,
                                         Map<String, String> names, Map<Long, LocalDate> reversals) {
        var query = dsl.select(INVESTMENT.HOLDING, INVESTMENT.HOLDING_KIND, INVESTMENT.ENTRY_DATE, INVESTMENT.AMOUNT,
                        INVESTMENT.SEQ, COMPANY.NAME)
                .from(INVESTMENT)
                .leftJoin(COMPANY).on(COMPANY.CREDIT_CODE.eq(INVESTMENT.HOLDING))
                .where(INVESTMENT.FUND_CODE.eq(fund).and(INVESTMENT.SEQ.le(head))
                        .and(INVESTMENT.ENTRY_DATE.le(year.end())))
                .queryTimeout(timeout);
        SortedMap<List<String>, InvestmentSums> sums = new TreeMap<>(BY_HOLDING_AND_KIND);
        each(query, fund + "'s investments", rows -> {
            LocalDate date = rows.getObject(3, LocalDate.class);
            BigDecimal amount = rows.getBigDecimal(4);
            LocalDate reversed = reversals.get(rows.getLong(5));
            sums.computeIfAbsent(List.of(rows.getString(1), rows.getString(2)), k -> new InvestmentSums())
                    .add(date, amount, reversed, year);
            String name = rows.getString(6);
            if (name != null) {
                names.putIfAbsent(rows.getString(1), name);
            }
            return null;
        });
        List<Investments> investments = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> investments.add(new Investments(key.get(0), key.get(1), money(sum.opening),
                money(sum.invested), sum.count, money(sum.reversedPrior))));
        return investments;
    }

    /**
     * Hands each row of {@code query} to {@code reader} straight from its result set, with the
     * query's own timeout (which {@link io.jinchuang.ledger.store.Rows#each} would replace by the
     * session's: the batch's statements may run longer).
     */
    private static void each(ResultQuery<?> query, String what, Tx.RowReader<?> reader) {
        try (ResultSet rows = query.fetchResultSet()) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading fund " + what + " failed", e);
        }
    }

    /** Keys of two parts, in the order of the first, then the second. */
    private static final Comparator<List<String>> BY_HOLDING_AND_KIND =
            Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1));

    /**
     * A deal counts in the opening when dated on or before the opening date and not reversed by
     * then; in the year when dated in it and not reversed by its end; as reversed in the year
     * when dated on or before the opening date and reversed in the year.
     */
    private static boolean opening(LocalDate date, LocalDate reversed, FiscalYear year) {
        return !date.isAfter(year.openingDate()) && live(reversed, year.openingDate());
    }

    private static boolean inYear(LocalDate date, LocalDate reversed, FiscalYear year) {
        return !date.isBefore(year.start()) && live(reversed, year.end());
    }

    private static boolean reversedInYear(LocalDate date, LocalDate reversed, FiscalYear year) {
        return !date.isAfter(year.openingDate()) && reversed != null && year.contains(reversed);
    }

    /** Not reversed on or before {@code day} (the reversal's date, null when there is none). */
    private static boolean live(LocalDate reversed, LocalDate day) {
        return reversed == null || reversed.isAfter(day);
    }

    /** One holding's investment sums. */
    private static final class InvestmentSums {
        BigDecimal opening = BigDecimal.ZERO;
        BigDecimal invested = BigDecimal.ZERO;
        long count;
        BigDecimal reversedPrior = BigDecimal.ZERO;

        void add(LocalDate date, BigDecimal amount, LocalDate reversed, FiscalYear year) {
            if (opening(date, reversed, year)) {
                opening = opening.add(amount);
            }
            if (inYear(date, reversed, year)) {
                invested = invested.add(amount);
                count++;
            }
            if (reversedInYear(date, reversed, year)) {
                reversedPrior = reversedPrior.add(amount);
            }
        }
    }

    /** Per holding and exit type, by the same rules as the investments: read flat and summed here. */
    static List<Exits> exits(DSLContext dsl, String fund, long head, FiscalYear year, int timeout,
                             Map<Long, LocalDate> reversals) {
        var query = dsl.select(EXIT_EVENT.HOLDING, EXIT_EVENT.TYPE, EXIT_EVENT.ENTRY_DATE, EXIT_EVENT.SEQ,
                        EXIT_EVENT.COST_RELEASED, EXIT_EVENT.PROCEEDS)
                .from(EXIT_EVENT)
                .where(EXIT_EVENT.FUND_CODE.eq(fund).and(EXIT_EVENT.SEQ.le(head))
                        .and(EXIT_EVENT.ENTRY_DATE.le(year.end())))
                .queryTimeout(timeout);
        SortedMap<List<String>, ExitSums> sums = new TreeMap<>(BY_HOLDING_AND_KIND);
        each(query, fund + "'s exits", rows -> {
            sums.computeIfAbsent(List.of(rows.getString(1), rows.getString(2)), k -> new ExitSums())
                    .add(rows.getObject(3, LocalDate.class), reversals.get(rows.getLong(4)), rows.getBigDecimal(5),
                            rows.getBigDecimal(6), year);
            return null;
        });
        List<Exits> exits = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> exits.add(new Exits(key.get(0), key.get(1), money(sum.releasedOpening),
                money(sum.released), money(sum.proceeds), sum.count, money(sum.gains), money(sum.losses),
                money(sum.reversedPrior))));
        return exits;
    }

    /** One holding's exits of one type. */
    private static final class ExitSums {
        BigDecimal releasedOpening = BigDecimal.ZERO;
        BigDecimal released = BigDecimal.ZERO;
        BigDecimal proceeds = BigDecimal.ZERO;
        long count;
        BigDecimal gains = BigDecimal.ZERO;
        BigDecimal losses = BigDecimal.ZERO;
        BigDecimal reversedPrior = BigDecimal.ZERO;

        void add(LocalDate date, LocalDate reversed, BigDecimal costReleased, BigDecimal exitProceeds,
                 FiscalYear year) {
            if (opening(date, reversed, year)) {
                releasedOpening = releasedOpening.add(costReleased);
            }
            if (inYear(date, reversed, year)) {
                released = released.add(costReleased);
                proceeds = proceeds.add(exitProceeds);
                count++;
                BigDecimal gain = exitProceeds.subtract(costReleased);
                if (gain.signum() > 0) {
                    gains = gains.add(gain);
                } else if (gain.signum() < 0) {
                    losses = losses.add(gain);
                }
            }
            if (reversedInYear(date, reversed, year)) {
                reversedPrior = reversedPrior.add(costReleased);
            }
        }
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
        return sum == null ? Money.ZERO : sum.setScale(Money.SCALE, RoundingMode.UNNECESSARY);
    }
}
