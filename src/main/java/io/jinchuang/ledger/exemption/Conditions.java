package io.jinchuang.ledger.exemption;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** SPEC §5: whether one failed project meets each exemption condition. Pure. */
public final class Conditions {
    /**
     * "No gap longer than 12 months (366 days)": a gap of exactly 366 days is still diligent
     * (a report on the same calendar day a year later, even across 29 February); 367 is not.
     */
    public static final long MONITORING_GAP_DAYS_MAX = 366;

    private Conditions() {}

    /** Every condition, in the policy's order; {@code asOf} ends the watch of a project still held. */
    public static Map<Condition, Boolean> check(Evidence evidence, LocalDate asOf) {
        Map<Condition, Boolean> met = new EnumMap<>(Condition.class);
        met.put(Condition.RIGOROUS_SELECTION, rigorousSelection(evidence));
        met.put(Condition.COMPLETE_DECISION, completeDecision(evidence));
        met.put(Condition.DILIGENT_MANAGEMENT, diligentManagement(evidence, asOf));
        met.put(Condition.MARKET_RULES, marketRules(evidence));
        return met;
    }

    /** The unmet conditions, in the policy's order. */
    public static List<Condition> unmet(Map<Condition, Boolean> met) {
        List<Condition> unmet = new ArrayList<>();
        for (Condition condition : Condition.values()) {
            if (!met.get(condition)) {
                unmet.add(condition);
            }
        }
        return unmet;
    }

    /** Selection is judged where it happened: the due diligence before the first investment. */
    static boolean rigorousSelection(Evidence evidence) {
        return recorded(evidence.first().dueDiligenceRef());
    }

    /** A follow-on needs its own decision, taken on or before the day the money went out. */
    static boolean completeDecision(Evidence evidence) {
        for (Evidence.Investment investment : evidence.investments()) {
            if (!recorded(investment.decisionRef()) || investment.decisionDate() == null
                    || investment.decisionDate().isAfter(investment.date())) {
                return false;
            }
        }
        return true;
    }

    static boolean diligentManagement(Evidence evidence, LocalDate asOf) {
        LocalDate end = evidence.closedOn() != null ? evidence.closedOn() : asOf;
        return longestGapDays(evidence.first().date(), evidence.monitoringReports(), end) <= MONITORING_GAP_DAYS_MAX;
    }

    static boolean marketRules(Evidence evidence) {
        return evidence.investments().stream().noneMatch(Evidence.Investment::conflictOfInterest);
    }

    /**
     * The longest stretch, in days, between consecutive points of the watch: the first
     * investment, each monitoring report within [first investment, end], and the end (the
     * closing exit, or the as-of date). Reports outside that window watched nothing.
     */
    public static long longestGapDays(LocalDate start, List<LocalDate> reports, LocalDate end) {
        long longest = 0;
        LocalDate previous = start;
        for (LocalDate report : reports) {
            if (report.isBefore(start) || report.isAfter(end)) {
                continue;
            }
            longest = Math.max(longest, ChronoUnit.DAYS.between(previous, report));
            previous = report;
        }
        return Math.max(longest, ChronoUnit.DAYS.between(previous, end));
    }

    private static boolean recorded(String reference) {
        return reference != null && !reference.isBlank();
    }
}
