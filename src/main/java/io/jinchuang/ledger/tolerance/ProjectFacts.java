package io.jinchuang.ledger.tolerance;

import io.jinchuang.ledger.money.Check;
import java.math.BigDecimal;
import java.util.Set;

/**
 * What the failure rules need to know about one fund × company project, all as of the
 * as-of date (the caller filters the journal by date; these rules never see dates).
 *
 * @param holding         the company's credit code, or a sub-fund's code for a guidance fund's stake
 * @param cost            total invested, scale 2
 * @param costRemaining   cost not yet released by exits
 * @param proceeds        total exit proceeds
 * @param lastExitType    the type of the latest exit, or null if never exited
 * @param latestFairValue the latest valuation, or null if never valued
 */
public record ProjectFacts(
        String holding,
        String name,
        BigDecimal cost,
        BigDecimal costRemaining,
        BigDecimal proceeds,
        String lastExitType,
        BigDecimal latestFairValue) {

    /** SPEC §3 exit types; a typo here would silently change who failed, so it is checked. */
    static final Set<String> EXIT_TYPES =
            Set.of("IPO", "MERGER", "SHARE_TRANSFER", "BUYBACK", "LIQUIDATION", "WRITE_OFF");

    public ProjectFacts {
        // the caller derives these from the journal: a violation is a programmer error, not a bad request
        Check.that(holding != null, "a project has a holding code");
        Check.that(cost != null && cost.signum() >= 0, "project cost is never negative");
        Check.that(costRemaining != null && costRemaining.signum() >= 0, "remaining cost is never negative");
        Check.that(costRemaining.compareTo(cost) <= 0, "remaining cost never exceeds cost");
        Check.that(proceeds != null && proceeds.signum() >= 0, "exit proceeds are never negative");
        Check.that(lastExitType == null || EXIT_TYPES.contains(lastExitType), "last exit type is a SPEC §3 type");
        Check.that(latestFairValue == null || latestFairValue.signum() >= 0, "a fair value is never negative");
    }

    /** No cost left after having had some: every yuan invested has been released by exits. */
    public boolean fullyExited() {
        return cost.signum() > 0 && costRemaining.signum() == 0;
    }

    public boolean held() {
        return costRemaining.signum() > 0;
    }
}
