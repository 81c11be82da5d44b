package io.jinchuang.ledger.journal;

import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static io.jinchuang.ledger.db.Tables.FUND;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.AccountBalanceRecord;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.db.tables.records.JournalEntryRecord;
import io.jinchuang.ledger.db.tables.records.JournalLineRecord;
import io.jinchuang.ledger.money.Check;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.store.Tx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts journal entries: one per business event and fund, balanced, numbered in the
 * fund's sequence and chained by hash. Nothing here updates or deletes an entry.
 */
public final class Journal {
    private final Clock clock;
    private final AtomicLong entriesPosted = new AtomicLong();

    public Journal(Clock clock) {
        this.clock = clock;
    }

    /** Locks the fund's chain row for the rest of the transaction; 404 when there is no such fund. */
    public static FundRecord lockFund(Tx tx, String fundCode) {
        FundRecord fund = tx.lock(FUND, fundCode);
        if (fund == null) {
            throw Rejection.notFound("no fund " + fundCode);
        }
        return fund;
    }

    /**
     * Appends {@code entry} to its fund's chain. The caller holds the fund's lock (see
     * {@link #lockFund}) and has checked the business rules; this checks the ledger's own
     * invariants: balanced lines, no asset account driven below zero, and no date in a
     * closed period (409).
     */
    public EntryRef post(Tx tx, FundRecord fund, NewEntry entry) {
        Check.that(fund.getCode().equals(entry.fundCode()), "the locked fund is the entry's fund");
        BigDecimal debits = entry.lines().stream().map(Line::debit).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credits = entry.lines().stream().map(Line::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
        Check.that(debits.compareTo(credits) == 0, "an entry's debits equal its credits");
        for (Line line : entry.lines()) { // each amount fits; their sums may not (a capital call's cash line)
            if (!Money.fits(line.debit()) || !Money.fits(line.credit())) {
                throw Rejection.invalid("amount", "the entry's " + line.account() + " line of "
                        + Money.format(line.debit().max(line.credit())) + " is beyond the "
                        + Money.INTEGER_DIGITS_MAX + " integer digits the ledger keeps");
            }
        }
        // every posting passes here, with its fund locked: deals, liquidations, partners, reversals
        ClosedPeriods.refuseClosed(tx, fund.getCode(), entry.date());
        long seq = fund.getHeadSeq() + 1;
        Instant recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String payload = HashChain.payloadJson(entry.payload());
        HashChain.Content content = new HashChain.Content(fund.getCode(), seq, entry.date(), recordedAt,
                entry.type().name(), entry.actor(), entry.idempotencyKey(), entry.reference(), entry.reversesSeq(),
                entry.link() == null ? null : entry.link().fund(), entry.link() == null ? null : entry.link().seq(),
                payload, entry.lines());
        String hash = HashChain.hash(fund.getHeadHash(), content);
        JournalEntryRecord row = insertEntry(tx, content, fund.getHeadHash(), hash);
        applyBalances(tx, fund.getCode(), entry.lines());
        fund.setHeadSeq(seq);
        fund.setHeadHash(hash);
        tx.upsert(fund);
        entriesPosted.incrementAndGet();
        Posted counted = tx.attached(Posted.class, Posted.class);
        if (counted == null) {
            counted = new Posted(new java.util.HashMap<>());
            tx.attach(Posted.class, counted);
        }
        long[] posted = counted.byFund().computeIfAbsent(fund.getCode(), k -> new long[2]);
        posted[0]++;
        posted[1] += entry.lines().size();
        EntryRef ref = new EntryRef(fund.getCode(), seq);
        // the answer to the posting shows this entry: no need to read back what was just written
        Recent recent = tx.attached(Recent.class, Recent.class);
        if (recent == null) {
            recent = new Recent();
            tx.attach(Recent.class, recent);
        }
        recent.put(ref, new JournalQueries.Entry(row, List.copyOf(entry.lines())));
        return ref;
    }

    /**
     * The last few entries the transaction posted (a use case posts at most a handful and
     * answers with one of them); only the last ones, so that an import's hundreds of thousands
     * of entries are not all kept until it commits.
     */
    private static final class Recent extends java.util.LinkedHashMap<EntryRef, JournalQueries.Entry> {
        private static final int KEPT = 16;

        @Override
        protected boolean removeEldestEntry(Map.Entry<EntryRef, JournalQueries.Entry> eldest) {
            return size() > KEPT;
        }
    }

    /** The entry {@code ref} as this transaction posted it, when it is one of its last few; else null. */
    public static JournalQueries.Entry postedHere(Tx tx, EntryRef ref) {
        Recent recent = tx.attached(Recent.class, Recent.class);
        return recent == null ? null : recent.get(ref);
    }

    /** Journal entries and lines this transaction posted, per fund: {entries, lines}. */
    private record Posted(Map<String, long[]> byFund) {}

    /** How many journal entries {@code tx} has posted to the fund so far (an import reports it). */
    public static long entriesPosted(Tx tx, String fundCode) {
        return posted(tx, fundCode)[0];
    }

    /** How many journal lines {@code tx} has posted to the fund so far (an import reports it). */
    public static long linesPosted(Tx tx, String fundCode) {
        return posted(tx, fundCode)[1];
    }

    private static long[] posted(Tx tx, String fundCode) {
        Posted counted = tx.attached(Posted.class, Posted.class);
        long[] posted = counted == null ? null : counted.byFund().get(fundCode);
        return posted == null ? new long[2] : posted;
    }

    private static JournalEntryRecord insertEntry(Tx tx, HashChain.Content c, String prevHash, String hash) {
        JournalEntryRecord row = tx.dsl().newRecord(JOURNAL_ENTRY);
        row.setFundCode(c.fund());
        row.setSeq(c.seq());
        row.setEntryDate(c.date());
        row.setRecordedAt(c.recordedAt().atOffset(ZoneOffset.UTC));
        row.setType(c.type());
        row.setActor(c.actor());
        row.setIdempotencyKey(c.idempotencyKey());
        row.setReference(c.reference());
        row.setReversesSeq(c.reversesSeq());
        row.setLinkFund(c.linkFund());
        row.setLinkSeq(c.linkSeq());
        row.setPayload(c.payload());
        row.setPrevHash(prevHash);
        row.setHash(hash);
        tx.insert(row);
        List<JournalLineRecord> lines = new ArrayList<>();
        int lineNo = 1;
        for (Line line : c.lines()) {
            JournalLineRecord lineRow = tx.dsl().newRecord(JOURNAL_LINE);
            lineRow.setFundCode(c.fund());
            lineRow.setSeq(c.seq());
            lineRow.setLineNo(lineNo++);
            lineRow.setAccount(line.account());
            lineRow.setDebit(line.debit());
            lineRow.setCredit(line.credit());
            lines.add(lineRow);
        }
        tx.insertAll(lines);
        return row;
    }

    private static void applyBalances(Tx tx, String fundCode, List<Line> lines) {
        Map<String, BigDecimal> deltas = new TreeMap<>();
        for (Line line : lines) {
            deltas.merge(line.account(), line.signed(), BigDecimal::add);
        }
        if (deltas.isEmpty()) {
            return;
        }
        for (Map.Entry<String, BigDecimal> delta : deltas.entrySet()) {
            // by primary key, one account at a time: H2 answers "account IN (…)" by scanning every account of the fund
            AccountBalanceRecord row = tx.find(ACCOUNT_BALANCE, fundCode, delta.getKey());
            if (row == null) {
                row = tx.dsl().newRecord(ACCOUNT_BALANCE);
                row.setFundCode(fundCode);
                row.setAccount(delta.getKey());
                row.setBalance(Money.ZERO);
            }
            BigDecimal balance = row.getBalance().add(delta.getValue());
            refuseNegativeAsset(fundCode, delta.getKey(), balance);
            if (!Money.fits(balance)) {
                throw Rejection.invalid("amount", "would take fund " + fundCode + "'s " + delta.getKey() + " to "
                        + Money.format(balance) + ", beyond the " + Money.INTEGER_DIGITS_MAX
                        + " integer digits the ledger keeps");
            }
            row.setBalance(balance);
            tx.upsert(row);
        }
    }

    /** The backstop behind the use cases' own checks: cash and cost never go below zero. */
    private static void refuseNegativeAsset(String fundCode, String account, BigDecimal balance) {
        if (balance.signum() >= 0) {
            return;
        }
        if (account.equals(Accounts.CASH)) {
            throw Rejection.invalid("amount", "would take fund " + fundCode + "'s cash below zero (short by "
                    + Money.format(balance.negate()) + ")");
        }
        if (account.startsWith("Assets:") && !account.endsWith(":Returned")) {
            throw Rejection.invalid("amount", "would take " + account + " of fund " + fundCode
                    + " below zero (short by " + Money.format(balance.negate()) + ")");
        }
    }

    public long entriesPosted() {
        return entriesPosted.get();
    }
}
