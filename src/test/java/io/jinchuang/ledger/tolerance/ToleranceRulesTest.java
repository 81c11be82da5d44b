package io.jinchuang.ledger.tolerance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §4 edge cases: inclusive limits, exact comparison, partial exits, each basis. */
class ToleranceRulesTest {
    private static final BigDecimal THRESHOLD = new BigDecimal("0.80");
    private static final BigDecimal COST = Money.of("10000000");

    // ---- the fund-level figures ----

    @Test
    void eightOfTenFailedIsWithinTheThresholdButAboveTheWarningRate() {
        ToleranceResult result = evaluate(fund(8, 10));

        // 0.80 is not above the 0.80 threshold (inclusive), but it is above the 0.70 warning rate
        assertEquals(ToleranceStatus.WARNING, result.status());
        assertEquals("0.8000", result.failureRateText());
        assertEquals(0, result.headroom());
    }

    @Test
    void nineOfTenFailedIsABreach() {
        ToleranceResult result = evaluate(fund(9, 10));

        assertEquals(ToleranceStatus.BREACH, result.status());
        assertEquals("0.9000", result.failureRateText());
        assertEquals(0, result.headroom());
    }

    @Test
    void sevenOfTenFailedIsWithinBecauseTheWarningRateIsInclusiveToo() {
        ToleranceResult result = evaluate(fund(7, 10));

        assertEquals(ToleranceStatus.WITHIN, result.status());
        assertEquals("0.7000", result.failureRateText());
        assertEquals(1, result.headroom());
    }

    @Test
    void aRateThatPrintsAsTheThresholdButIsAboveItIsABreach() {
        // 8001 ÷ 10001 = 0.80001…, printed "0.8000": the comparison must use the exact value
        ToleranceResult result = evaluate(fund(8001, 10001));

        assertEquals("0.8000", result.failureRateText());
        assertEquals(ToleranceStatus.BREACH, result.status());
        assertEquals(0, result.headroom());
    }

    @Test
    void noProjectsIsWithinWithRateZero() {
        ToleranceResult result = evaluate(List.of());

        assertEquals(ToleranceStatus.WITHIN, result.status());
        assertEquals(0, result.projects());
        assertEquals(0, result.failedProjects());
        assertEquals(0, result.failureRate().signum());
        assertEquals("0.0000", result.failureRateText());
        assertEquals(0, result.headroom());
        assertEquals(0, result.lossRateByAmount().signum());
        assertTrue(result.failed().isEmpty());
    }

    @Test
    void headroomFloorsThresholdTimesProjects() {
        // floor(0.80 × 7) = floor(5.6) = 5 tolerated failures
        assertEquals(5, evaluate(fund(0, 7)).headroom());
        assertEquals(3, evaluate(fund(2, 7)).headroom());
        assertEquals(0, evaluate(fund(5, 7)).headroom());
    }

    @Test
    void headroomIsNeverNegative() {
        ToleranceResult result = evaluate(fund(6, 7));

        assertEquals(ToleranceStatus.BREACH, result.status());
        assertEquals(0, result.headroom());
    }

    @Test
    void failedListKeepsInputOrderAndLossRateIsByAmount() {
        ProjectFacts lossA = exited("A", COST, "SHARE_TRANSFER", Money.of("4000000"));
        ProjectFacts gain = exited("B", COST, "IPO", Money.of("30000000"));
        ProjectFacts lossC = exited("C", COST, "WRITE_OFF", Money.ZERO);

        ToleranceResult result = evaluate(List.of(lossA, gain, lossC));

        assertEquals(List.of(lossA, lossC), result.failed());
        // (6,000,000 + 10,000,000) ÷ 30,000,000 = 0.5333…
        assertEquals("0.5333", result.lossRateByAmountText());
        assertEquals("0.6667", result.failureRateText());
    }

    @Test
    void failedListIsACopy() {
        List<ProjectFacts> input = new ArrayList<>(fund(1, 2));
        ToleranceResult result = evaluate(input);
        input.clear();

        assertEquals(1, result.failed().size());
    }

    // ---- one project's failure, by basis ----

    @Test
    void partialExitLeavingCostIsNotFailedAndTheClosingExitAtALossIs() {
        // first exit: 10,000,000 cost, 4,000,000 released for 3,000,000 — 6,000,000 still held
        ProjectFacts afterFirst = new ProjectFacts("X", "X", COST, Money.of("6000000"),
                Money.of("3000000"), "SHARE_TRANSFER", null);
        // second exit closes it: 2,000,000 more, 5,000,000 in all against 10,000,000
        ProjectFacts afterSecond = new ProjectFacts("X", "X", COST, Money.ZERO,
                Money.of("5000000"), "BUYBACK", null);

        assertEquals(ProjectState.HELD, FailureRule.state(FailureBasis.REALIZED_LOSS, afterFirst));
        assertEquals(ProjectState.FAILED, FailureRule.state(FailureBasis.REALIZED_LOSS, afterSecond));
        assertEquals("0.5000", evaluate(List.of(afterSecond)).lossRateByAmountText());
    }

