package io.jinchuang.ledger.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SPEC §2: every pro-rata split. Each part is its exact share rounded down to the fen;
 * the fen left over go one each to the parts with the largest discarded remainders;
 * ties go to the larger weight, then to the smaller key (string order).
 */
public final class LargestRemainder {
    private LargestRemainder() {}

    /**
     * Splits {@code whole} (scale 2, may be negative: the split of a negative whole is the
     * negation of the split of its magnitude) by non-negative weights.
     *
     * @return the parts in the iteration order of {@code weights}; they sum to {@code whole}
     */
    public static Map<String, BigDecimal> split(BigDecimal whole, Map<String, BigDecimal> weights) {
        if (whole.signum() < 0) {
            Map<String, BigDecimal> positive = split(whole.negate(), weights);
            positive.replaceAll((key, part) -> part.negate());
            return positive;
        }
        BigDecimal weightTotal = BigDecimal.ZERO;
        for (BigDecimal weight : weights.values()) {
            Check.that(weight.signum() >= 0, "split weights are never negative");
            weightTotal = weightTotal.add(weight);
        }
        Check.that(weightTotal.signum() > 0 || whole.signum() == 0, "a non-zero whole needs a positive weight");
        BigInteger fenTotal = whole.movePointRight(Money.SCALE).toBigIntegerExact();
        List<Share> shares = new ArrayList<>();
        BigInteger fenGiven = BigInteger.ZERO;
        for (Map.Entry<String, BigDecimal> entry : weights.entrySet()) {
            if (weightTotal.signum() == 0) {
                shares.add(new Share(entry.getKey(), entry.getValue(), BigInteger.ZERO, BigDecimal.ZERO));
                continue;
            }
            // exact share in fen = fenTotal × weight / weightTotal, as a quotient and remainder
            BigDecimal numerator = new BigDecimal(fenTotal).multiply(entry.getValue());
            BigDecimal[] qr = numerator.divideAndRemainder(weightTotal);
            BigInteger floor = qr[0].setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact();
            // every remainder is over the same denominator (weightTotal): compare them directly
            BigDecimal remainder = qr[1];
            shares.add(new Share(entry.getKey(), entry.getValue(), floor, remainder));
            fenGiven = fenGiven.add(floor);
        }
        BigInteger leftover = fenTotal.subtract(fenGiven);
        Check.that(leftover.signum() >= 0 && leftover.compareTo(BigInteger.valueOf(shares.size())) <= 0,
                "the fen left over are fewer than the parts");
        List<Share> order = new ArrayList<>(shares);
        order.sort(Comparator.comparing(Share::remainder).reversed()
                .thenComparing(Comparator.comparing(Share::weight).reversed())
                .thenComparing(Share::key));
        Map<String, BigInteger> extra = new LinkedHashMap<>();
        for (int i = 0; i < leftover.intValueExact(); i++) {
            extra.put(order.get(i).key(), BigInteger.ONE);
        }
        Map<String, BigDecimal> parts = new LinkedHashMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Share share : shares) {
            BigInteger fen = share.floor().add(extra.getOrDefault(share.key(), BigInteger.ZERO));
            BigDecimal part = new BigDecimal(fen, Money.SCALE);
            parts.put(share.key(), part);
            sum = sum.add(part);
        }
        Check.that(sum.compareTo(whole) == 0, "a split always sums to its whole");
        return parts;
    }

    private record Share(String key, BigDecimal weight, BigInteger floor, BigDecimal remainder) {}
}
