package io.jinchuang.ledger.exemption;

import static io.jinchuang.ledger.db.Tables.MONITORING_REPORT;

import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.journal.Live;
import io.jinchuang.ledger.metrics.FundTolerance;
import io.jinchuang.ledger.metrics.Projects;
import io.jinchuang.ledger.metrics.Projects.Project;
import io.jinchuang.ledger.store.Rows;
import io.jinchuang.ledger.tolerance.FailureRule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Builds the exemption report of one fund: its DIRECT tolerance figures, every project, and
 * for every failed project the conditions and the determination per role. Everything is read
 * up to the fund's chain head, which is read first and printed on the report.
 */
public final class ExemptionReports {
    private final FundTolerance.Terms terms;
    private final List<ExemptionRole> roles;

    public ExemptionReports(FundTolerance.Terms terms, List<ExemptionRole> roles) {
        this.terms = terms;
        this.roles = List.copyOf(roles);
    }

    /** The roles each failed project is determined for, in the report's order ({@code exemption.roles}). */
    public List<ExemptionRole> roles() {
        return roles;
    }

    /** {@code fund} is the row as read in this same transaction: its head bounds every fact. */
    public ExemptionReport of(DSLContext dsl, FundRecord fund, LocalDate asOf, Instant generatedAt) {
        long head = fund.getHeadSeq();
        FundTolerance.Figures figures = FundTolerance.directAtHead(dsl, fund, asOf, terms, head);
        List<ExemptionReport.Project> projects = new ArrayList<>();
        for (Project p : figures.projects()) {
            projects.add(new ExemptionReport.Project(p.holding(), p.facts().name(), p.facts().cost(),
                    p.facts().proceeds(), FailureRule.state(terms.settings().basis(), p.facts())));
        }
        Map<String, Evidence> evidence = evidence(dsl, fund.getCode(), asOf, head, figures.failed());
        List<ExemptionReport.FailedProject> failed = new ArrayList<>();
        for (Project p : figures.failed()) {
            var met = Conditions.check(evidence.get(p.holding()), asOf);
            failed.add(new ExemptionReport.FailedProject(p.holding(), p.facts().name(), met,
                    Determinations.of(met, figures.result().status(), roles)));
        }
        return new ExemptionReport(new ExemptionReport.Fund(fund.getCode(), fund.getName(), fund.getNameZh(),
                fund.getKind(), fund.getManager()), asOf, generatedAt, new ExemptionReport.Head(head,
                fund.getHeadHash()), figures.scope(), figures.result(), projects, failed);
    }

    /**
     * The diligence evidence of the failed projects: their investments came with the projects;
     * their monitoring reports are one ordered scan of the fund's reports up to the head,
     * split by project here.
     */
    private static Map<String, Evidence> evidence(DSLContext dsl, String fundCode, LocalDate asOf, long head,
                                                  List<Project> failed) {
        Set<String> wanted = new HashSet<>();
        failed.forEach(p -> wanted.add(p.holding()));
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<String, List<LocalDate>> reports = new HashMap<>();
        Rows.each(dsl, dsl.select(MONITORING_REPORT.HOLDING, MONITORING_REPORT.ENTRY_DATE)
                .from(MONITORING_REPORT)
                .where(MONITORING_REPORT.FUND_CODE.eq(fundCode), MONITORING_REPORT.ENTRY_DATE.le(asOf),
                        MONITORING_REPORT.SEQ.le(head),
                        Live.notReversedAmong(dsl, List.of(fundCode), MONITORING_REPORT.FUND_CODE,
                                MONITORING_REPORT.SEQ, asOf, head))
                .orderBy(MONITORING_REPORT.HOLDING, MONITORING_REPORT.ENTRY_DATE), row -> {
                    String holding = row.getString(1);
                    if (wanted.contains(holding)) {
                        reports.computeIfAbsent(holding, h -> new ArrayList<>()).add(row.getObject(2, LocalDate.class));
                    }
                    return null;
                });
        Map<String, Evidence> evidence = new HashMap<>();
        for (Project p : failed) {
            LocalDate closedOn = p.facts().fullyExited() ? p.lastExitDate() : null;
            List<Evidence.Investment> investments = new ArrayList<>();
            for (Projects.Investment i : p.investments()) {
                investments.add(new Evidence.Investment(i.date(), i.dueDiligenceRef(), i.decisionRef(), i.decisionDate(),
                        i.conflictOfInterest()));
            }
            evidence.put(p.holding(), new Evidence(investments, reports.getOrDefault(p.holding(), List.of()), closedOn));
        }
        return evidence;
    }
}
