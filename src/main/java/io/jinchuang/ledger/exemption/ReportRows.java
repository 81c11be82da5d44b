package io.jinchuang.ledger.exemption;

import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.money.Ratio;
import io.jinchuang.ledger.tolerance.ToleranceResult;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as labelled rows, for the renderers that print it (CSV, HTML, PDF): the
 * summary as (label, value) pairs, and the failed projects looked up by credit code.
 */
final class ReportRows {
    static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private ReportRows() {}

    record Pair(String label, String value) {}

    static List<Pair> summary(ExemptionReport report) {
        ToleranceResult t = report.tolerance();
        List<Pair> rows = new ArrayList<>();
        rows.add(new Pair(Labels.FUND, report.fund().code()));
        rows.add(new Pair(Labels.FUND_NAME, fundName(report.fund())));
        rows.add(new Pair(Labels.KIND, report.fund().kind()));
        rows.add(new Pair(Labels.MANAGER, report.fund().manager()));
        rows.add(new Pair(Labels.AS_OF, report.asOf().toString()));
        rows.add(new Pair(Labels.GENERATED_AT, INSTANT.format(report.generatedAt())));
        rows.add(new Pair(Labels.HEAD_SEQ, Long.toString(report.journalHead().seq())));
        rows.add(new Pair(Labels.HEAD_HASH, report.journalHead().hash()));
        rows.add(new Pair(Labels.SCOPE, report.scope().name()));
        rows.add(new Pair(Labels.BASIS, t.basis().name()));
        rows.add(new Pair(Labels.PROJECTS, Integer.toString(t.projects())));
        rows.add(new Pair(Labels.FAILED_PROJECTS, Integer.toString(t.failedProjects())));
        rows.add(new Pair(Labels.FAILURE_RATE, Ratio.format(t.failureRate())));
        rows.add(new Pair(Labels.THRESHOLD, Ratio.format(t.threshold())));
        rows.add(new Pair(Labels.STATUS, Labels.of(t.status())));
        rows.add(new Pair(Labels.HEADROOM, Integer.toString(t.headroom())));
        rows.add(new Pair(Labels.LOSS_RATE, Ratio.format(t.lossRateByAmount())));
        return rows;
    }

    static String fundName(ExemptionReport.Fund fund) {
        return fund.nameZh() == null ? fund.name() : fund.nameZh() + " / " + fund.name();
    }

    static Map<String, ExemptionReport.FailedProject> failedByCode(ExemptionReport report) {
        Map<String, ExemptionReport.FailedProject> byCode = new HashMap<>();
        report.failedProjects().forEach(f -> byCode.put(f.creditCode(), f));
        return byCode;
    }

    static String money(java.math.BigDecimal amount) {
        return Money.format(amount);
    }

    /** The reasons of a determination in words, or "None". */
    static String reasons(List<String> codes) {
        if (codes.isEmpty()) {
            return Labels.NONE;
        }
        List<String> words = new ArrayList<>();
        codes.forEach(c -> words.add(Labels.reason(c)));
        return String.join("; ", words);
    }
}
