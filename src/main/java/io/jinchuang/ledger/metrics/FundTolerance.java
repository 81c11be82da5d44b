package io.jinchuang.ledger.metrics;

import static io.jinchuang.ledger.db.Tables.PARTNER;

import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.funds.FundKind;
import io.jinchuang.ledger.funds.PartnerRole;
import io.jinchuang.ledger.metrics.Projects.Project;
import io.jinchuang.ledger.tolerance.FailureBasis;
import io.jinchuang.ledger.tolerance.FailureRule;
import io.jinchuang.ledger.tolerance.Scope;
import io.jinchuang.ledger.tolerance.Thresholds;
import io.jinchuang.ledger.tolerance.ToleranceCalculator;
import io.jinchuang.ledger.tolerance.ToleranceResult;
import io.jinchuang.ledger.tolerance.ToleranceSettings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * SPEC §4 for one fund, or for every fund a caller may read: chooses the projects (DIRECT or
 * LOOK_THROUGH), reads their facts as of the date in one statement, and hands them to the
 * pure {@link ToleranceCalculator} with the fund's threshold.
 */
public final class FundTolerance {
    private FundTolerance() {}

    /** The figures and the projects behind them; {@code failed} keeps each failed project's fund. */
    public record Figures(FundRecord fund, Scope scope, LocalDate asOf, List<Project> projects, List<Project> failed,
                          ToleranceResult result) {}

    /** What the rules take from configuration (SPEC §9: passed in, never read globally). */
    public record Terms(ToleranceSettings settings, Thresholds thresholds) {
        boolean needsValuations() {
            return settings.basis() == FailureBasis.IMPAIRED;
        }
    }

    public static Figures of(DSLContext dsl, FundRecord fund, Scope scope, LocalDate asOf, Terms terms) {
        return evaluate(fund, scope, asOf, projects(dsl, fund, scope, asOf, terms, true), terms);
    }

    /** The fund's status alone (the year-end batch's): as {@link #of}, without reading the companies' names. */
    public static ToleranceResult status(DSLContext dsl, FundRecord fund, Scope scope, LocalDate asOf, Terms terms) {
        return evaluate(fund, scope, asOf, projects(dsl, fund, scope, asOf, terms, false), terms).result();
    }

    private static List<Project> projects(DSLContext dsl, FundRecord fund, Scope scope, LocalDate asOf, Terms terms,
                                          boolean withNames) {
        List<String> funds = new ArrayList<>();
        funds.add(fund.getCode());
        if (looksThrough(fund, scope)) {
            funds.addAll(subFunds(dsl, fund.getCode()));
        }
        return Projects.of(dsl, funds, asOf, terms.needsValuations(), null, withNames);
    }

    /** DIRECT figures counting only the fund's entries numbered up to {@code seqMax} (its head, read first). */
    public static Figures directAtHead(DSLContext dsl, FundRecord fund, LocalDate asOf, Terms terms, long seqMax) {
        List<Project> projects = Projects.of(dsl, List.of(fund.getCode()), asOf, terms.needsValuations(), seqMax);
        return evaluate(fund, Scope.DIRECT, asOf, projects, terms);
    }

    /**
     * Every fund of {@code funds}, highest failure rate first (exact rates, then code). The
     * projects of all of them, and of the sub-funds they look through, come from one statement.
     */
    public static List<Figures> portfolio(DSLContext dsl, List<FundRecord> funds, Scope scope, LocalDate asOf,
                                          Terms terms) {
        Map<String, List<String>> subFunds = new LinkedHashMap<>();
        Set<String> codes = new LinkedHashSet<>();
        for (FundRecord fund : funds) {
            codes.add(fund.getCode());
            if (looksThrough(fund, scope)) {
                subFunds.put(fund.getCode(), subFunds(dsl, fund.getCode()));
                codes.addAll(subFunds.get(fund.getCode()));
            }
        }
        Map<String, List<Project>> byFund = new LinkedHashMap<>();
        for (Project project : Projects.of(dsl, codes, asOf, terms.needsValuations(), null)) {
            byFund.computeIfAbsent(project.fund(), f -> new ArrayList<>()).add(project);
        }
        List<Figures> figures = new ArrayList<>();
        for (FundRecord fund : funds) {
            List<Project> projects = new ArrayList<>(byFund.getOrDefault(fund.getCode(), List.of()));
            for (String subFund : subFunds.getOrDefault(fund.getCode(), List.of())) {
                projects.addAll(byFund.getOrDefault(subFund, List.of()));
            }
            figures.add(evaluate(fund, scope, asOf, projects, terms));
        }
        figures.sort(Comparator.comparing((Figures f) -> f.result().failureRate()).reversed()
                .thenComparing(f -> f.fund().getCode()));
        return figures;
    }

    private static Figures evaluate(FundRecord fund, Scope scope, LocalDate asOf, List<Project> projects, Terms terms) {
        FailureBasis basis = terms.settings().basis();
        List<Project> failed = projects.stream().filter(p -> FailureRule.failed(basis, p.facts())).toList();
        ToleranceResult result = ToleranceCalculator.evaluate(projects.stream().map(Project::facts).toList(),
                terms.thresholds().forFund(fund.getKind(), fund.getToleranceRate()), terms.settings());
        return new Figures(fund, scope, asOf, List.copyOf(projects), failed, result);
    }

    /** LOOK_THROUGH means something only for a guidance fund; for any other it is DIRECT. */
    private static boolean looksThrough(FundRecord fund, Scope scope) {
        return scope == Scope.LOOK_THROUGH && FundKind.GUIDANCE.name().equals(fund.getKind());
    }

    /** The funds in which {@code guidanceCode} is the GUIDANCE partner (partners are never removed). */
    private static List<String> subFunds(DSLContext dsl, String guidanceCode) {
        return dsl.select(PARTNER.FUND_CODE).from(PARTNER)
                .where(PARTNER.PARTNER_CODE.eq(guidanceCode).and(PARTNER.ROLE.eq(PartnerRole.GUIDANCE.name())))
                .orderBy(PARTNER.FUND_CODE)
                .fetch(PARTNER.FUND_CODE);
    }
}
