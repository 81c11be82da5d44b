package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.EXIT_EVENT;
import static io.jinchuang.ledger.db.Tables.FUND;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.journal.Actor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deals of a year, summed from flat rows with the reversals the journal pass found, equal
 * what SQL grouped with a join to each deal's reversal (the batch's query before it read the
 * reversals from the journal pass): for every year, for the head and for an older head, with
 * reversals dated in the deal's year, in later years and after the older head.
 */
class DealsOfYearTest {
    private static final Field<BigDecimal> ZERO = DSL.inline(BigDecimal.ZERO);
    private static final Field<BigDecimal> ONE = DSL.inline(BigDecimal.ONE);

    @TempDir
    Path dataDir;

    @Test
    void flatSumsWithTheJournalPassesReversalsEqualTheGroupedJoin() {
        try (Ledger ledger = LedgerFixture.openEmbedded(dataDir)) {
            LedgerFixture.seed(ledger, 2, 400, 12, 2022, 2025, 5L);
            String code = LedgerFixture.fundCode(1);
            long before = ledger.db.read(dsl -> dsl.select(FUND.HEAD_SEQ).from(FUND).where(FUND.CODE.eq(code))
                    .fetchOne(FUND.HEAD_SEQ));
            // four companies lose every deal (their exits first: a company's investment with live exits cannot
            // be reversed), and every third exit of the others goes; the latest first
            List<String> gone = ledger.db.read(dsl -> dsl.selectDistinct(INVESTMENT.HOLDING).from(INVESTMENT)
                    .where(INVESTMENT.FUND_CODE.eq(code)).orderBy(INVESTMENT.HOLDING).limit(4).fetch(r -> r.value1()));
            List<Long> exits = ledger.db.read(dsl -> dsl.select(EXIT_EVENT.SEQ).from(EXIT_EVENT)
                    .where(EXIT_EVENT.FUND_CODE.eq(code)).orderBy(EXIT_EVENT.SEQ.desc()).fetch(r -> r.value1()));
            List<Long> goneExits = ledger.db.read(dsl -> dsl.select(EXIT_EVENT.SEQ).from(EXIT_EVENT)
                    .where(EXIT_EVENT.FUND_CODE.eq(code).and(EXIT_EVENT.HOLDING.in(gone)))
                    .orderBy(EXIT_EVENT.SEQ.desc()).fetch(r -> r.value1()));
            List<Long> goneInvestments = ledger.db.read(dsl -> dsl.select(INVESTMENT.SEQ).from(INVESTMENT)
                    .where(INVESTMENT.FUND_CODE.eq(code).and(INVESTMENT.HOLDING.in(gone)))
                    .orderBy(INVESTMENT.SEQ.desc()).fetch(r -> r.value1()));
            List<Long> deals = new ArrayList<>(goneExits);
            for (int i = 0; i < exits.size(); i += 3) {
                if (!goneExits.contains(exits.get(i))) {
                    deals.add(exits.get(i));
                }
            }
            deals.addAll(goneInvestments);
            for (int i = 0; i < deals.size(); i++) {
                long seq = deals.get(i);
                long reversal = ledger.db.write(tx -> ledger.reversals.reverse(tx, Funds.lockActive(tx, code), seq,
                        "test", Actor.system("test")).seq());
                // the reversal moved 0 to 700 days later (the deal's year, the next, or later): its hash no longer
                // matches, which these sums do not look at
                int days = (i * 37) % 700;
                Condition row = JOURNAL_ENTRY.FUND_CODE.eq(code).and(JOURNAL_ENTRY.SEQ.eq(reversal));
                ledger.db.write(tx -> tx.dsl().update(JOURNAL_ENTRY).set(JOURNAL_ENTRY.ENTRY_DATE,
                        tx.dsl().fetchValue(JOURNAL_ENTRY.ENTRY_DATE, row).plusDays(days)).where(row).execute());
            }
            assertTrue(goneInvestments.size() >= 4 && deals.size() > 30, "deals reversed: " + deals);
            FundRecord fund = ledger.db.read(dsl -> dsl.selectFrom(FUND).where(FUND.CODE.eq(code)).fetchOne());
            int compared = 0;
            Set<String> reversalsMatter = new HashSet<>();
            // the head, and an older one that has half of the reversals
            for (long head : List.of(fund.getHeadSeq(), before + deals.size() / 2)) {
                FundRecord atHead = fund.copy();
                atHead.setCode(code);
                atHead.setHeadSeq(head);
                for (int y = 2022; y <= 2027; y++) {
                    FiscalYear fy = new FiscalYear(y);
                    int year = y;
                    compared += ledger.db.read(dsl -> {
                        Map<Long, LocalDate> reversals = JournalPass.run(dsl, atHead, fy, 60).reversals();
                        Map<String, String> names = new HashMap<>();
                        List<DealsOfYear.Investments> investments = DealsOfYear.investments(dsl, code, head, fy, 60,
                                names, reversals);
                        assertEquals(groupedInvestments(dsl, code, head, fy), investments, head + " " + year);
                        List<DealsOfYear.Exits> exitSums = DealsOfYear.exits(dsl, code, head, fy, 60, reversals);
                        assertEquals(groupedExits(dsl, code, head, fy), exitSums, head + " " + year);
                        investments.forEach(i -> assertTrue(names.containsKey(i.holding()), i::holding));
                        // what this compares depends on the reversals
                        if (!investments.equals(DealsOfYear.investments(dsl, code, head, fy, 60, names, Map.of()))) {
                            reversalsMatter.add("investments at " + (head == fund.getHeadSeq() ? "head" : "older"));
                        }
                        if (!exitSums.equals(DealsOfYear.exits(dsl, code, head, fy, 60, Map.of()))) {
                            reversalsMatter.add("exits at " + (head == fund.getHeadSeq() ? "head" : "older"));
                        }
                        return investments.size();
                    });
                }
            }
            assertEquals(Set.of("investments at head", "investments at older", "exits at head", "exits at older"),
                    reversalsMatter);
            assertTrue(compared > 50, "holdings compared: " + compared);
        }
    }

