package io.jinchuang.ledger.firstloss;

import static io.jinchuang.ledger.firstloss.SettlementVectorsTest.assertFen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.firstloss.SettlementRefused.Reason;
import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §6 cases worked by hand, beyond the public vectors. Amounts in yuan. */
class SettlementCasesTest {
    private static final SettlementTerms NO_CLAWBACK = new SettlementTerms(BigDecimal.ONE, false);
    private static final SettlementTerms HALF_CAP = new SettlementTerms(new BigDecimal("0.5"), true);

    private static PartnerStake guidance(String paidIn, String distributed) {
        return new PartnerStake("G", PartnerStake.GUIDANCE, Money.of(paidIn), Money.of(distributed));
    }

    private static PartnerStake lp(String code, String paidIn, String distributed) {
        return new PartnerStake(code, "LP", Money.of(paidIn), Money.of(distributed));
    }

    /** G 30M, A 50M, B 20M with no interim distributions: the SPEC's own fund. */
    private static List<PartnerStake> specFund() {
        return List.of(guidance("30000000", "0"), lp("A", "50000000", "0"), lp("B", "20000000", "0"));
    }

    private static Settlement settle(List<PartnerStake> partners, String net, String approved, SettlementTerms t) {
        return FirstLossCalculator.settle(partners, Money.of(net), approved == null ? null : Money.of(approved), t);
    }

    private static void assertLine(Settlement s, String code, String lossBorne, String entitlement, String cash) {
        PartnerSettlement line = s.partner(code);
        assertFen(lossBorne, line.lossBorne(), code + " lossBorne");
        assertFen(entitlement, line.entitlement(), code + " entitlement");
        assertFen(cash, line.finalCash(), code + " finalCash");
    }

    private static void assertHeader(Settlement s, String loss, String cap, String firstLoss) {
        assertFen(loss, s.loss(), "loss");
        assertFen(cap, s.cap(), "cap");
        assertFen(firstLoss, s.guidanceFirstLoss(), "guidanceFirstLoss");
    }

    @Test
    void noLossSplitsTheGainProRataToPaidIn() {
        Settlement s = settle(specFund(), "120000000", null, SettlementTerms.DEFAULTS);
        assertHeader(s, "0.00", "30000000.00", "0.00");
        assertLine(s, "G", "0.00", "36000000.00", "36000000.00");
        assertLine(s, "A", "0.00", "60000000.00", "60000000.00");
        assertLine(s, "B", "0.00", "24000000.00", "24000000.00");
        assertFalse(s.noBeneficiary());
    }

    @Test
    void lossBelowCapFallsOnTheGuidanceFundAlone() {
        Settlement s = settle(specFund(), "90000000", null, SettlementTerms.DEFAULTS);
        assertHeader(s, "10000000.00", "30000000.00", "10000000.00");
        assertLine(s, "G", "10000000.00", "20000000.00", "20000000.00");
        assertLine(s, "A", "0.00", "50000000.00", "50000000.00");
        assertLine(s, "B", "0.00", "20000000.00", "20000000.00");
    }

    @Test
    void lossAboveCapIsSharedByTheOthersOnceTheGuidanceFundIsSpent() {
        Settlement s = settle(specFund(), "20000000", null, SettlementTerms.DEFAULTS);
        assertHeader(s, "80000000.00", "30000000.00", "30000000.00");
        // R = 50M by 50:20 → 35714285.714… and 14285714.285…; the spare fen goes to B's larger remainder
        assertLine(s, "G", "30000000.00", "0.00", "0.00");
        assertLine(s, "A", "35714285.71", "14285714.29", "14285714.29");
        assertLine(s, "B", "14285714.29", "5714285.71", "5714285.71");
    }

    @Test
    void halfCapLeavesTheGuidanceFundSharingOnWhatItHasLeftAtRisk() {
        Settlement s = settle(specFund(), "40000000", null, HALF_CAP);
        assertHeader(s, "60000000.00", "15000000.00", "15000000.00");
        // R = 45M by G 15M, A 50M, B 20M (of 85M)
        assertLine(s, "G", "22941176.47", "7058823.53", "7058823.53");
        assertLine(s, "A", "26470588.24", "23529411.76", "23529411.76");
        assertLine(s, "B", "10588235.29", "9411764.71", "9411764.71");
    }

