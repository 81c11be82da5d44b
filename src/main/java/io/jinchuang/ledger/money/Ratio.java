package io.jinchuang.ledger.money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Rates and multiples: kept exact (or to 34 digits) until output, printed with 4 fraction digits. */
public final class Ratio {
    public static final int OUTPUT_SCALE = 4;
    /** Enough digits that comparing the unrounded value with a threshold is exact in practice. */
    public static final MathContext EXACT = MathContext.DECIMAL128;

    private Ratio() {}

    /** numerator ÷ denominator, or null when the denominator is zero (the ratio is undefined). */
    public static BigDecimal of(BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, EXACT);
    }

    public static String format(BigDecimal ratio) {
        return ratio == null ? null : ratio.setScale(OUTPUT_SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }
}
