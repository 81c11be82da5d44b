package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static io.jinchuang.ledger.db.Tables.CONTRIBUTION;
import static io.jinchuang.ledger.db.Tables.DISTRIBUTION_SHARE;
import static io.jinchuang.ledger.db.Tables.EXIT_EVENT;
import static io.jinchuang.ledger.db.Tables.FUND;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;
import static io.jinchuang.ledger.db.Tables.PARTNER;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.journal.Accounts;
import io.jinchuang.ledger.journal.HashChain;
import io.jinchuang.ledger.journal.Line;
import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jooq.TableRecord;

/**
 * A large ledger written in bulk for benchmarks: the rows the journal would write (entries with
 * their hash chain, lines, deal facts, kept balances, fund heads) but inserted in batches, not
 * posted one by one. The batch itself checks that they agree, so a mistake here shows as a
 * discrepancy. Capital calls, investments, exits (partial, at a gain or a loss) and
 * distributions, spread evenly over the years; every third entry carries a bank reference.
 */
final class BulkLedger {
    private static final int ENTRIES_PER_TX = 5_000;
    private static final String[] PARTNERS = {"LP1", "LP2"};

    private BulkLedger() {}

    static void write(Ledger ledger, int funds, int entries, int companies, int fromYear, int toYear, long seed) {
        for (int f = 0; f < funds; f++) {
            new Writer(ledger, LedgerFixture.fundCode(f), entries, companies, fromYear, toYear, new Random(seed + f)).run();
        }
    }

    private static final class Writer {
        final Ledger ledger;
        final String fund;
        final int entries;
        final LocalDate start;
        final long days;
        final Random random;
        final List<String> companies = new ArrayList<>();
        final BigDecimal[] held;
        final Map<String, BigDecimal> balances = new TreeMap<>();
        final Instant recordedAt = Instant.parse("2026-01-01T00:00:00Z");
        long seq;
        String head = HashChain.GENESIS;

        Writer(Ledger ledger, String fund, int entries, int companyCount, int fromYear, int toYear, Random random) {
            this.ledger = ledger;
            this.fund = fund;
            this.entries = entries;
            this.start = LocalDate.of(fromYear, 1, 1);
            this.days = ChronoUnit.DAYS.between(start, LocalDate.of(toYear, 12, 31));
            this.random = random;
            this.held = new BigDecimal[companyCount];
            for (int c = 0; c < companyCount; c++) {
                companies.add(LedgerFixture.creditCode(Math.abs(fund.hashCode() % 1000) * 10_000 + c));
                held[c] = Money.ZERO;
            }
        }

        void run() {
            ledger.db.write(tx -> {
                var row = tx.dsl().newRecord(FUND);
                row.setCode(fund);
                row.setName("Bulk " + fund);
                row.setKind("VENTURE");
                row.setManager("Demo Capital");
                row.setVintage(start);
                row.setStatus("ACTIVE");
                row.setCreatedAt(recordedAt.atOffset(ZoneOffset.UTC));
                row.setHeadSeq(0L);
                row.setHeadHash(HashChain.GENESIS);
                tx.insert(row);
                for (String p : PARTNERS) {
                    var partner = tx.dsl().newRecord(PARTNER);
                    partner.setFundCode(fund);
                    partner.setPartnerCode(p);
                    partner.setName(p);
                    partner.setRole("LP");
                    partner.setCommitted(Money.of("9000000000000"));
                    tx.insert(partner);
                }
                for (String c : companies) {
                    if (io.jinchuang.ledger.companies.Companies.find(tx.dsl(), c) == null) {
                        ledger.companies.register(tx, c, "Bulk company " + c, "bulk");
                    }
                }
                return null;
            });
            for (int from = 0; from < entries; from += ENTRIES_PER_TX) {
                int first = from;
                ledger.db.write(tx -> {
                    List<TableRecord<?>> rows = new ArrayList<>();
                    for (int e = first; e < Math.min(entries, first + ENTRIES_PER_TX); e++) {
                        entry(e, rows);
                    }
                    insertByTable(tx, rows);
                    return null;
                });
            }
            ledger.db.write(tx -> {
                List<TableRecord<?>> rows = new ArrayList<>();
                balances.forEach((account, balance) -> {
                    var row = tx.dsl().newRecord(ACCOUNT_BALANCE);
                    row.setFundCode(fund);
                    row.setAccount(account);
                    row.setBalance(balance);
                    rows.add(row);
                });
                tx.insertAll(rows);
                var row = tx.dsl().selectFrom(FUND).where(FUND.CODE.eq(fund)).forUpdate().fetchOne();
                row.setHeadSeq(seq);
                row.setHeadHash(head);
                tx.upsert(row);
                return null;
            });
        }

