package io.jinchuang.ledger.journal;

import static io.jinchuang.ledger.db.Tables.FUND;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;

import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.db.tables.records.JournalEntryRecord;
import io.jinchuang.ledger.db.tables.records.JournalLineRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Reading the journal: pages of entries, and the re-check of every chain. */
public final class JournalQueries {
    private JournalQueries() {}

    public record Entry(JournalEntryRecord row, List<Line> lines) {}

    public record Page(List<Entry> entries, String nextAfterFund, Long nextAfterSeq) {}

    /**
     * Entries in (fund, seq) order after the cursor, limited to {@code funds}. With one
     * fund the cursor is its sequence number; across funds it is (fund, seq).
     */
    public static Page page(DSLContext dsl, Collection<String> funds, String afterFund, long afterSeq, int limit) {
        Condition after = afterFund == null
                ? JOURNAL_ENTRY.SEQ.gt(afterSeq)
                : DSL.row(JOURNAL_ENTRY.FUND_CODE, JOURNAL_ENTRY.SEQ).gt(afterFund, afterSeq);
        List<JournalEntryRecord> rows = dsl.selectFrom(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.FUND_CODE.in(funds).and(after))
                .orderBy(JOURNAL_ENTRY.FUND_CODE, JOURNAL_ENTRY.SEQ)
                .limit(limit + 1)
                .fetch();
        boolean more = rows.size() > limit;
        List<JournalEntryRecord> pageRows = more ? rows.subList(0, limit) : rows;
        Map<String, List<Line>> lines = lines(dsl, pageRows);
        List<Entry> entries = new ArrayList<>();
        for (JournalEntryRecord row : pageRows) {
            entries.add(new Entry(row, lines.getOrDefault(row.getFundCode() + "/" + row.getSeq(), List.of())));
        }
        JournalEntryRecord last = pageRows.isEmpty() ? null : pageRows.get(pageRows.size() - 1);
        return new Page(entries, more ? last.getFundCode() : null, more ? last.getSeq() : null);
    }

    /** One entry with its lines, by primary key. */
    public static Entry entry(DSLContext dsl, EntryRef ref) {
        JournalEntryRecord row = dsl.selectFrom(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.FUND_CODE.eq(ref.fund()).and(JOURNAL_ENTRY.SEQ.eq(ref.seq()))).fetchOne();
        if (row == null) {
            throw new IllegalStateException("no journal entry " + ref);
        }
        List<Line> lines = dsl.selectFrom(JOURNAL_LINE)
                .where(JOURNAL_LINE.FUND_CODE.eq(ref.fund()).and(JOURNAL_LINE.SEQ.eq(ref.seq())))
                .orderBy(JOURNAL_LINE.LINE_NO)
                .fetch(l -> new Line(l.getAccount(), l.getDebit(), l.getCredit()));
        return new Entry(row, lines);
    }

