package io.jinchuang.ledger.tolerance;

import io.jinchuang.ledger.money.Check;
import io.jinchuang.ledger.money.Ratio;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * SPEC §4: failure rate, status, headroom and loss rate of one set of projects. Pure: the
 * caller chooses the projects (DIRECT or LOOK_THROUGH) and their facts as of the date.
 */
public final class ToleranceCalculator {
    private ToleranceCalculator() {}

    public static ToleranceResult evaluate(
            List<ProjectFacts> projects, BigDecimal threshold, ToleranceSettings settings) {
        Check.that(threshold != null && isRate(threshold), "tolerance threshold is within [0, 1]");
        List<ProjectFacts> failed = projects.stream()
                .filter(p -> FailureRule.failed(settings.basis(), p))
                .toList();
        int count = projects.size();
        int failedCount = failed.size();
        return new ToleranceResult(
                settings.basis(),
                count,
                failedCount,
                failureRate(failedCount, count),
                threshold,
                status(failedCount, count, threshold, settings.warningRate()),
                headroom(failedCount, count, threshold),
                lossRateByAmount(failed, projects),
                failed);
    }

    static boolean isRate(BigDecimal rate) {
        return rate.signum() >= 0 && rate.compareTo(BigDecimal.ONE) <= 0;
    }

    /** SPEC §4: a fund with no projects has rate 0, not an undefined rate. */
    private static BigDecimal failureRate(int failed, int projects) {
        if (projects == 0) {
            return BigDecimal.ZERO;
        }
        return Ratio.of(BigDecimal.valueOf(failed), BigDecimal.valueOf(projects));
    }

    /**
     * Both limits are inclusive ("up to 80% is tolerated"). The comparisons multiply instead
     * of dividing, so they are exact even when failed ÷ projects has no finite decimal
     * (a rate that prints as 0.8000 may still be above 0.80).
     */
    private static ToleranceStatus status(int failed, int projects, BigDecimal threshold, BigDecimal warningRate) {
        if (exceeds(failed, projects, threshold)) {
            return ToleranceStatus.BREACH;
        }
        if (exceeds(failed, projects, warningRate)) {
            return ToleranceStatus.WARNING;
        }
        return ToleranceStatus.WITHIN;
    }

    /** failed ÷ projects > rate, exactly; with no projects nothing exceeds anything. */
    private static boolean exceeds(int failed, int projects, BigDecimal rate) {
        return BigDecimal.valueOf(failed).compareTo(rate.multiply(BigDecimal.valueOf(projects))) > 0;
    }

    /** Further failures the fund can take with no new project: floor(threshold × projects) − failed. */
    private static int headroom(int failed, int projects, BigDecimal threshold) {
        int tolerated = threshold.multiply(BigDecimal.valueOf(projects))
                .setScale(0, RoundingMode.FLOOR)
                .intValueExact();
        return Math.max(0, tolerated - failed);
    }

    /** Σ(cost − proceeds) over failed ÷ Σ cost of all; 0 when nothing was invested. */
    private static BigDecimal lossRateByAmount(List<ProjectFacts> failed, List<ProjectFacts> all) {
        BigDecimal costTotal = all.stream().map(ProjectFacts::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal lossTotal = failed.stream().map(ToleranceCalculator::loss).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal rate = Ratio.of(lossTotal, costTotal);
        return rate == null ? BigDecimal.ZERO : rate;
    }

    /**
     * cost − proceeds, for every failed project, held or not, and unfloored. We take the SPEC's
     * formula literally, including for a held project failed under IMPAIRED, instead of
     * remaining cost − fair value: an auditor checks the rate against the {@code failed} list
     * of the same response, which shows cost and proceeds but no fair value, and every
     * figure in it must reconcile. It also keeps the rate comparable across bases: the
     * amount not (yet) recovered in cash. The impairment itself (remaining cost against fair
     * value) is visible in the positions report.
     */
    private static BigDecimal loss(ProjectFacts p) {
        return p.cost().subtract(p.proceeds());
    }
}
