package io.jinchuang.ledger.exemption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jinchuang.ledger.exemption.Determinations.RoleDetermination;
import io.jinchuang.ledger.tolerance.ToleranceStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §5: the determination table, for every status and every set of unmet conditions. */
class ExemptionDeterminationsTest {
    private static final List<ExemptionRole> ALL = List.of(ExemptionRole.values());

    @Test
    void everyConditionMetIsEligibleUnlessTheFundIsInBreach() {
        Map<Condition, Boolean> met = met();
        assertEquals(Determination.ELIGIBLE, only(Determinations.of(met, ToleranceStatus.WITHIN, ALL)).determination());
        assertEquals(Determination.ELIGIBLE, only(Determinations.of(met, ToleranceStatus.WARNING, ALL)).determination());
        RoleDetermination review = only(Determinations.of(met, ToleranceStatus.BREACH, ALL));
        assertEquals(Determination.REVIEW_REQUIRED, review.determination());
        assertEquals(List.of(Determinations.REASON_TOLERANCE_BREACH), review.reasons());
        assertEquals(List.of(), only(Determinations.of(met, ToleranceStatus.WITHIN, ALL)).reasons());
    }

    @Test
    void anyUnmetConditionIsNotEligibleWhateverTheStatusAndEveryUnmetOneIsAReason() {
        // all 15 non-empty subsets of the four conditions, under each status
        for (int mask = 1; mask < 16; mask++) {
            Map<Condition, Boolean> met = met();
            List<String> expected = new java.util.ArrayList<>();
            for (Condition c : Condition.values()) {
                if ((mask & (1 << c.ordinal())) != 0) {
                    met.put(c, false);
                    expected.add(c.name());
                }
            }
            for (ToleranceStatus status : ToleranceStatus.values()) {
                RoleDetermination d = only(Determinations.of(met, status, ALL));
                assertEquals(Determination.NOT_ELIGIBLE, d.determination(), "mask " + mask + " " + status);
                assertEquals(expected, d.reasons(), "reasons in the policy's order");
            }
        }
    }

    @Test
    void oneDeterminationPerConfiguredRoleInItsOrder() {
        List<ExemptionRole> two = List.of(ExemptionRole.PRACTITIONERS, ExemptionRole.DECISION_BODY);
        List<RoleDetermination> determinations = Determinations.of(met(), ToleranceStatus.WITHIN, two);
        assertEquals(two, determinations.stream().map(RoleDetermination::role).toList());
    }

    private static Map<Condition, Boolean> met() {
        Map<Condition, Boolean> met = new EnumMap<>(Condition.class);
        for (Condition c : Condition.values()) {
            met.put(c, true);
        }
        return met;
    }

    /** Every role gets the same outcome under SPEC §5; returns it after checking so. */
    private static RoleDetermination only(List<RoleDetermination> determinations) {
        assertEquals(ALL.size(), determinations.size());
        for (RoleDetermination d : determinations) {
            assertEquals(determinations.get(0).determination(), d.determination());
            assertEquals(determinations.get(0).reasons(), d.reasons());
        }
        return determinations.get(0);
    }
}