    private static Map<String, List<Line>> lines(DSLContext dsl, List<JournalEntryRecord> rows) {
        Map<String, List<Line>> lines = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return lines;
        }
        // one primary-key range per fund on the page (a page is ordered by fund, then seq)
        Map<String, long[]> ranges = new LinkedHashMap<>();
        for (JournalEntryRecord row : rows) {
            ranges.merge(row.getFundCode(), new long[] {row.getSeq(), row.getSeq()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        Condition any = DSL.falseCondition();
        for (Map.Entry<String, long[]> range : ranges.entrySet()) {
            any = any.or(JOURNAL_LINE.FUND_CODE.eq(range.getKey())
                    .and(JOURNAL_LINE.SEQ.between(range.getValue()[0], range.getValue()[1])));
        }
        dsl.selectFrom(JOURNAL_LINE).where(any).orderBy(JOURNAL_LINE.FUND_CODE, JOURNAL_LINE.SEQ, JOURNAL_LINE.LINE_NO)
                .fetch().forEach(l -> lines.computeIfAbsent(l.getFundCode() + "/" + l.getSeq(), k -> new ArrayList<>())
                        .add(new Line(l.getAccount(), l.getDebit(), l.getCredit())));
        return lines;
    }

    public record ChainCheck(String fund, long entries, long headSeq, String headHash, boolean ok, Long firstBreakSeq,
                             String problem) {}

    /**
     * Re-computes one fund's chain from its stored rows: sequence without gaps, each
     * prev_hash the previous hash, each hash its content's, each entry balanced, and the
     * fund's recorded head equal to the last entry. Streams, so memory stays flat (the ORDER BY
     * names the fund code, fixed as it is, so that H2 reads the keys' index in order instead of
     * gathering and sorting the fund's rows).
     */
    public static ChainCheck verify(DSLContext dsl, FundRecord fund) {
        String expectedPrev = HashChain.GENESIS;
        long expectedSeq = 1;
        try (Cursor<JournalEntryRecord> entries = dsl.selectFrom(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.FUND_CODE.eq(fund.getCode()))
                .orderBy(JOURNAL_ENTRY.FUND_CODE, JOURNAL_ENTRY.SEQ).fetchLazy();
             Cursor<JournalLineRecord> lineCursor = dsl.selectFrom(JOURNAL_LINE)
                .where(JOURNAL_LINE.FUND_CODE.eq(fund.getCode()))
                .orderBy(JOURNAL_LINE.FUND_CODE, JOURNAL_LINE.SEQ, JOURNAL_LINE.LINE_NO).fetchLazy()) {
            Iterator<JournalLineRecord> lineIterator = lineCursor.iterator();
            JournalLineRecord pending = lineIterator.hasNext() ? lineIterator.next() : null;
            for (JournalEntryRecord entry : entries) {
                List<Line> lines = new ArrayList<>();
                long seq = entry.getSeq();
                while (pending != null && pending.getSeq() <= seq) {
                    if (pending.getSeq() == seq) {
                        lines.add(new Line(pending.getAccount(), pending.getDebit(), pending.getCredit()));
                    }
                    pending = lineIterator.hasNext() ? lineIterator.next() : null;
                }
                String problem = check(entry, lines, expectedSeq, expectedPrev);
                if (problem != null) {
                    return new ChainCheck(fund.getCode(), expectedSeq - 1, fund.getHeadSeq(), fund.getHeadHash(), false,
                            entry.getSeq(), problem);
                }
                expectedPrev = entry.getHash();
                expectedSeq++;
            }
        }
        long count = expectedSeq - 1;
        boolean headOk = fund.getHeadSeq() == count && fund.getHeadHash().equals(expectedPrev);
        return new ChainCheck(fund.getCode(), count, fund.getHeadSeq(), fund.getHeadHash(), headOk,
                headOk ? null : count + 1, headOk ? null : "the fund's recorded head disagrees with its last entry");
    }

    /**
     * What is wrong with one entry read back, or null: its sequence number, its link to the
     * previous hash, its balance, and its hash over its content (the year-end batch uses it too).
     */
    public static String check(JournalEntryRecord entry, List<Line> lines, long expectedSeq, String expectedPrev) {
        if (entry.getSeq() != expectedSeq) {
            return "sequence jumps from " + (expectedSeq - 1) + " to " + entry.getSeq();
        }
        if (!entry.getPrevHash().equals(expectedPrev)) {
            return "prevHash does not match the previous entry's hash";
        }
        BigDecimal debits = lines.stream().map(Line::debit).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credits = lines.stream().map(Line::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (debits.compareTo(credits) != 0) {
            return "debits " + debits + " do not equal credits " + credits;
        }
        HashChain.Content content = new HashChain.Content(entry.getFundCode(), entry.getSeq(), entry.getEntryDate(),
                entry.getRecordedAt().toInstant(), entry.getType(), entry.getActor(), entry.getIdempotencyKey(),
                entry.getReference(), entry.getReversesSeq(), entry.getLinkFund(), entry.getLinkSeq(),
                entry.getPayload(), lines);
        if (!HashChain.hash(expectedPrev, content).equals(entry.getHash())) {
            return "the hash does not match the entry's content";
        }
        return null;
    }

    public static List<FundRecord> funds(DSLContext dsl, Collection<String> codes) {
        return dsl.selectFrom(FUND).where(FUND.CODE.in(codes)).orderBy(FUND.CODE).fetch();
    }
}
