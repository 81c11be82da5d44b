package io.jinchuang.ledger.tolerance;

import io.jinchuang.ledger.money.Check;
import io.jinchuang.ledger.money.Ratio;
import java.math.BigDecimal;
import java.util.List;

/**
 * SPEC §4 figures for one fund as of a date. Rates are exact; they are rounded only by
 * the {@code …Text()} methods, at output (SPEC §2).
 *
 * @param failed the failed projects, in the order they were given
 */
public record ToleranceResult(
        FailureBasis basis,
        int projects,
        int failedProjects,
        BigDecimal failureRate,
        BigDecimal threshold,
        ToleranceStatus status,
        int headroom,
        BigDecimal lossRateByAmount,
        List<ProjectFacts> failed) {

    public ToleranceResult {
        failed = List.copyOf(failed);
        Check.that(failedProjects == failed.size(), "failedProjects counts the failed list");
        Check.that(failedProjects <= projects, "no more failures than projects");
        Check.that(headroom >= 0, "headroom is never negative");
    }

    public String failureRateText() {
        return Ratio.format(failureRate);
    }

    public String thresholdText() {
        return Ratio.format(threshold);
    }

    public String lossRateByAmountText() {
        return Ratio.format(lossRateByAmount);
    }
}
