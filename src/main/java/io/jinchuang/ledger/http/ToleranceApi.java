package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.auth.Principal;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.exemption.Condition;
import io.jinchuang.ledger.exemption.CsvReport;
import io.jinchuang.ledger.exemption.Determinations.RoleDetermination;
import io.jinchuang.ledger.exemption.ExemptionReport;
import io.jinchuang.ledger.exemption.HtmlReport;
import io.jinchuang.ledger.exemption.PdfReport;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.metrics.FundTolerance;
import io.jinchuang.ledger.tolerance.ProjectFacts;
import io.jinchuang.ledger.tolerance.Scope;
import io.jinchuang.ledger.tolerance.ToleranceResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SPEC §4/§5: a fund's tolerance, the portfolio view, and the exemption report in four formats. */
final class ToleranceApi {
    static final String JSON = "application/json";
    /** Offered in this order: JSON is the default when the client accepts anything. */
    static final List<String> REPORT_TYPES = List.of(JSON, "text/csv", "text/html", PdfReport.CONTENT_TYPE);

    private final Api api;

    ToleranceApi(Api api) {
        this.api = api;
    }

    private LocalDate asOf(Context ctx) {
        return Request.dateParam(ctx, "asOf", LocalDate.ofInstant(api.ledger.clock.instant(), ZoneOffset.UTC));
    }

    private static Scope scope(Context ctx) {
        String text = ctx.queryParam("scope");
        if (text == null || text.isEmpty()) {
            return Scope.DIRECT;
        }
        try {
            return Scope.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("scope", "must be DIRECT or LOOK_THROUGH");
        }
    }

    void fund(Context ctx) {
        FundRecord fund = api.readableFund(ctx, ctx.pathParam("code")); // 403 before any 422
        Request.onlyParams(ctx, "asOf", "scope");
        LocalDate asOf = asOf(ctx);
        Scope scope = scope(ctx);
        FundTolerance.Figures figures = api.ledger.db.read(dsl ->
                FundTolerance.of(dsl, fund, scope, asOf, api.ledger.toleranceTerms));
        List<Failed> failed = figures.failed().stream().map(p -> new Failed(p.fund(), p.facts())).toList();
        api.ok(ctx, toleranceJson(fund.getCode(), asOf, scope, figures.result(), failed));
    }

    /** Every fund the caller may read, nearest to (or furthest past) its threshold first. */
    void portfolio(Context ctx) {
        Request.onlyParams(ctx, "asOf", "scope");
        LocalDate asOf = asOf(ctx);
        Scope scope = scope(ctx);
        Principal principal = Request.principal(ctx);
        List<FundTolerance.Figures> all = api.ledger.db.read(dsl -> FundTolerance.portfolio(dsl,
                Funds.all(dsl).stream().filter(principal::canRead).toList(), scope, asOf, api.ledger.toleranceTerms));
        List<Map<String, Object>> funds = new ArrayList<>();
        for (FundTolerance.Figures f : all) {
            ToleranceResult r = f.result();
            funds.add(Json.obj("fund", f.fund().getCode(), "name", f.fund().getName(), "nameZh", f.fund().getNameZh(),
                    "kind", f.fund().getKind(), "manager", f.fund().getManager(), "projects", r.projects(),
                    "failedProjects", r.failedProjects(), "failureRate", r.failureRateText(),
                    "threshold", r.thresholdText(), "status", r.status().name(), "headroom", r.headroom(),
                    "lossRateByAmount", r.lossRateByAmountText()));
        }
        api.ok(ctx, Json.obj("asOf", asOf.toString(), "scope", scope.name(),
                "basis", api.ledger.toleranceTerms.settings().basis().name(), "funds", funds));
    }