    @Test
    void fullExitAtAGainIsExited() {
        ProjectFacts p = exited("X", COST, "IPO", Money.of("25000000"));

        for (FailureBasis basis : FailureBasis.values()) {
            assertEquals(ProjectState.EXITED, FailureRule.state(basis, p), basis.name());
        }
    }

    @Test
    void fullExitAtExactlyCostIsNotALoss() {
        assertEquals(ProjectState.EXITED,
                FailureRule.state(FailureBasis.REALIZED_LOSS, exited("X", COST, "BUYBACK", COST)));
    }

    @Test
    void liquidationClosingTheProjectAlwaysCountsEvenAtCost() {
        ProjectFacts p = exited("X", COST, "LIQUIDATION", COST);

        assertTrue(FailureRule.failed(FailureBasis.REALIZED_LOSS, p));
        assertTrue(FailureRule.failed(FailureBasis.WRITTEN_OFF, p));
        assertTrue(FailureRule.failed(FailureBasis.IMPAIRED, p));
    }

    @Test
    void writtenOffIgnoresAShareTransferAtALoss() {
        ProjectFacts p = exited("X", COST, "SHARE_TRANSFER", Money.of("1000000"));

        assertFalse(FailureRule.failed(FailureBasis.WRITTEN_OFF, p));
        assertEquals(ProjectState.EXITED, FailureRule.state(FailureBasis.WRITTEN_OFF, p));
        assertTrue(FailureRule.failed(FailureBasis.REALIZED_LOSS, p));
    }

    @Test
    void writtenOffNeedsTheLiquidationToLeaveNoCost() {
        ProjectFacts partlyLiquidated = new ProjectFacts("X", "X", COST, Money.of("5000000"),
                Money.ZERO, "LIQUIDATION", null);

        assertFalse(FailureRule.failed(FailureBasis.WRITTEN_OFF, partlyLiquidated));
        assertEquals(ProjectState.HELD, FailureRule.state(FailureBasis.WRITTEN_OFF, partlyLiquidated));
    }

    @Test
    void impairedCountsAHeldProjectValuedBelowItsRemainingCost() {
        ProjectFacts below = held("X", COST, Money.of("9999999.99"));

        assertTrue(FailureRule.failed(FailureBasis.IMPAIRED, below));
        assertEquals(ProjectState.FAILED, FailureRule.state(FailureBasis.IMPAIRED, below));
        assertEquals(ProjectState.HELD, FailureRule.state(FailureBasis.REALIZED_LOSS, below));
        assertEquals(ProjectState.HELD, FailureRule.state(FailureBasis.WRITTEN_OFF, below));
    }

    @Test
    void impairedComparesWithRemainingCostNotTotalCost() {
        // 4,000,000 released at cost; the 6,000,000 left is valued at 7,000,000 — below total cost, not impaired
        ProjectFacts p = new ProjectFacts("X", "X", COST, Money.of("6000000"),
                Money.of("4000000"), "SHARE_TRANSFER", Money.of("7000000"));

        assertFalse(FailureRule.failed(FailureBasis.IMPAIRED, p));
    }

    @Test
    void impairedIgnoresAValuationAtCostAndAProjectNeverValued() {
        assertFalse(FailureRule.failed(FailureBasis.IMPAIRED, held("X", COST, COST)));
        assertFalse(FailureRule.failed(FailureBasis.IMPAIRED, held("X", COST, null)));
    }

    @Test
    void impairedHeldProjectLossIsCostMinusProceeds() {
        // the documented choice: cost − proceeds (10,000,000), not remaining cost − fair value (7,000,000)
        ProjectFacts p = held("X", COST, Money.of("3000000"));
        ToleranceSettings impaired = new ToleranceSettings(FailureBasis.IMPAIRED, new BigDecimal("0.70"));

        ToleranceResult result = ToleranceCalculator.evaluate(List.of(p), THRESHOLD, impaired);

        assertEquals("1.0000", result.lossRateByAmountText());
    }

    // ---- helpers ----

    private static ToleranceResult evaluate(List<ProjectFacts> projects) {
        return ToleranceCalculator.evaluate(projects, THRESHOLD, ToleranceSettings.DEFAULTS);
    }

    /** {@code projects} projects of COST each, the first {@code failed} written off, the rest held. */
    private static List<ProjectFacts> fund(int failed, int projects) {
        List<ProjectFacts> all = new ArrayList<>();
        for (int i = 0; i < projects; i++) {
            String code = "P" + i;
            all.add(i < failed ? exited(code, COST, "WRITE_OFF", Money.ZERO) : held(code, COST, null));
        }
        return all;
    }

    private static ProjectFacts exited(String code, BigDecimal cost, String type, BigDecimal proceeds) {
        return new ProjectFacts(code, code, cost, Money.ZERO, proceeds, type, null);
    }

    private static ProjectFacts held(String code, BigDecimal cost, BigDecimal fairValue) {
        return new ProjectFacts(code, code, cost, cost, Money.ZERO, null, fairValue);
    }
}
