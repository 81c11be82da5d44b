package io.jinchuang.ledger.demo;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.companies.CreditCode;
import io.jinchuang.ledger.deals.CapitalCall;
import io.jinchuang.ledger.deals.ExitType;
import io.jinchuang.ledger.deals.NewDistribution;
import io.jinchuang.ledger.deals.NewExit;
import io.jinchuang.ledger.deals.NewInvestment;
import io.jinchuang.ledger.funds.FundKind;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.funds.NewFund;
import io.jinchuang.ledger.funds.NewPartner;
import io.jinchuang.ledger.funds.PartnerRole;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The demo ledger that {@code scripts/run} starts with: the 晋创谷 guidance fund, a seed
 * fund and an angel fund managed by "Demo Capital", their partners, a dozen projects with
 * investments, monitoring reports, valuations and exits (some failed), and a distribution.
 * Posted once, through the same use cases as the HTTP API.
 */
public final class DemoData {
    public static final String GUIDANCE = "JCG-GUIDANCE";
    public static final String SEED = "JCG-SEED-1";
    public static final String ANGEL = "JCG-ANGEL-1";
    private static final Actor ACTOR = Actor.system("demo-seed");

    private DemoData() {}

    /** @return whether it seeded anything (false when the demo funds already exist) */
    public static boolean seedOnce(Ledger ledger) {
        if (ledger.db.read(dsl -> Funds.find(dsl, GUIDANCE)) != null) {
            return false;
        }
        ledger.db.write(tx -> {
            ledger.funds.open(tx, new NewFund(GUIDANCE, "Jinchuang Valley Guidance Fund", "晋创谷政府引导基金",
                    FundKind.GUIDANCE, "Shanxi Guidance Fund Management", LocalDate.of(2021, 1, 1), null), ACTOR);
            ledger.funds.admit(tx, GUIDANCE, new NewPartner("SX-FINANCE", "Shanxi Provincial Department of Finance",
                    PartnerRole.LP, yuan("500000000")), ACTOR);
            ledger.deals.capitalCall(tx, GUIDANCE, call("2021-01-15", "SX-FINANCE", "200000000"), ACTOR);
            openSubFund(ledger, tx, SEED, "Jinchuang Seed Fund I", "晋创谷种子基金一期", FundKind.SEED);
            openSubFund(ledger, tx, ANGEL, "Jinchuang Angel Fund I", "晋创谷天使基金一期", FundKind.ANGEL);
            return null;
        });
        ledger.db.write(tx -> {
            projects(ledger, tx);
            return null;
        });
        return true;
    }

    private static void openSubFund(Ledger ledger, io.jinchuang.ledger.store.Tx tx, String code, String name,
                                    String nameZh, FundKind kind) {
        ledger.funds.open(tx, new NewFund(code, name, nameZh, kind, "Demo Capital", LocalDate.of(2021, 3, 1), null),
                ACTOR);
        ledger.funds.admit(tx, code, new NewPartner(GUIDANCE, "Jinchuang Valley Guidance Fund", PartnerRole.GUIDANCE,
                yuan("30000000")), ACTOR);
        ledger.funds.admit(tx, code, new NewPartner("DEMO-GP", "Demo Capital GP", PartnerRole.GP, yuan("1000000")),
                ACTOR);
        ledger.funds.admit(tx, code, new NewPartner("TAIYUAN-LP", "Taiyuan Industrial Investment", PartnerRole.LP,
                yuan("69000000")), ACTOR);
        ledger.deals.capitalCall(tx, code, new CapitalCall(LocalDate.of(2021, 4, 1), List.of(
                new CapitalCall.Contribution(GUIDANCE, yuan("30000000")),
                new CapitalCall.Contribution("DEMO-GP", yuan("1000000")),
                new CapitalCall.Contribution("TAIYUAN-LP", yuan("69000000")))), ACTOR);
    }

    /** name, sector, fund, invested, exit (null: held), proceeds, valuation */
    private record Project(String name, String sector, String fund, String invested, ExitType exit, String proceeds,
                           String valuation) {}

