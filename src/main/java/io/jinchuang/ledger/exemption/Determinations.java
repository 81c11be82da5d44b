package io.jinchuang.ledger.exemption;

import io.jinchuang.ledger.tolerance.ToleranceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SPEC §5: the determination for each configured role on one failed project. Pure. */
public final class Determinations {
    /** The reason given with REVIEW_REQUIRED: the conditions hold, the fund's tolerance does not. */
    public static final String REASON_TOLERANCE_BREACH = "TOLERANCE_BREACH";

    private Determinations() {}

    /** One role's determination; reasons name the unmet conditions, or the breach. */
    public record RoleDetermination(ExemptionRole role, Determination determination, List<String> reasons) {
        public RoleDetermination {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * The policy's conditions are the same for every role it names, so every role gets the
     * same outcome; the list is per role because the policy exempts each one separately and a
     * review may later differ per role.
     */
    public static List<RoleDetermination> of(Map<Condition, Boolean> met, ToleranceStatus fundStatus,
                                             List<ExemptionRole> roles) {
        List<Condition> unmet = Conditions.unmet(met);
        Determination determination;
        List<String> reasons = new ArrayList<>();
        if (!unmet.isEmpty()) {
            determination = Determination.NOT_ELIGIBLE;
            unmet.forEach(c -> reasons.add(c.name()));
        } else if (fundStatus == ToleranceStatus.BREACH) {
            determination = Determination.REVIEW_REQUIRED;
            reasons.add(REASON_TOLERANCE_BREACH);
        } else {
            determination = Determination.ELIGIBLE;
        }
        List<RoleDetermination> determinations = new ArrayList<>();
        for (ExemptionRole role : roles) {
            determinations.add(new RoleDetermination(role, determination, reasons));
        }
        return determinations;
    }
}