    void exemptionReport(Context ctx) {
        String code = api.readableFund(ctx, ctx.pathParam("code")).getCode(); // 403 before any 422
        Request.onlyParams(ctx, "asOf");
        LocalDate asOf = asOf(ctx);
        String type = Accept.choose(ctx.header("Accept"), REPORT_TYPES);
        ctx.header("Vary", "Accept");
        if (type == null) {
            Problem.write(ctx, 406, "Not acceptable", "the exemption report is served as " + String.join(", ",
                    REPORT_TYPES), List.of());
            return;
        }
        Instant generatedAt = api.ledger.clock.instant().truncatedTo(ChronoUnit.MICROS);
        // the fund row is read again inside the report's transaction: its head bounds every fact read
        ExemptionReport report = api.ledger.db.read(dsl ->
                api.ledger.exemptionReports.of(dsl, Funds.require(dsl, code), asOf, generatedAt));
        var roles = api.ledger.exemptionReports.roles();
        String file = "exemption-report-" + code + "-" + asOf;
        switch (type) {
            case "text/csv" -> send(ctx, CsvReport.CONTENT_TYPE, "attachment; filename=\"" + file + ".csv\"",
                    CsvReport.render(report, roles));
            case "text/html" -> send(ctx, HtmlReport.CONTENT_TYPE, null, HtmlReport.render(report, roles));
            case PdfReport.CONTENT_TYPE -> send(ctx, PdfReport.CONTENT_TYPE, "inline; filename=\"" + file + ".pdf\"",
                    PdfReport.render(report, roles));
            default -> api.ok(ctx, reportJson(report));
        }
    }

    private static void send(Context ctx, String contentType, String disposition, byte[] body) {
        if (disposition != null) {
            ctx.header("Content-Disposition", disposition);
        }
        ctx.status(200).contentType(contentType).result(body);
    }

    /** A failed project with the fund that holds it (under LOOK_THROUGH one company may fail in two funds). */
    private record Failed(String fund, ProjectFacts facts) {}

    private static Map<String, Object> toleranceJson(String fund, LocalDate asOf, Scope scope, ToleranceResult r,
                                                     List<Failed> failed) {
        List<Map<String, Object>> failedJson = new ArrayList<>(failed.size());
        for (Failed f : failed) {
            failedJson.add(Json.obj("fund", f.fund(), "creditCode", f.facts().holding(), "name", f.facts().name(),
                    "cost", Json.money(f.facts().cost()), "proceeds", Json.money(f.facts().proceeds())));
        }
        return Json.obj("fund", fund, "asOf", asOf.toString(), "scope", scope.name(), "basis", r.basis().name(),
                "projects", r.projects(), "failedProjects", r.failedProjects(), "failureRate", r.failureRateText(),
                "threshold", r.thresholdText(), "status", r.status().name(), "headroom", r.headroom(),
                "lossRateByAmount", r.lossRateByAmountText(), "failed", failedJson);
    }

    private static Map<String, Object> reportJson(ExemptionReport report) {
        String fund = report.fund().code();
        List<Failed> failed = report.tolerance().failed().stream().map(f -> new Failed(fund, f)).toList();
        List<Map<String, Object>> projects = new ArrayList<>(report.projects().size());
        for (ExemptionReport.Project p : report.projects()) {
            projects.add(Json.obj("holding", p.holding(), "name", p.name(), "invested", Json.money(p.invested()),
                    "proceeds", Json.money(p.proceeds()), "state", p.state().name()));
        }
        List<Map<String, Object>> failedProjects = new ArrayList<>(report.failedProjects().size());
        for (ExemptionReport.FailedProject f : report.failedProjects()) {
            Map<String, Object> conditions = new LinkedHashMap<>();
            for (Condition condition : Condition.values()) {
                conditions.put(condition.name(), f.conditions().get(condition));
            }
            List<Map<String, Object>> determinations = new ArrayList<>();
            for (RoleDetermination d : f.determinations()) {
                determinations.add(Json.obj("role", d.role().name(), "determination", d.determination().name(),
                        "reasons", d.reasons()));
            }
            failedProjects.add(Json.obj("creditCode", f.creditCode(), "name", f.name(), "conditions", conditions,
                    "determinations", determinations));
        }
        return Json.obj("fund", fund, "asOf", report.asOf().toString(),
                "generatedAt", Json.instant(report.generatedAt().atOffset(ZoneOffset.UTC)),
                "journalHead", Json.obj("seq", report.journalHead().seq(), "hash", report.journalHead().hash()),
                "tolerance", toleranceJson(fund, report.asOf(), report.scope(), report.tolerance(), failed),
                "projects", projects, "failedProjects", failedProjects);
    }
}