    @Test
    void capIsRoundedHalfEvenToTheFen() {
        List<PartnerStake> twentyFiveHalfFen = List.of(guidance("0.05", "0"), lp("A", "0.05", "0"));
        assertFen("0.02", settle(twentyFiveHalfFen, "0", null, HALF_CAP).cap(), "0.5 × 0.05 = 0.025 → 0.02");
        List<PartnerStake> thirtyFiveHalfFen = List.of(guidance("0.07", "0"), lp("A", "0.07", "0"));
        assertFen("0.04", settle(thirtyFiveHalfFen, "0", null, HALF_CAP).cap(), "0.5 × 0.07 = 0.035 → 0.04");
    }

    @Test
    void approvedAmountBelowCapLimitsTheFirstLoss() {
        Settlement s = settle(specFund(), "40000000", "10000000", SettlementTerms.DEFAULTS);
        assertHeader(s, "60000000.00", "30000000.00", "10000000.00");
        // R = 50M by G 20M, A 50M, B 20M (of 90M); G and B tie on remainder, A's is larger
        assertLine(s, "G", "21111111.11", "8888888.89", "8888888.89");
        assertLine(s, "A", "27777777.78", "22222222.22", "22222222.22");
        assertLine(s, "B", "11111111.11", "8888888.89", "8888888.89");
    }

    @Test
    void approvedAmountZeroMeansAPlainProRataSplit() {
        Settlement s = settle(specFund(), "40000000", "0", SettlementTerms.DEFAULTS);
        assertHeader(s, "60000000.00", "30000000.00", "0.00");
        assertLine(s, "G", "18000000.00", "12000000.00", "12000000.00");
        assertLine(s, "A", "30000000.00", "20000000.00", "20000000.00");
        assertLine(s, "B", "12000000.00", "8000000.00", "8000000.00");
    }

    @Test
    void approvedAmountAboveCapIsNotRefusedTheCapApplies() {
        Settlement s = settle(specFund(), "40000000", "100000000", SettlementTerms.DEFAULTS);
        assertHeader(s, "60000000.00", "30000000.00", "30000000.00");
        assertLine(s, "A", "21428571.43", "28571428.57", "28571428.57");
    }

    /** G 20M got 8M early, A 60M got 12M, B 20M got 4M; N = 16M: L = 60M, L_g = 20M. */
    private static List<PartnerStake> interimFund() {
        return List.of(guidance("20000000", "8000000"), lp("A", "60000000", "12000000"), lp("B", "20000000", "4000000"));
    }

    @Test
    void interimDistributionsWithClawbackTheGuidanceFundPaysBack() {
        Settlement s = settle(interimFund(), "16000000", null, SettlementTerms.DEFAULTS);
        assertHeader(s, "60000000.00", "20000000.00", "20000000.00");
        assertFen("24000000.00", s.distributedBefore(), "Σ D_i");
        assertLine(s, "G", "20000000.00", "0.00", "-8000000.00");
        assertLine(s, "A", "30000000.00", "30000000.00", "18000000.00");
        assertLine(s, "B", "10000000.00", "10000000.00", "6000000.00");
    }

    @Test
    void interimDistributionsWithoutClawbackTheOthersCarryTheShortfall() {
        Settlement s = settle(interimFund(), "16000000", null, NO_CLAWBACK);
        assertHeader(s, "60000000.00", "20000000.00", "20000000.00");
        // the 8M shortfall is taken 60:20 from A and B; loss borne and entitlement do not change
        assertLine(s, "G", "20000000.00", "0.00", "0.00");
        assertLine(s, "A", "30000000.00", "30000000.00", "12000000.00");
        assertLine(s, "B", "10000000.00", "10000000.00", "4000000.00");
    }

    @Test
    void withoutClawbackNothingChangesWhenTheGuidanceFundIsNotOverpaid() {
        List<PartnerStake> partners = List.of(guidance("30000000", "1000000"), lp("A", "50000000", "1000000"),
                lp("B", "20000000", "1000000"));
        Settlement with = settle(partners, "80000000", null, SettlementTerms.DEFAULTS);
        assertLine(with, "G", "17000000.00", "13000000.00", "12000000.00");
        assertEquals(with, settle(partners, "80000000", null, NO_CLAWBACK));
    }

