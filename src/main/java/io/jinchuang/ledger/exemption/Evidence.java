package io.jinchuang.ledger.exemption;

import io.jinchuang.ledger.money.Check;
import java.time.LocalDate;
import java.util.List;

/**
 * What the journal holds about one project's diligence, as of the report's date: its
 * investments (in date order), its monitoring reports (dates, in order), and the date it
 * closed (null while it is still held).
 */
public record Evidence(List<Investment> investments, List<LocalDate> monitoringReports, LocalDate closedOn) {

    /** One investment's evidence; {@code null} or blank references count as not recorded. */
    public record Investment(LocalDate date, String dueDiligenceRef, String decisionRef, LocalDate decisionDate,
                             boolean conflictOfInterest) {
        public Investment {
            Check.that(date != null, "an investment has a date");
        }
    }

    public Evidence {
        investments = List.copyOf(investments);
        monitoringReports = List.copyOf(monitoringReports);
        // a project exists because of an investment; the caller reads them in date order
        Check.that(!investments.isEmpty(), "a project has at least one investment");
        for (int n = 1; n < investments.size(); n++) {
            Check.that(!investments.get(n).date().isBefore(investments.get(n - 1).date()), "investments in date order");
        }
        for (int n = 1; n < monitoringReports.size(); n++) {
            Check.that(!monitoringReports.get(n).isBefore(monitoringReports.get(n - 1)), "reports in date order");
        }
    }

    public Investment first() {
        return investments.get(0);
    }
}
