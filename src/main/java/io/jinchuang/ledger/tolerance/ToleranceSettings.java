package io.jinchuang.ledger.tolerance;

import io.jinchuang.ledger.money.Check;
import java.math.BigDecimal;

/**
 * SPEC §4 configuration: {@code tolerance.failure-basis} and {@code tolerance.warning-rate}.
 * Passed in explicitly so that no rule reads a global default.
 */
public record ToleranceSettings(FailureBasis basis, BigDecimal warningRate) {
    public static final BigDecimal WARNING_RATE_DEFAULT = new BigDecimal("0.70");
    public static final ToleranceSettings DEFAULTS =
            new ToleranceSettings(FailureBasis.REALIZED_LOSS, WARNING_RATE_DEFAULT);

    public ToleranceSettings {
        // configuration is validated where it is read; reaching here invalid is a programmer error
        Check.that(basis != null, "a failure basis is set");
        Check.that(warningRate != null && ToleranceCalculator.isRate(warningRate), "warning rate is within [0, 1]");
    }
}
