package io.jinchuang.ledger.exemption;

import io.jinchuang.ledger.exemption.Determinations.RoleDetermination;
import io.jinchuang.ledger.tolerance.ProjectState;
import io.jinchuang.ledger.tolerance.Scope;
import io.jinchuang.ledger.tolerance.ToleranceResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * SPEC §5/§8: the due-diligence exemption report (尽职免责报告) of one fund as of a date, ready
 * to render as JSON, CSV, HTML or PDF. Amounts are exact; rates are rounded by the renderers.
 *
 * @param journalHead the fund's chain head the report reflects: every fact in it is numbered at or below it
 */
public record ExemptionReport(Fund fund, LocalDate asOf, Instant generatedAt, Head journalHead, Scope scope,
                              ToleranceResult tolerance, List<Project> projects, List<FailedProject> failedProjects) {

    public record Fund(String code, String name, String nameZh, String kind, String manager) {}

    public record Head(long seq, String hash) {}

    public record Project(String holding, String name, BigDecimal invested, BigDecimal proceeds, ProjectState state) {}

    public record FailedProject(String creditCode, String name, Map<Condition, Boolean> conditions,
                                List<RoleDetermination> determinations) {
        public FailedProject {
            conditions = Map.copyOf(conditions);
            determinations = List.copyOf(determinations);
        }
    }

    public ExemptionReport {
        projects = List.copyOf(projects);
        failedProjects = List.copyOf(failedProjects);
    }
}