    private static final List<Project> PROJECTS = List.of(
            new Project("Taihang Quantum Sensors", "semiconductors", SEED, "6000000", ExitType.MERGER, "15000000", null),
            new Project("Fenhe Bio-Materials", "biotech", SEED, "8000000", ExitType.WRITE_OFF, "0", null),
            new Project("Jinzhong Smart Farming", "agritech", SEED, "5000000", ExitType.LIQUIDATION, "400000", null),
            new Project("Pingyao Heritage VR", "culture tech", SEED, "4000000", null, null, "2500000"),
            new Project("Datong Hydrogen Cells", "energy", SEED, "10000000", null, null, "16000000"),
            new Project("Yuncheng Drone Logistics", "logistics", SEED, "7000000", ExitType.SHARE_TRANSFER, "5500000", null),
            new Project("Lvliang Coal-Bed AI", "industrial AI", ANGEL, "9000000", ExitType.IPO, "36000000", null),
            new Project("Changzhi Battery Recycling", "circular economy", ANGEL, "6000000", ExitType.LIQUIDATION, "0", null),
            new Project("Xinzhou Med Devices", "medtech", ANGEL, "8000000", null, null, "8000000"),
            new Project("Linfen Textile Robotics", "robotics", ANGEL, "5000000", ExitType.BUYBACK, "5750000", null),
            new Project("Shuozhou Carbon Capture", "climate", ANGEL, "12000000", null, null, "9000000"),
            new Project("Yangquan Magnesium Alloys", "materials", ANGEL, "6500000", ExitType.WRITE_OFF, "0", null));

    private static void projects(Ledger ledger, io.jinchuang.ledger.store.Tx tx) {
        for (int i = 0; i < PROJECTS.size(); i++) {
            Project p = PROJECTS.get(i);
            String code = creditCode(i);
            ledger.companies.register(tx, code, p.name(), p.sector());
            LocalDate invested = LocalDate.of(2021, 5, 1).plusMonths(i);
            // two projects lack part of their diligence record, for the exemption report to find
            boolean missingDecision = i == 2;
            ledger.investments.invest(tx, p.fund(), new NewInvestment(code, invested, yuan(p.invested()), "A",
                    "DD-2021-" + (100 + i), missingDecision ? null : "IC-2021-" + (100 + i),
                    missingDecision ? null : invested.minusDays(10), i == 7), ACTOR);
            ledger.investments.monitor(tx, p.fund(), code, invested.plusMonths(6), "MR-" + code.substring(10) + "-1", ACTOR);
            ledger.investments.monitor(tx, p.fund(), code, invested.plusMonths(i == 1 ? 20 : 12),
                    "MR-" + code.substring(10) + "-2", ACTOR);
            if (p.valuation() != null) {
                ledger.investments.value(tx, p.fund(), code, LocalDate.of(2024, 12, 31), yuan(p.valuation()), ACTOR);
            }
            if (p.exit() != null) {
                ledger.investments.exit(tx, p.fund(), new NewExit(code, invested.plusMonths(30), p.exit(),
                        yuan(p.proceeds()), null), ACTOR);
            }
        }
        ledger.deals.distribute(tx, ANGEL, new NewDistribution(LocalDate.of(2025, 6, 30), yuan("20000000"), null),
                ACTOR);
    }

    /** A valid unified social credit code: 91 (enterprise), a Shanxi area code, a made-up body. */
    static String creditCode(int index) {
        String first17 = "9114" + String.format("%04d", 100 + index) + "MA0" + String.format("%06d", 4711 + index);
        return first17 + CreditCode.checkCharacter(first17);
    }

    private static CapitalCall call(String date, String partner, String amount) {
        return new CapitalCall(LocalDate.parse(date), List.of(new CapitalCall.Contribution(partner, yuan(amount))));
    }

    private static BigDecimal yuan(String amount) {
        return Money.parse(amount);
    }
}