        private void entry(int e, List<TableRecord<?>> rows) {
            LocalDate date = start.plusDays(days * e / Math.max(1, entries));
            String reference = e % 3 == 0 ? "REF-" + fund + "-" + e : null;
            int roll = e == 0 ? -1 : random.nextInt(100);
            int c = random.nextInt(companies.size());
            long next = seq + 1;
            List<Line> lines = new ArrayList<>();
            String type;
            if (roll < 0 || roll >= 92) {
                type = "CAPITAL_CALL";
                BigDecimal each = e == 0 ? Money.of("500000000000") : Money.of("1000.00");
                lines.add(Line.debit(Accounts.CASH, each.add(each)));
                for (String p : PARTNERS) {
                    lines.add(Line.credit(Accounts.paidIn(p), each));
                    rows.add(fact(CONTRIBUTION, next, p, date, each));
                }
            } else if (roll < 55 || held[c].signum() == 0) {
                type = "INVESTMENT";
                BigDecimal amount = amount(1_000_000);
                lines.add(Line.debit(Accounts.investment(companies.get(c)), amount));
                lines.add(Line.credit(Accounts.CASH, amount));
                var row = ledger.db.dsl().newRecord(INVESTMENT);
                row.setFundCode(fund);
                row.setSeq(next);
                row.setHolding(companies.get(c));
                row.setHoldingKind("COMPANY");
                row.setEntryDate(date);
                row.setAmount(amount);
                row.setConflictOfInterest(false);
                rows.add(row);
                held[c] = held[c].add(amount);
            } else if (roll < 80) {
                type = "EXIT";
                BigDecimal released = random.nextBoolean() ? held[c] : held[c].divideToIntegralValue(BigDecimal.TEN)
                        .setScale(Money.SCALE);
                released = released.signum() == 0 ? held[c] : released;
                BigDecimal proceeds = random.nextInt(5) == 0 ? Money.ZERO : amount(2_000_000);
                BigDecimal gain = proceeds.subtract(released);
                if (proceeds.signum() > 0) {
                    lines.add(Line.debit(Accounts.CASH, proceeds));
                }
                if (gain.signum() < 0) {
                    lines.add(Line.debit(Accounts.REALIZED_GAINS, gain.negate()));
                }
                lines.add(Line.credit(Accounts.investment(companies.get(c)), released));
                if (gain.signum() > 0) {
                    lines.add(Line.credit(Accounts.REALIZED_GAINS, gain));
                }
                var row = ledger.db.dsl().newRecord(EXIT_EVENT);
                row.setFundCode(fund);
                row.setSeq(next);
                row.setHolding(companies.get(c));
                row.setEntryDate(date);
                row.setType(proceeds.signum() == 0 ? "WRITE_OFF" : "SHARE_TRANSFER");
                row.setProceeds(proceeds);
                row.setCostReleased(released);
                rows.add(row);
                held[c] = held[c].subtract(released);
            } else {
                type = "DISTRIBUTION";
                BigDecimal each = amount(50_000);
                for (String p : PARTNERS) {
                    lines.add(Line.debit(Accounts.distributions(p), each));
                    rows.add(fact(DISTRIBUTION_SHARE, next, p, date, each));
                }
                lines.add(Line.credit(Accounts.CASH, each.add(each)));
            }
            post(next, date, type, reference, lines, rows);
        }

        private TableRecord<?> fact(org.jooq.Table<?> table, long next, String partner, LocalDate date, BigDecimal amount) {
            if (table == CONTRIBUTION) {
                var row = ledger.db.dsl().newRecord(CONTRIBUTION);
                row.setFundCode(fund);
                row.setSeq(next);
                row.setPartnerCode(partner);
                row.setEntryDate(date);
                row.setAmount(amount);
                return row;
            }
            var row = ledger.db.dsl().newRecord(DISTRIBUTION_SHARE);
            row.setFundCode(fund);
            row.setSeq(next);
            row.setPartnerCode(partner);
            row.setEntryDate(date);
            row.setAmount(amount);
            return row;
        }

        private void post(long next, LocalDate date, String type, String reference, List<Line> lines,
                          List<TableRecord<?>> rows) {
            String payload = HashChain.payloadJson(Map.of("bulk", Long.toString(next)));
            HashChain.Content content = new HashChain.Content(fund, next, date, recordedAt, type, "bulk", null,
                    reference, null, null, null, payload, lines);
            String hash = HashChain.hash(head, content);
            var entry = ledger.db.dsl().newRecord(JOURNAL_ENTRY);
            entry.setFundCode(fund);
            entry.setSeq(next);
            entry.setEntryDate(date);
            entry.setRecordedAt(recordedAt.atOffset(ZoneOffset.UTC));
            entry.setType(type);
            entry.setActor("bulk");
            entry.setReference(reference);
            entry.setPayload(payload);
            entry.setPrevHash(head);
            entry.setHash(hash);
            rows.add(0, entry);
            int lineNo = 1;
            for (Line line : lines) {
                var row = ledger.db.dsl().newRecord(JOURNAL_LINE);
                row.setFundCode(fund);
                row.setSeq(next);
                row.setLineNo(lineNo++);
                row.setAccount(line.account());
                row.setDebit(line.debit());
                row.setCredit(line.credit());
                rows.add(row);
                balances.merge(line.account(), line.signed(), BigDecimal::add);
            }
            seq = next;
            head = hash;
        }

        private BigDecimal amount(int yuanMax) {
            return BigDecimal.valueOf(1 + (long) random.nextInt(yuanMax) * 100 + random.nextInt(100), Money.SCALE);
        }

        /** Entries before their lines and facts (the foreign keys), each table in one JDBC batch. */
        private static void insertByTable(io.jinchuang.ledger.store.Tx tx, List<TableRecord<?>> rows) {
            for (org.jooq.Table<?> table : List.of(JOURNAL_ENTRY, JOURNAL_LINE, INVESTMENT, EXIT_EVENT, CONTRIBUTION,
                    DISTRIBUTION_SHARE)) {
                List<TableRecord<?>> ofTable = rows.stream().filter(r -> r.getTable().equals(table)).toList();
                tx.insertAll(ofTable);
            }
        }
    }
}
