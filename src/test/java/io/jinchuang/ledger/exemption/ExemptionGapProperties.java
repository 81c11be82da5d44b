package io.jinchuang.ledger.exemption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.money.Cases;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DILIGENT_MANAGEMENT against an independent oracle, on generated watches (plain JUnit with
 * a fixed seed: see {@link Cases}). The oracle walks the calendar day by day and counts the
 * longest run of days since the last point of the watch.
 */
class ExemptionGapProperties {
    private static final LocalDate EPOCH = LocalDate.parse("2019-01-01");

    @Test
    void theLongestGapMatchesADayByDayWalk() {
        Map<String, Integer> labels = Cases.run(0x5EED_366L, 400, c -> {
            LocalDate start = c.input("start", EPOCH.plusDays(c.between(0, 1500)));
            LocalDate end = c.input("end", start.plusDays(c.between(0, 1500)));
            List<LocalDate> reports = new ArrayList<>();
            int count = c.between(0, 8);
            for (int n = 0; n < count; n++) {
                // mostly inside the watch; sometimes before it starts or after it ends
                reports.add(start.plusDays(c.between(-60, (int) ChronoUnit.DAYS.between(start, end) + 60)));
            }
            reports.sort(null);
            c.input("reports", reports);
            long gap = Conditions.longestGapDays(start, reports, end);
            assertEquals(walk(start, reports, end), gap);
            assertTrue(gap <= ChronoUnit.DAYS.between(start, end));
            boolean diligent = Conditions.diligentManagement(new Evidence(List.of(
                    new Evidence.Investment(start, "DD", "IC", start, false)), reports, end), end.plusDays(999));
            assertEquals(gap <= 366, diligent);
            c.label(diligent ? "diligent" : "lapsed");
            if (gap == 366 || gap == 367) {
                c.label("at the edge");
            }
        });
        assertTrue(labels.getOrDefault("diligent", 0) > 40 && labels.getOrDefault("lapsed", 0) > 40, labels::toString);
    }

    /** Day by day from start to end: the longest count of days since the last watch point. */
    private static long walk(LocalDate start, List<LocalDate> reports, LocalDate end) {
        long longest = 0;
        long since = 0;
        for (LocalDate day = start.plusDays(1); !day.isAfter(end); day = day.plusDays(1)) {
            since++;
            longest = Math.max(longest, since);
            if (reports.contains(day)) {
                since = 0;
            }
        }
        return longest;
    }
}