    /** The investments as the batch grouped them in SQL, with a join to each one's reversal. */
    private static List<DealsOfYear.Investments> groupedInvestments(DSLContext dsl, String fund, long head,
                                                                    FiscalYear year) {
        var rev = JOURNAL_ENTRY.as("rev");
        Field<LocalDate> date = INVESTMENT.ENTRY_DATE;
        Field<LocalDate> reversed = DSL.when(rev.SEQ.le(head), rev.ENTRY_DATE);
        Condition opening = date.le(year.openingDate()).and(liveOn(reversed, year.openingDate()));
        Condition inYear = date.ge(year.start()).and(liveOn(reversed, year.end()));
        Condition reversedPrior = date.le(year.openingDate()).and(reversed.between(year.start(), year.end()));
        return dsl.select(INVESTMENT.HOLDING, INVESTMENT.HOLDING_KIND,
                        DSL.sum(DSL.when(opening, INVESTMENT.AMOUNT).else_(ZERO)),
                        DSL.sum(DSL.when(inYear, INVESTMENT.AMOUNT).else_(ZERO)),
                        DSL.sum(DSL.when(inYear, ONE).else_(ZERO)),
                        DSL.sum(DSL.when(reversedPrior, INVESTMENT.AMOUNT).else_(ZERO)))
                .from(INVESTMENT)
                .leftJoin(rev).on(rev.FUND_CODE.eq(INVESTMENT.FUND_CODE).and(rev.REVERSES_SEQ.eq(INVESTMENT.SEQ)))
                .where(INVESTMENT.FUND_CODE.eq(fund).and(INVESTMENT.SEQ.le(head)).and(date.le(year.end())))
                .groupBy(INVESTMENT.HOLDING, INVESTMENT.HOLDING_KIND)
                .orderBy(INVESTMENT.HOLDING, INVESTMENT.HOLDING_KIND)
                .fetch(r -> new DealsOfYear.Investments(r.value1(), r.value2(), money(r.value3()), money(r.value4()),
                        r.value5().longValue(), money(r.value6())));
    }

    /** The exits as the batch grouped them in SQL (its query before this change, as it was). */
    private static List<DealsOfYear.Exits> groupedExits(DSLContext dsl, String fund, long head, FiscalYear year) {
        var rev = JOURNAL_ENTRY.as("rev");
        Field<LocalDate> date = EXIT_EVENT.ENTRY_DATE;
        Field<LocalDate> reversed = DSL.when(rev.SEQ.le(head), rev.ENTRY_DATE);
        Condition opening = date.le(year.openingDate()).and(liveOn(reversed, year.openingDate()));
        Condition inYear = date.ge(year.start()).and(liveOn(reversed, year.end()));
        Condition reversedPrior = date.le(year.openingDate()).and(reversed.between(year.start(), year.end()));
        Field<BigDecimal> gain = EXIT_EVENT.PROCEEDS.minus(EXIT_EVENT.COST_RELEASED);
        return dsl.select(EXIT_EVENT.HOLDING, EXIT_EVENT.TYPE,
                        DSL.sum(DSL.when(opening, EXIT_EVENT.COST_RELEASED).else_(ZERO)),
                        DSL.sum(DSL.when(inYear, EXIT_EVENT.COST_RELEASED).else_(ZERO)),
                        DSL.sum(DSL.when(inYear, EXIT_EVENT.PROCEEDS).else_(ZERO)),
                        DSL.sum(DSL.when(inYear, ONE).else_(ZERO)),
                        DSL.sum(DSL.when(inYear.and(gain.gt(ZERO)), gain).else_(ZERO)),
                        DSL.sum(DSL.when(inYear.and(gain.lt(ZERO)), gain).else_(ZERO)),
                        DSL.sum(DSL.when(reversedPrior, EXIT_EVENT.COST_RELEASED).else_(ZERO)))
                .from(EXIT_EVENT)
                .leftJoin(rev).on(rev.FUND_CODE.eq(EXIT_EVENT.FUND_CODE).and(rev.REVERSES_SEQ.eq(EXIT_EVENT.SEQ)))
                .where(EXIT_EVENT.FUND_CODE.eq(fund).and(EXIT_EVENT.SEQ.le(head)).and(date.le(year.end())))
                .groupBy(EXIT_EVENT.HOLDING, EXIT_EVENT.TYPE)
                .orderBy(EXIT_EVENT.HOLDING, EXIT_EVENT.TYPE)
                .fetch(r -> new DealsOfYear.Exits(r.value1(), r.value2(), money(r.value3()), money(r.value4()),
                        money(r.value5()), r.value6().longValue(), money(r.value7()), money(r.value8()),
                        money(r.value9())));
    }

    private static Condition liveOn(Field<LocalDate> reversalDate, LocalDate day) {
        return reversalDate.isNull().or(reversalDate.gt(day));
    }

    private static BigDecimal money(BigDecimal sum) {
        return sum.setScale(2, RoundingMode.UNNECESSARY);
    }
}
