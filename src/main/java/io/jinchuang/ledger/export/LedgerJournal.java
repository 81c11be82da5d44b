package io.jinchuang.ledger.export;

import static io.jinchuang.ledger.db.Tables.FUND;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;

import io.jinchuang.ledger.journal.Balances;
import io.jinchuang.ledger.money.Check;
import io.jinchuang.ledger.money.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The journal in Ledger / hledger journal format (README, "Export"), so that
 * {@code ledger balance} and {@code hledger balance} on it show exactly the service's trial
 * balances. Each fund's accounts are {@code <fundCode>:<account>}; each posting's amount is
 * its line's debit minus credit in {@code CNY}, the sign of GET /funds/{code}/balances.
 * Entries come in (date, fund, seq) order, each with its fund/seq as the transaction code
 * and its hash in a comment; memo entries (no lines) are comments. For one year, each
 * fund's trial balance on the eve of 1 January opens the file as a balanced entry dated
 * 1 January. Entries are streamed from a cursor, never all held in memory.
 */
public final class LedgerJournal {
    public static final String COMMODITY = "CNY";
    /** Rows fetched from the database at a time. */
    static final int FETCH_SIZE = 1000;
    /**
     * What an account name may be made of: ledger ends a name at two spaces or a tab, reads
     * a leading '(' or '[' as a virtual posting and ';' as a comment. The ledger's own
     * names (codes of funds, partners and companies) never need more than this.
     */
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._-]*");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    /** What was written. */
    public record Summary(long entries, long postings, long memoEntries, int openingFunds) {}

    private final DSLContext dsl;
    private final Writer out;
    private long entries;
    private long postings;
    private long memos;

    private final int timeoutSeconds;

    private LedgerJournal(DSLContext dsl, Writer out, int timeoutSeconds) {
        this.dsl = dsl;
        this.out = out;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * @param year only the entries of this calendar year, after the opening balances (null: every entry)
     * @param fund only this fund (null: every fund)
     */
    public static Summary write(DSLContext dsl, Writer out, Integer year, String fund, Instant exportedAt) {
        return write(dsl, out, year, fund, exportedAt, 0);
    }

    /** @param timeoutSeconds the streaming statement's own time limit (0: the database's default) */
    public static Summary write(DSLContext dsl, Writer out, Integer year, String fund, Instant exportedAt,
                                int timeoutSeconds) {
        LedgerJournal journal = new LedgerJournal(dsl, out, timeoutSeconds);
        try {
            journal.header(year, fund, exportedAt);
            int opened = year == null ? 0 : journal.openings(year, fund);
            journal.entries(year, fund);
            out.flush();
            return new Summary(journal.entries, journal.postings, journal.memos, opened);
        } catch (IOException e) {
            throw new UncheckedIOException("the journal could not be written", e);
        }
    }

    private void header(Integer year, String fund, Instant exportedAt) throws IOException {
        out.write("; Guidance-fund ledger: journal export in Ledger / hledger journal format\n");
        out.write("; accounts <fund>:<account>; amounts in " + COMMODITY
                + ", debit positive (as GET /api/v1/funds/{code}/balances)\n");
        out.write("; " + (year == null ? "every entry" : "the year " + year + ": every fund's balances on "
                + LocalDate.of(year - 1, 12, 31) + " as an opening entry dated " + LocalDate.of(year, 1, 1)
                + ", then every entry dated in " + year) + "; fund: " + (fund == null ? "all" : fund) + "\n");
        out.write("; entries in (date, fund, seq) order; code (fund/seq); memo entries without lines as comments\n");
        out.write("; exported at " + exportedAt + "\n\n");
        out.write("commodity " + COMMODITY + "\n    format " + COMMODITY + " 1000.00\n\n");
    }

    /** One opening entry per fund with balances on 31 December of the year before; returns how many. */
    private int openings(int year, String onlyFund) throws IOException {
        LocalDate eve = LocalDate.of(year - 1, 12, 31);
        List<String> funds = dsl.select(FUND.CODE).from(FUND)
                .where(onlyFund == null ? DSL.noCondition() : FUND.CODE.eq(onlyFund))
                .orderBy(FUND.CODE).fetch(FUND.CODE);
        int opened = 0;
        for (String fund : funds) {
            Map<String, BigDecimal> balances = Balances.asOf(dsl, fund, eve);
            if (balances.isEmpty()) {
                continue;
            }
            BigDecimal sum = balances.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            Check.that(sum.signum() == 0, "a fund's trial balance sums to zero");
            out.write(LocalDate.of(year, 1, 1) + " * (" + fund + "/opening) Opening balances  ; trial balance on "
                    + eve + "\n");
            for (Map.Entry<String, BigDecimal> balance : balances.entrySet()) {
                posting(fund, balance.getKey(), balance.getValue());
            }
            out.write('\n');
            opened++;
        }
        return opened;
    }

    private void entries(Integer year, String fund) throws IOException {
        Condition where = DSL.noCondition();
        if (year != null) {
            where = where.and(JOURNAL_ENTRY.ENTRY_DATE.between(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
        }
        if (fund != null) {
            where = where.and(JOURNAL_ENTRY.FUND_CODE.eq(fund));
        }
        try (Cursor<? extends Record> rows = dsl.select(JOURNAL_ENTRY.FUND_CODE, JOURNAL_ENTRY.SEQ, JOURNAL_ENTRY.ENTRY_DATE,
                        JOURNAL_ENTRY.TYPE, JOURNAL_ENTRY.HASH, JOURNAL_ENTRY.REFERENCE, JOURNAL_ENTRY.REVERSES_SEQ,
                        JOURNAL_ENTRY.LINK_FUND, JOURNAL_ENTRY.LINK_SEQ, JOURNAL_LINE.ACCOUNT, JOURNAL_LINE.DEBIT,
                        JOURNAL_LINE.CREDIT)
                .from(JOURNAL_ENTRY)
                .leftJoin(JOURNAL_LINE).on(JOURNAL_LINE.FUND_CODE.eq(JOURNAL_ENTRY.FUND_CODE)
                        .and(JOURNAL_LINE.SEQ.eq(JOURNAL_ENTRY.SEQ)))
                .where(where)
                .orderBy(JOURNAL_ENTRY.ENTRY_DATE, JOURNAL_ENTRY.FUND_CODE, JOURNAL_ENTRY.SEQ, JOURNAL_LINE.LINE_NO)
                .fetchSize(FETCH_SIZE)
                .queryTimeout(timeoutSeconds)
                .fetchLazy()) {
            String currentFund = null;
            long currentSeq = -1;
            for (Record row : rows) {
                String rowFund = row.get(JOURNAL_ENTRY.FUND_CODE);
                long seq = row.get(JOURNAL_ENTRY.SEQ);
                if (!rowFund.equals(currentFund) || seq != currentSeq) {
                    if (currentFund != null) {
                        out.write('\n');
                    }
                    entryHeader(row);
                    currentFund = rowFund;
                    currentSeq = seq;
                }
                if (row.get(JOURNAL_LINE.ACCOUNT) != null) {
                    posting(rowFund, row.get(JOURNAL_LINE.ACCOUNT),
                            row.get(JOURNAL_LINE.DEBIT).subtract(row.get(JOURNAL_LINE.CREDIT)));
                }
            }
            if (currentFund != null) {
                out.write('\n');
            }
        }
    }

    private void entryHeader(Record row) throws IOException {
        String fund = row.get(JOURNAL_ENTRY.FUND_CODE);
        StringBuilder line = new StringBuilder(160);
        boolean memo = row.get(JOURNAL_LINE.ACCOUNT) == null;
        if (memo) {
            line.append("; ");
            memos++;
        } else {
            entries++;
        }
        line.append(row.get(JOURNAL_ENTRY.ENTRY_DATE)).append(memo ? " " : " * ")
                .append('(').append(fund).append('/').append(row.get(JOURNAL_ENTRY.SEQ)).append(") ")
                .append(row.get(JOURNAL_ENTRY.TYPE));
        if (row.get(JOURNAL_ENTRY.REVERSES_SEQ) != null) {
            line.append(" of ").append(fund).append('/').append(row.get(JOURNAL_ENTRY.REVERSES_SEQ));
        }
        if (row.get(JOURNAL_ENTRY.LINK_FUND) != null) {
            line.append(" for ").append(row.get(JOURNAL_ENTRY.LINK_FUND)).append('/').append(row.get(JOURNAL_ENTRY.LINK_SEQ));
        }
        line.append(memo ? " (memo entry, no postings)  hash: " : "  ; hash: ").append(row.get(JOURNAL_ENTRY.HASH));
        line.append('\n');
        if (row.get(JOURNAL_ENTRY.REFERENCE) != null) {
            line.append(memo ? ";   reference: " : "    ; reference: ")
                    .append(CONTROL.matcher(row.get(JOURNAL_ENTRY.REFERENCE)).replaceAll(" ")).append('\n');
        }
        out.write(line.toString());
    }

    private void posting(String fund, String account, BigDecimal amount) throws IOException {
        if (!ACCOUNT.matcher(fund).matches() || !ACCOUNT.matcher(account).matches()) {
            throw new IllegalStateException("account " + fund + ":" + account
                    + " has a character ledger would read specially");
        }
        out.write("    " + fund + ":" + account + "  " + COMMODITY + " " + Money.format(amount) + "\n");
        postings++;
    }
}