    @Test
    void aGainStillClawsBackAnOverpaidGuidanceFund() {
        List<PartnerStake> partners = List.of(guidance("10000000", "15000000"), lp("A", "10000000", "0"));
        Settlement with = settle(partners, "10000000", null, SettlementTerms.DEFAULTS);
        assertHeader(with, "0.00", "10000000.00", "0.00");
        assertLine(with, "G", "0.00", "12500000.00", "-2500000.00");
        assertLine(with, "A", "0.00", "12500000.00", "12500000.00");
        Settlement without = settle(partners, "10000000", null, NO_CLAWBACK);
        assertLine(without, "G", "0.00", "12500000.00", "0.00");
        assertLine(without, "A", "0.00", "12500000.00", "10000000.00");
    }

    @Test
    void guidancePlusAOnePercentGpHasABeneficiary() {
        List<PartnerStake> partners = List.of(guidance("99000000", "0"),
                new PartnerStake("GP", "GP", Money.of("1000000"), Money.ZERO));
        Settlement s = settle(partners, "50000000", null, SettlementTerms.DEFAULTS);
        assertFalse(s.noBeneficiary());
        assertHeader(s, "50000000.00", "99000000.00", "50000000.00");
        assertLine(s, "G", "50000000.00", "49000000.00", "49000000.00");
        assertLine(s, "GP", "0.00", "1000000.00", "1000000.00");
        assertEquals("GP", s.partner("GP").role());
    }

    @Test
    void guidanceAloneHasNoBeneficiaryAndBearsEverythingWhateverTheCap() {
        List<PartnerStake> partners = List.of(guidance("10000000", "0"));
        Settlement s = settle(partners, "3000000", null, HALF_CAP);
        assertTrue(s.noBeneficiary());
        assertHeader(s, "7000000.00", "5000000.00", "5000000.00");
        assertLine(s, "G", "7000000.00", "3000000.00", "3000000.00");
    }

    @Test
    void othersWithNothingPaidInAreNoBeneficiaries() {
        List<PartnerStake> partners = List.of(guidance("10000000", "0"), lp("A", "0", "0"));
        Settlement s = settle(partners, "3000000", null, SettlementTerms.DEFAULTS);
        assertTrue(s.noBeneficiary());
        assertLine(s, "A", "0.00", "0.00", "0.00");
    }

    @Test
    void threeOthersThatDoNotDivideEvenlyKeepTheirOrderAndTieBreakByCode() {
        List<PartnerStake> partners = List.of(lp("C", "1000000", "0"), guidance("10000000", "0"),
                lp("A", "1000000", "0"), lp("B", "1000000", "0"));
        Settlement s = settle(partners, "2000000", null, SettlementTerms.DEFAULTS);
        assertHeader(s, "11000000.00", "10000000.00", "10000000.00");
        assertEquals(List.of("C", "G", "A", "B"), s.partners().stream().map(PartnerSettlement::partnerCode).toList());
        // R = 1M in three equal thirds: the spare fen goes to the smallest code, A
        assertLine(s, "A", "333333.34", "666666.66", "666666.66");
        assertLine(s, "B", "333333.33", "666666.67", "666666.67");
        assertLine(s, "C", "333333.33", "666666.67", "666666.67");
        assertLine(s, "G", "10000000.00", "0.00", "0.00");
    }

    @Test
    void nothingPaidInAndNothingToPayIsAllZero() {
        List<PartnerStake> partners = List.of(guidance("0", "0"), lp("A", "0", "0"));
        Settlement s = settle(partners, "0", null, SettlementTerms.DEFAULTS);
        assertTrue(s.noBeneficiary());
        assertHeader(s, "0.00", "0.00", "0.00");
        assertLine(s, "G", "0.00", "0.00", "0.00");
        assertLine(s, "A", "0.00", "0.00", "0.00");
    }

    @Test
    void proceedsWithNothingPaidInAreRefused() {
        List<PartnerStake> partners = List.of(guidance("0", "0"), lp("A", "0", "0"));
        SettlementRefused refused = assertThrows(SettlementRefused.class,
                () -> settle(partners, "1.00", null, SettlementTerms.DEFAULTS));
        assertEquals(Reason.NOTHING_PAID_IN, refused.reason());
    }

    @Test
    void negativeNetProceedsAreRefusedBeforeAnythingElse() {
        SettlementRefused refused = assertThrows(SettlementRefused.class,
                () -> settle(specFund(), "-0.01", "-1", SettlementTerms.DEFAULTS));
        assertEquals(Reason.NEGATIVE_NET_PROCEEDS, refused.reason());
        assertEquals("netProceeds", refused.reason().field());
        assertEquals("netProceeds must not be negative, was -0.01", refused.getMessage());
    }

