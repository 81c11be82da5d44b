package io.jinchuang.ledger.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.money.Cases.Case;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2's largest-remainder rule over random splits: wholes from 0 to 10^15 fen and
 * their negatives, 1 to 12 weights (zeros, ties, integers, 2 fraction digits, the same
 * value written at different scales), keys of 1 to 3 letters in random order. Each
 * property runs {@value #CASES} cases from a fixed seed (see {@link Cases}). The
 * tie-break order is pinned on hand-made examples in {@link LargestRemainderTest}.
 */
class LargestRemainderProperties {
    private static final int CASES = 2_000;
    private static final long WHOLE_FEN_MAX = 1_000_000_000_000_000L;
    private static final BigDecimal FEN = new BigDecimal("0.01");

    @Test
    void partsSumExactlyToTheWholeInTheWeightsOrderAtScale2() {
        Cases.run(0x1A7E01L, CASES, c -> {
            BigDecimal whole = c.input("whole", whole(c));
            Map<String, BigDecimal> weights = c.input("weights", weights(c, whole));
            Map<String, BigDecimal> parts = LargestRemainder.split(whole, weights);
            assertEquals(List.copyOf(weights.keySet()), List.copyOf(parts.keySet()), "the weights' keys, in order");
            BigDecimal sum = BigDecimal.ZERO;
            for (BigDecimal part : parts.values()) {
                assertEquals(Money.SCALE, part.scale(), "every part has scale 2: " + part);
                sum = sum.add(part);
            }
            assertEquals(0, sum.compareTo(whole), "Σ parts = whole, parts " + parts);
        });
    }

    /** |part − whole × w / Σw| < 1 fen, checked without division: |part × Σw − whole × w| < 0.01 × Σw. */
    @Test
    void everyPartIsWithinOneFenOfItsExactShare() {
        Cases.run(0x1A7E02L, CASES, c -> {
            BigDecimal whole = c.input("whole", whole(c));
            Map<String, BigDecimal> weights = c.input("weights", weights(c, whole));
            Map<String, BigDecimal> parts = LargestRemainder.split(whole, weights);
            BigDecimal weightTotal = total(weights);
            for (String key : weights.keySet()) {
                BigDecimal part = parts.get(key);
                if (weightTotal.signum() == 0) {
                    assertEquals(0, part.signum(), key + ": with no weight at all every part is 0");
                    continue;
                }
                BigDecimal off = part.multiply(weightTotal).subtract(whole.multiply(weights.get(key))).abs();
                assertTrue(off.compareTo(FEN.multiply(weightTotal)) < 0,
                        key + " gets " + part + ", exact share " + whole + " × " + weights.get(key) + " / "
                                + weightTotal + " is a fen or more away");
            }
        });
    }

    /**
     * For a whole ≥ 0 each part is floor(exact share) or one fen more, never less; a negative
     * whole is split as the negation of the split of its magnitude (so its parts are the
     * ceiling of their exact share or one fen less).
     */
    @Test
    void noPartIsBelowTheFloorOfItsExactShare() {
        Cases.run(0x1A7E03L, CASES, c -> {
            BigDecimal whole = c.input("whole", whole(c));
            Map<String, BigDecimal> weights = c.input("weights", weights(c, whole));
            Map<String, BigDecimal> parts = LargestRemainder.split(whole, weights);
            if (whole.signum() < 0) {
                Map<String, BigDecimal> ofMagnitude = LargestRemainder.split(whole.negate(), weights);
                for (String key : weights.keySet()) {
                    assertEquals(ofMagnitude.get(key).negate(), parts.get(key),
                            key + ": a negative whole splits as the negation of its magnitude's split");
                }
                return;
            }
            BigInteger wholeFen = fen(whole);
            BigInteger weightTotal = hundredths(total(weights));
            for (String key : weights.keySet()) {
                BigInteger floor = weightTotal.signum() == 0 ? BigInteger.ZERO
                        : wholeFen.multiply(hundredths(weights.get(key))).divide(weightTotal);
                BigInteger part = fen(parts.get(key));
                assertTrue(part.compareTo(floor) >= 0,
                        key + " gets " + part + " fen, below the floor of its exact share, " + floor + " fen");
                assertTrue(part.compareTo(floor.add(BigInteger.ONE)) <= 0,
                        key + " gets " + part + " fen, more than one fen above its floor, " + floor + " fen");
            }
        });
    }

    @Test
    void equalWeightsGetPartsDifferingByAtMostOneFen() {
        Map<String, Integer> labels = Cases.run(0x1A7E04L, CASES, c -> {
            BigDecimal whole = c.input("whole", whole(c));
            // half the cases have all weights equal, the others random ones, often with ties
            Map<String, BigDecimal> weights = c.input("weights", c.percent(50) ? equalWeights(c) : weights(c, whole));
            if (total(weights).signum() == 0) {
                whole = c.input("whole (all weights 0)", Money.ZERO);
            }
            Map<String, BigDecimal> parts = LargestRemainder.split(whole, weights);
            List<String> keys = List.copyOf(weights.keySet());
            for (int i = 0; i < keys.size(); i++) {
                for (int j = i + 1; j < keys.size(); j++) {
                    String a = keys.get(i);
                    String b = keys.get(j);
                    if (weights.get(a).compareTo(weights.get(b)) == 0) {
                        c.label("equal weights");
                        BigDecimal apart = parts.get(a).subtract(parts.get(b)).abs();
                        assertTrue(apart.compareTo(FEN) <= 0, a + " and " + b + " weigh the same, yet get "
                                + parts.get(a) + " and " + parts.get(b));
                    }
                }
            }
        });
        assertTrue(labels.getOrDefault("equal weights", 0) >= CASES / 2, "too few cases with equal weights: " + labels);
    }

    /** Not asked by the SPEC in words, but implied by the rule: a larger weight never gets a smaller part. */
    @Test
    void aLargerWeightNeverGetsASmallerPart() {
        Cases.run(0x1A7E05L, CASES, c -> {
            BigDecimal whole = c.input("whole", whole(c));
            Map<String, BigDecimal> weights = c.input("weights", weights(c, whole));
            Map<String, BigDecimal> parts = LargestRemainder.split(whole, weights);
            for (String a : weights.keySet()) {
                for (String b : weights.keySet()) {
                    if (weights.get(a).compareTo(weights.get(b)) > 0) {
                        assertTrue(parts.get(a).abs().compareTo(parts.get(b).abs()) >= 0, a + " weighs more than "
                                + b + ", yet gets " + parts.get(a) + " against " + parts.get(b));
                    }
                }
            }
        });
    }

    /**
     * The whole rule, tie-breaks included, against a model in whole numbers (fen × hundredths of
     * a weight, BigInteger), written from SPEC §2 rather than from the code.
     */
    @Test
    void partsMatchAModelOfTheRuleInWholeNumbers() {
        Cases.run(0x1A7E06L, CASES, c -> {
            BigDecimal whole = c.input("whole", whole(c));
            Map<String, BigDecimal> weights = c.input("weights", weights(c, whole));
            Map<String, BigDecimal> parts = LargestRemainder.split(whole, weights);
            Map<String, BigDecimal> model = model(whole, weights);
            assertEquals(model, parts, "the model's parts, then the product's");
        });
    }

    // ---------------------------------------------------------------- the model

    private record ModelShare(String key, BigInteger weight, BigInteger floor, BigInteger remainder) {}

    static Map<String, BigDecimal> model(BigDecimal whole, Map<String, BigDecimal> weights) {
        BigInteger magnitude = fen(whole.abs());
        BigInteger weightTotal = hundredths(total(weights));
        List<ModelShare> shares = new ArrayList<>();
        BigInteger given = BigInteger.ZERO;
        for (Map.Entry<String, BigDecimal> e : weights.entrySet()) {
            BigInteger w = hundredths(e.getValue());
            BigInteger[] qr = weightTotal.signum() == 0 ? new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO}
                    : magnitude.multiply(w).divideAndRemainder(weightTotal);
            shares.add(new ModelShare(e.getKey(), w, qr[0], qr[1]));
            given = given.add(qr[0]);
        }
        List<ModelShare> order = new ArrayList<>(shares);
        order.sort(Comparator.comparing(ModelShare::remainder, Comparator.reverseOrder())
                .thenComparing(ModelShare::weight, Comparator.reverseOrder())
                .thenComparing(ModelShare::key));
        Set<String> extra = new LinkedHashSet<>();
        for (int i = 0; i < magnitude.subtract(given).intValueExact(); i++) {
            extra.add(order.get(i).key());
        }
        Map<String, BigDecimal> parts = new LinkedHashMap<>();
        for (ModelShare s : shares) {
            BigInteger fen = extra.contains(s.key()) ? s.floor().add(BigInteger.ONE) : s.floor();
            parts.put(s.key(), new BigDecimal(whole.signum() < 0 ? fen.negate() : fen, Money.SCALE));
        }
        return parts;
    }

    // ---------------------------------------------------------------- generators

    /** 0, a few fen, any order of magnitude up to 10^15 fen, or anything up to it; a quarter negative. */
    static BigDecimal whole(Case c) {
        long fen = switch (c.pick(1, 2, 4, 2)) {
            case 0 -> 0L;
            case 1 -> c.between(1L, 1000L);
            case 2 -> c.logUniform(WHOLE_FEN_MAX);
            default -> c.between(0L, WHOLE_FEN_MAX);
        };
        return BigDecimal.valueOf(c.percent(25) ? -fen : fen, Money.SCALE);
    }

    /**
     * 1 to 12 weights under distinct keys of 1 to 3 letters. A non-zero whole always gets a
     * positive weight (a split of it by nothing is a programmer error, checked in
     * {@link LargestRemainderTest}).
     */
    static Map<String, BigDecimal> weights(Case c, BigDecimal whole) {
        int count = c.between(1, 12);
        int kind = c.pick(3, 2, 3, 2, 2);
        BigDecimal shared = weight(c, 1 + c.pick(3, 3, 1, 1));
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BigDecimal w = switch (kind) {
                case 0 -> c.percent(20) ? BigDecimal.ZERO : weight(c, 1);
                // mostly one value, some zeros and strays
                case 1 -> c.percent(70) ? shared : c.percent(50) ? BigDecimal.ZERO : weight(c, 1);
                case 2 -> c.percent(20) ? BigDecimal.ZERO : weight(c, 2);
                case 3 -> weight(c, 3);
                default -> weight(c, 4);
            };
            values.add(writtenAnotherWay(c, w));
        }
        if (whole.signum() != 0 && total(values).signum() == 0) {
            values.set(c.between(0, count - 1), writtenAnotherWay(c, weight(c, c.oneOf(1, 2, 4))));
        }
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        List<String> keys = keys(c, count);
        for (int i = 0; i < count; i++) {
            weights.put(keys.get(i), values.get(i));
        }
        return weights;
    }

    /** 2 to 12 equal weights (at times written at different scales), at times with a few zeros among them. */
    static Map<String, BigDecimal> equalWeights(Case c) {
        int count = c.between(2, 12);
        BigDecimal shared = weight(c, 1 + c.pick(2, 2, 1, 1));
        boolean zeros = c.percent(25);
        List<String> keys = keys(c, count);
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        for (String key : keys) {
            weights.put(key, writtenAnotherWay(c, zeros && c.percent(25) ? BigDecimal.ZERO : shared));
        }
        return weights;
    }

    /**
     * A weight of a kind: 1 integers 1 to 10^6; 2 amounts with 2 fraction digits, 0.01 to 10^8;
     * 3 tiny integers 0 to 3 (many ties); 4 paid-in sized amounts with fen, 0.01 to 10^11.
     */
    private static BigDecimal weight(Case c, int kind) {
        return switch (kind) {
            case 1 -> BigDecimal.valueOf(c.between(1L, 1_000_000L));
            case 2 -> c.fen(1, 10_000_000_000L);
            case 3 -> BigDecimal.valueOf(c.between(0, 3));
            default -> c.fen(1, 10_000_000_000_000L);
        };
    }

    /** The same value at scale 0 to 4, or with trailing zeros stripped (1E+3 for 1000). */
    private static BigDecimal writtenAnotherWay(Case c, BigDecimal w) {
        return switch (c.pick(6, 1, 1)) {
            case 0 -> w;
            case 1 -> w.stripTrailingZeros();
            default -> w.setScale(Math.max(w.scale(), c.between(0, 4)));
        };
    }

    /** Distinct keys of 1 to 3 letters A to D in random order: short alphabets make prefixes ("A" < "AB" < "B") common. */
    private static List<String> keys(Case c, int count) {
        Set<String> keys = new LinkedHashSet<>();
        while (keys.size() < count) {
            StringBuilder key = new StringBuilder();
            for (int length = c.between(1, 3); length > 0; length--) {
                key.append((char) ('A' + c.random.nextInt(4)));
            }
            keys.add(key.toString());
        }
        return List.copyOf(keys);
    }

    // ---------------------------------------------------------------- arithmetic for the checks

    private static BigDecimal total(Map<String, BigDecimal> weights) {
        return total(weights.values());
    }

    private static BigDecimal total(Iterable<BigDecimal> values) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            total = total.add(v);
        }
        return total;
    }

    /** An amount at most 2 fraction digits deep, in fen. */
    private static BigInteger fen(BigDecimal amount) {
        return amount.movePointRight(Money.SCALE).toBigIntegerExact();
    }

    /** A weight at most 2 fraction digits deep, in hundredths. */
    private static BigInteger hundredths(BigDecimal weight) {
        return weight.movePointRight(2).toBigIntegerExact();
    }
}
