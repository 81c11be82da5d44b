package io.jinchuang.ledger.tolerance;

import io.jinchuang.ledger.funds.FundKind;
import io.jinchuang.ledger.money.Check;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * SPEC §3/§4: a fund's tolerance threshold is its own {@code toleranceRate} when it has one,
 * otherwise the default for its kind ({@code tolerance.threshold.<KIND>} in configuration).
 */
public final class Thresholds {
    private final Map<FundKind, BigDecimal> byKind;

    private Thresholds(Map<FundKind, BigDecimal> byKind) {
        this.byKind = Map.copyOf(byKind);
    }

    /** Reads one default per kind; a missing or out-of-range one stops the service at start. */
    public static Thresholds of(Function<String, BigDecimal> setting) {
        Map<FundKind, BigDecimal> byKind = new EnumMap<>(FundKind.class);
        for (FundKind kind : FundKind.values()) {
            String key = "tolerance.threshold." + kind.name();
            BigDecimal rate = setting.apply(key);
            if (rate == null || !ToleranceCalculator.isRate(rate)) {
                throw new IllegalStateException("configuration key " + key + " must be a rate within [0, 1]: " + rate);
            }
            byKind.put(kind, rate);
        }
        return new Thresholds(byKind);
    }

    /** The threshold of a fund of {@code kind} whose own rate is {@code fundRate} (null when it has none). */
    public BigDecimal forFund(String kind, BigDecimal fundRate) {
        if (fundRate != null) {
            return fundRate;
        }
        BigDecimal rate = byKind.get(FundKind.valueOf(kind));
        Check.that(rate != null, "every fund kind has a default threshold");
        return rate;
    }
}
