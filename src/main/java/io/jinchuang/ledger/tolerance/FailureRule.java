package io.jinchuang.ledger.tolerance;

/** SPEC §4: whether one project has failed, under each failure basis. Pure. */
public final class FailureRule {
    private FailureRule() {}

    public static boolean failed(FailureBasis basis, ProjectFacts p) {
        return switch (basis) {
            case REALIZED_LOSS -> realizedLoss(p);
            case WRITTEN_OFF -> closedByLiquidationOrWriteOff(p);
            case IMPAIRED -> realizedLoss(p) || impaired(p);
        };
    }

    public static ProjectState state(FailureBasis basis, ProjectFacts p) {
        if (failed(basis, p)) {
            return ProjectState.FAILED;
        }
        return p.fullyExited() ? ProjectState.EXITED : ProjectState.HELD;
    }

    /**
     * Fully exited below cost. A liquidation or write-off that closes the project counts even
     * if it somehow returned the cost: the company itself is gone, which is what the policy
     * means by a failed project.
     */
    private static boolean realizedLoss(ProjectFacts p) {
        if (!p.fullyExited()) {
            return false;
        }
        return p.proceeds().compareTo(p.cost()) < 0 || closedByLiquidationOrWriteOff(p);
    }

    /** Only the last exit matters: an earlier liquidation of part of the stake left a live holding. */
    private static boolean closedByLiquidationOrWriteOff(ProjectFacts p) {
        return p.fullyExited()
                && ("LIQUIDATION".equals(p.lastExitType()) || "WRITE_OFF".equals(p.lastExitType()));
    }

    /** A held project never valued is carried at cost, so it is not impaired. */
    private static boolean impaired(ProjectFacts p) {
        return p.held()
                && p.latestFairValue() != null
                && p.latestFairValue().compareTo(p.costRemaining()) < 0;
    }
}