    @Test
    void aNegativeApprovedAmountIsRefused() {
        SettlementRefused refused = assertThrows(SettlementRefused.class,
                () -> settle(specFund(), "40000000", "-0.01", SettlementTerms.DEFAULTS));
        assertEquals(Reason.NEGATIVE_APPROVED_AMOUNT, refused.reason());
        assertEquals("approvedAmount", refused.reason().field());
        assertEquals("approvedAmount must not be negative, was -0.01", refused.getMessage());
    }

    @Test
    void withoutClawbackAnOtherPartnerWhoWouldPayBackIsRefused() {
        // L = 35M all on G; F = G −30M, A 25M, B 5M; without clawback A and B lose 15M each: B −10M
        List<PartnerStake> partners = List.of(guidance("50000000", "45000000"), lp("A", "25000000", "0"),
                lp("B", "25000000", "20000000"));
        assertLine(settle(partners, "0", null, SettlementTerms.DEFAULTS), "G", "35000000.00", "15000000.00",
                "-30000000.00");
        SettlementRefused refused = assertThrows(SettlementRefused.class,
                () -> settle(partners, "0", null, NO_CLAWBACK));
        assertEquals(Reason.PARTNER_WOULD_PAY_BACK, refused.reason());
        assertEquals("only the guidance fund pays back at liquidation, but partner B would have to pay back "
                + "10000000.00 (entitlement 25000000.00, interim distributions 20000000.00, share of the "
                + "guidance fund's shortfall 15000000.00)", refused.getMessage());
    }

    @Test
    void anOtherPartnerOverpaidByInterimDistributionsIsRefusedEvenWithClawback() {
        List<PartnerStake> partners = List.of(guidance("30000000", "0"), lp("A", "70000000", "65000000"));
        SettlementRefused refused = assertThrows(SettlementRefused.class,
                () -> settle(partners, "0", null, HALF_CAP));
        assertEquals(Reason.PARTNER_WOULD_PAY_BACK, refused.reason());
        assertTrue(refused.getMessage().contains("partner A would have to pay back"), refused.getMessage());
    }

    @Test
    void aPartnerWithNothingPaidInWhoReceivedADistributionIsRefused() {
        List<PartnerStake> partners = List.of(guidance("10000000", "0"), lp("Z", "0", "1000000"));
        SettlementRefused refused = assertThrows(SettlementRefused.class,
                () -> settle(partners, "9000000", null, SettlementTerms.DEFAULTS));
        assertEquals(Reason.PARTNER_WOULD_PAY_BACK, refused.reason());
    }

    @Test
    void capRatioOutsideZeroToOneIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new SettlementTerms(new BigDecimal("1.0001"), true));
        assertThrows(IllegalArgumentException.class, () -> new SettlementTerms(new BigDecimal("-0.0001"), true));
        assertEquals(0, new SettlementTerms(BigDecimal.ZERO, true).capRatio().signum());
    }

    @Test
    void exactlyOneGuidancePartnerIsTheCallersDuty() {
        List<PartnerStake> none = List.of(lp("A", "1", "0"));
        assertThrows(AssertionError.class, () -> settle(none, "0", null, SettlementTerms.DEFAULTS));
        List<PartnerStake> two = List.of(guidance("1", "0"),
                new PartnerStake("H", PartnerStake.GUIDANCE, Money.of("1"), Money.ZERO));
        assertThrows(AssertionError.class, () -> settle(two, "0", null, SettlementTerms.DEFAULTS));
    }

    @Test
    void amountsComeBackAtScaleTwo() {
        List<PartnerStake> partners = List.of(new PartnerStake("G", PartnerStake.GUIDANCE, new BigDecimal("3"),
                new BigDecimal("0")), new PartnerStake("A", "LP", new BigDecimal("1.5"), BigDecimal.ZERO));
        Settlement s = FirstLossCalculator.settle(partners, new BigDecimal("2"), new BigDecimal("1"),
                SettlementTerms.DEFAULTS);
        assertHeader(s, "2.50", "3.00", "1.00");
        assertFen("4.50", s.paidIn(), "paidIn");
        assertFen("2.00", s.netProceeds(), "netProceeds");
        // R = 1.50 by G 2.00, A 1.50
        assertLine(s, "G", "1.86", "1.14", "1.14");
        assertLine(s, "A", "0.64", "0.86", "0.86");
    }
}
