package io.jinchuang.ledger.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2's tie-break order on splits small enough to work by hand: the spare fen go to
 * the largest discarded remainder, then the larger weight, then the smaller key (string
 * order). Amounts in yuan; "exact" shares below are in fen.
 */
class LargestRemainderTest {
    /** Weights from alternating key, weight pairs, kept in the order given. */
    private static Map<String, BigDecimal> weights(String... keysAndWeights) {
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        for (int i = 0; i < keysAndWeights.length; i += 2) {
            weights.put(keysAndWeights[i], new BigDecimal(keysAndWeights[i + 1]));
        }
        return weights;
    }

    /** Asserts the parts as "key=amount" in the order of the weights, so scale and order both count. */
    private static void assertSplit(String whole, Map<String, BigDecimal> weights, String... expected) {
        Map<String, BigDecimal> parts = LargestRemainder.split(new BigDecimal(whole), weights);
        assertEquals(List.of(expected), parts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().toPlainString()).toList());
    }

    @Test
    void oneFenOverTwoEqualWeightsGoesToTheSmallerKey() {
        // 0.5 fen each: equal remainders, equal weights, so "A" < "B" decides; the order of the map stays
        assertSplit("0.01", weights("B", "1", "A", "1"), "B=0.00", "A=0.01");
    }

    @Test
    void twoFenOverThreeEqualWeightsGoToTheTwoSmallestKeys() {
        assertSplit("0.02", weights("C", "1", "B", "1", "A", "1"), "C=0.00", "B=0.01", "A=0.01");
    }

    @Test
    void keysCompareAsStringsNotByLength() {
        // "AB" < "B": string order, so "AB" gets the fen
        assertSplit("0.01", weights("B", "5", "AB", "5"), "B=0.00", "AB=0.01");
    }

    @Test
    void theLargerRemainderWinsOverTheLargerWeight() {
        // 4 fen by 3:2 → exact 2.4 and 1.6: B's remainder 0.6 beats A's larger weight
        assertSplit("0.04", weights("A", "3", "B", "2"), "A=0.02", "B=0.02");
    }

    @Test
    void onEqualRemaindersTheLargerWeightWinsOverTheSmallerKey() {
        // 2 fen by 1:3 → exact 0.5 and 1.5: remainders tie, B weighs more
        assertSplit("0.02", weights("A", "1", "B", "3"), "A=0.00", "B=0.02");
    }

    @Test
    void weightsEqualInValueAtDifferentScalesAreATieOnWeight() {
        // 1.5 and 1.50 weigh the same: the key decides
        assertSplit("0.01", weights("B", "1.5", "A", "1.50"), "B=0.00", "A=0.01");
    }

    @Test
    void weightsWithFenSplitExactly() {
        // 0.03 by 0.01:0.02 is exact: no fen left over
        assertSplit("0.03", weights("A", "0.01", "B", "0.02"), "A=0.01", "B=0.02");
    }

    @Test
    void aNegativeWholeIsTheNegationOfTheSplitOfItsMagnitude() {
        assertSplit("-0.01", weights("B", "1", "A", "1"), "B=0.00", "A=-0.01");
        assertSplit("-0.04", weights("A", "3", "B", "2"), "A=-0.02", "B=-0.02");
    }

    @Test
    void zeroWeightsGetNothing() {
        assertSplit("1.00", weights("A", "0", "B", "1", "C", "0"), "A=0.00", "B=1.00", "C=0.00");
        assertSplit("0.00", weights("A", "0", "B", "0"), "A=0.00", "B=0.00");
    }

    @Test
    void partsHaveScale2WhateverTheWholesScale() {
        assertSplit("5", weights("A", "1", "B", "1"), "A=2.50", "B=2.50");
    }

    @Test
    void theSpecsWorkedExampleSplitsTheRestAsItSays() {
        // SPEC §6: after G's 30,000,000 first loss, R = 30,000,000 by A 50,000,000 : B 20,000,000
        assertSplit("30000000.00", weights("A", "50000000.00", "B", "20000000.00"),
                "A=21428571.43", "B=8571428.57");
        // the largest remainder beats the larger weight at scale too: 50M by 50:20 → .714… and .285…
        assertSplit("50000000.00", weights("A", "50000000.00", "B", "20000000.00"),
                "A=35714285.71", "B=14285714.29");
    }

    @Test
    void aNonZeroWholeWithNoWeightIsAProgrammerError() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> LargestRemainder.split(new BigDecimal("0.01"), weights("A", "0", "B", "0")));
        assertEquals("invariant broken: a non-zero whole needs a positive weight", e.getMessage());
    }

    @Test
    void aNegativeWeightIsAProgrammerError() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> LargestRemainder.split(new BigDecimal("1.00"), weights("A", "2", "B", "-1")));
        assertEquals("invariant broken: split weights are never negative", e.getMessage());
    }
}
