package io.jinchuang.ledger.exemption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §5: each condition on hand-made evidence, with its edges. */
class ExemptionConditionsTest {
    private static final LocalDate D = LocalDate.parse("2021-03-01");
    private static final LocalDate AS_OF = LocalDate.parse("2023-12-31");

    static Evidence.Investment sound(LocalDate date) {
        return new Evidence.Investment(date, "DD-1", "IC-1", date.minusDays(7), false);
    }

    static Evidence closedAfter(List<Evidence.Investment> investments, List<LocalDate> reports, LocalDate closedOn) {
        return new Evidence(investments, reports, closedOn);
    }

    @Test
    void soundEvidenceMeetsEveryCondition() {
        Map<Condition, Boolean> met = Conditions.check(closedAfter(List.of(sound(D)), List.of(), D.plusDays(200)), AS_OF);
        assertEquals(Map.of(Condition.RIGOROUS_SELECTION, true, Condition.COMPLETE_DECISION, true,
                Condition.DILIGENT_MANAGEMENT, true, Condition.MARKET_RULES, true), met);
        assertEquals(List.of(), Conditions.unmet(met));
    }

    @Test
    void rigorousSelectionLooksAtTheFirstInvestmentOnly() {
        var noDiligenceFirst = new Evidence.Investment(D, null, "IC-1", D, false);
        var blankDiligenceFirst = new Evidence.Investment(D, "  ", "IC-1", D, false);
        var noDiligenceLater = new Evidence.Investment(D.plusDays(30), null, "IC-2", D.plusDays(30), false);
        assertFalse(Conditions.rigorousSelection(closedAfter(List.of(noDiligenceFirst, sound(D.plusDays(9))), List.of(),
                null)));
        assertFalse(Conditions.rigorousSelection(closedAfter(List.of(blankDiligenceFirst), List.of(), null)));
        assertTrue(Conditions.rigorousSelection(closedAfter(List.of(sound(D), noDiligenceLater), List.of(), null)));
    }

    @Test
    void completeDecisionNeedsADecisionOnOrBeforeEveryInvestment() {
        var sameDay = new Evidence.Investment(D, "DD", "IC", D, false);
        var dayLate = new Evidence.Investment(D.plusDays(90), "DD", "IC-2", D.plusDays(91), false);
        var noRef = new Evidence.Investment(D.plusDays(90), "DD", null, D.plusDays(80), false);
        var noDate = new Evidence.Investment(D.plusDays(90), "DD", "IC-2", null, false);
        assertTrue(Conditions.completeDecision(closedAfter(List.of(sameDay), List.of(), null)), "on the day is in time");
        assertFalse(Conditions.completeDecision(closedAfter(List.of(sameDay, dayLate), List.of(), null)),
                "a follow-on decided a day after it was made");
        assertFalse(Conditions.completeDecision(closedAfter(List.of(sameDay, noRef), List.of(), null)));
        assertFalse(Conditions.completeDecision(closedAfter(List.of(sameDay, noDate), List.of(), null)));
    }

    @Test
    void marketRulesFailOnAnyConflictOfInterest() {
        var conflicted = new Evidence.Investment(D.plusDays(10), "DD", "IC", D, true);
        assertFalse(Conditions.marketRules(closedAfter(List.of(sound(D), conflicted), List.of(), null)));
        assertTrue(Conditions.marketRules(closedAfter(List.of(sound(D)), List.of(), null)));
    }

    @Test
    void aGapOfExactly366DaysIsDiligentAnd367IsNot() {
        assertEquals(366, Conditions.longestGapDays(D, List.of(D.plusDays(366)), D.plusDays(366 * 2)));
        assertTrue(diligent(List.of(D.plusDays(366)), D.plusDays(366 * 2)));
        assertFalse(diligent(List.of(D.plusDays(367)), D.plusDays(367 + 10)), "investment to first report");
        assertFalse(diligent(List.of(D.plusDays(100)), D.plusDays(100 + 367)), "last report to the exit");
        assertFalse(diligent(List.of(D.plusDays(100), D.plusDays(467)), D.plusDays(500)), "between two reports");
        assertTrue(diligent(List.of(), D.plusDays(366)), "closed within a year needs no report");
        assertFalse(diligent(List.of(), D.plusDays(367)));
    }

    @Test
    void aLeapYearDoesNotStretchTheYear() {
        // 2023-03-01 to 2024-03-01 spans 29 February 2024: 366 days, still a yearly report
        LocalDate start = LocalDate.parse("2023-03-01");
        Evidence evidence = closedAfter(List.of(sound(start)), List.of(LocalDate.parse("2024-03-01")),
                LocalDate.parse("2025-03-01"));
        assertTrue(Conditions.diligentManagement(evidence, AS_OF));
    }

    @Test
    void aHeldProjectIsWatchedUntilTheAsOfDateAndReportsOutsideTheWatchDoNotCount() {
        Evidence held = closedAfter(List.of(sound(D)), List.of(D.plusDays(300)), null);
        assertTrue(Conditions.diligentManagement(held, D.plusDays(300 + 366)));
        assertFalse(Conditions.diligentManagement(held, D.plusDays(300 + 367)));
        // a report after the exit watched nothing; nor did one dated before the money went out
        Evidence late = closedAfter(List.of(sound(D)), List.of(D.minusDays(5), D.plusDays(500)), D.plusDays(400));
        assertEquals(400, Conditions.longestGapDays(D, late.monitoringReports(), D.plusDays(400)));
        assertFalse(Conditions.diligentManagement(late, AS_OF));
    }

    @Test
    void evidenceOutOfOrderIsAProgrammerError() {
        assertThrows(AssertionError.class, () -> new Evidence(List.of(), List.of(), null));
        assertThrows(AssertionError.class, () -> new Evidence(List.of(sound(D.plusDays(1)), sound(D)), List.of(), null));
        assertThrows(AssertionError.class, () -> new Evidence(List.of(sound(D)), List.of(D.plusDays(2), D.plusDays(1)),
                null));
    }

    private static boolean diligent(List<LocalDate> reports, LocalDate closedOn) {
        return Conditions.diligentManagement(closedAfter(List.of(sound(D)), reports, closedOn), AS_OF);
    }
}
