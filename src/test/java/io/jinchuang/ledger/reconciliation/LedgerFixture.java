package io.jinchuang.ledger.reconciliation;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.companies.CreditCode;
import io.jinchuang.ledger.deals.CapitalCall;
import io.jinchuang.ledger.deals.ExitType;
import io.jinchuang.ledger.deals.NewDistribution;
import io.jinchuang.ledger.deals.NewExit;
import io.jinchuang.ledger.deals.NewInvestment;
import io.jinchuang.ledger.funds.FundKind;
import io.jinchuang.ledger.funds.NewFund;
import io.jinchuang.ledger.funds.NewPartner;
import io.jinchuang.ledger.funds.PartnerRole;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated ledger, posted through the use cases (so every chain, balance and deal fact is
 * what the service would have written): funds with two partners, a large first capital call,
 * then investments, partial exits, distributions and further calls spread evenly over the
 * years, some with bank references. Deterministic for a seed.
 */
public final class LedgerFixture {
    /** Postings per transaction. */
    private static final int BATCH = 500;
    private static final Actor ACTOR = Actor.system("fixture");
    private static final List<FundKind> KINDS = List.of(FundKind.SEED, FundKind.ANGEL, FundKind.VENTURE,
            FundKind.INDUSTRY);

    private LedgerFixture() {}

    /** The ledger on an embedded H2 database in {@code dataDir} (a new one when the directory is empty). */
    public static Ledger openEmbedded(java.nio.file.Path dataDir) {
        return Ledger.open(io.jinchuang.ledger.config.Settings.load(java.util.Map.of(), java.util.Map.of(
                "ledger.data-dir", dataDir.toString(), "ledger.db.url", "")));
    }

    public static String fundCode(int fund) {
        return "GEN-" + String.format("%03d", fund);
    }

    /**
     * {@code funds} funds, each with about {@code entries} entries (two to four lines each) dated
     * from 1 January {@code fromYear} to 31 December {@code toYear}; {@code companies} per fund.
     */
    public static void seed(Ledger ledger, int funds, int entries, int companies, int fromYear, int toYear, long seed) {
        for (int f = 0; f < funds; f++) {
            seedFund(ledger, f, entries, companies, fromYear, toYear, new Random(seed * 1_000 + f));
        }
    }

    private static void seedFund(Ledger ledger, int f, int entries, int companyCount, int fromYear, int toYear,
                                 Random random) {
        String code = fundCode(f);
        LocalDate start = LocalDate.of(fromYear, 1, 1);
        long days = ChronoUnit.DAYS.between(start, LocalDate.of(toYear, 12, 31));
        List<String> companies = new ArrayList<>();
        BigDecimal[] held = new BigDecimal[companyCount];
        ledger.db.write(tx -> {
            ledger.funds.open(tx, new NewFund(code, "Generated Fund " + f, "生成基金" + f, KINDS.get(f % KINDS.size()),
                    "Demo Capital", start, null), ACTOR);
            ledger.funds.admit(tx, code, new NewPartner("LP1", "First LP", PartnerRole.LP, Money.of("9000000000000")),
                    ACTOR);
            ledger.funds.admit(tx, code, new NewPartner("LP2", "Second LP", PartnerRole.LP, Money.of("1000000000000")),
                    ACTOR);
            ledger.deals.capitalCall(tx, code, call(start, "900000000000", "100000000000"), ACTOR.withReference(
                    "CALL-" + code + "-0"));
            for (int c = 0; c < companyCount; c++) {
                String credit = creditCode(f * 10_000 + c);
                if (io.jinchuang.ledger.companies.Companies.find(tx.dsl(), credit) == null) {
                    ledger.companies.register(tx, credit, "Company " + f + "-" + c, "generated");
                }
                companies.add(credit);
                held[c] = Money.ZERO;
            }
            return null;
        });
        for (int from = 0; from < entries; from += BATCH) {
            int first = from;
            ledger.db.write(tx -> {
                for (int e = first; e < Math.min(entries, first + BATCH); e++) {
                    LocalDate date = start.plusDays(days * e / Math.max(1, entries));
                    Actor actor = e % 3 == 0 ? ACTOR.withReference("REF-" + code + "-" + e) : ACTOR;
                    int roll = random.nextInt(100);
                    int c = random.nextInt(companyCount);
                    if (roll < 55 || (roll < 80 && held[c].signum() == 0)) {
                        BigDecimal amount = amount(random, 1_000_000);
                        ledger.investments.invest(tx, code, new NewInvestment(companies.get(c), date, amount, "A",
                                "DD-" + e, "IC-" + e, date, false), actor);
                        held[c] = held[c].add(amount);
                    } else if (roll < 80) {
                        BigDecimal released = random.nextBoolean() ? held[c]
                                : held[c].divide(BigDecimal.valueOf(2), Money.SCALE, RoundingMode.DOWN);
                        if (released.signum() == 0) {
                            released = held[c];
                        }
                        ExitType type = random.nextInt(5) == 0 ? ExitType.WRITE_OFF : ExitType.SHARE_TRANSFER;
                        BigDecimal proceeds = type == ExitType.WRITE_OFF ? Money.ZERO : amount(random, 2_000_000);
                        ledger.investments.exit(tx, code, new NewExit(companies.get(c), date, type, proceeds, released),
                                actor);
                        held[c] = held[c].subtract(released);
                    } else if (roll < 92) {
                        ledger.deals.distribute(tx, code, new NewDistribution(date, amount(random, 100_000), null), actor);
                    } else {
                        ledger.deals.capitalCall(tx, code, call(date, "1000.00", "100.00"), actor);
                    }
                }
                return null;
            });
        }
    }

    private static CapitalCall call(LocalDate date, String lp1, String lp2) {
        return new CapitalCall(date, List.of(new CapitalCall.Contribution("LP1", Money.of(lp1)),
                new CapitalCall.Contribution("LP2", Money.of(lp2))));
    }

    /** Between 0.01 and {@code yuanMax} yuan, with fen. */
    private static BigDecimal amount(Random random, int yuanMax) {
        return BigDecimal.valueOf(1 + (long) random.nextInt(yuanMax) * 100 + random.nextInt(100), Money.SCALE);
    }

    public static String creditCode(int index) {
        String first17 = "9114" + String.format("%04d", index % 10_000) + "MB" + String.format("%07d", index);
        return first17 + CreditCode.checkCharacter(first17);
    }
}
