package io.jinchuang.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4/§5 over HTTP: tolerance per fund and across the portfolio, and the exemption
 * report in its four formats. Hand-made portfolios, each in funds of its own; the same
 * tests run on H2 and on PostgreSQL (see the two subclasses).
 */
abstract class ToleranceApiTests extends LedgerApiContract {
    private static final AtomicInteger NAMED_COMPANIES = new AtomicInteger();
    static final String MILLION = "1000000";

    // ---- SPEC §4: the figures --------------------------------------------------------------

    @Test
    void eightOfTenFailedIsWithinButWarnsAndANinthIsABreach() {
        String fund = fundWithCash("SEED", "Demo Capital");
        List<String> companies = portfolio(fund, 10, 8, "2021-09-01");

        JsonNode eight = tolerance(COMPLIANCE, fund, "?asOf=2021-12-31");
        assertEquals(fund, eight.path("fund").asText());
        assertEquals("2021-12-31", eight.path("asOf").asText());
        assertEquals("DIRECT", eight.path("scope").asText());
        assertEquals("REALIZED_LOSS", eight.path("basis").asText());
        assertEquals(10, eight.path("projects").asInt());
        assertEquals(8, eight.path("failedProjects").asInt());
        assertEquals("0.8000", eight.path("failureRate").asText());
        assertEquals("0.8000", eight.path("threshold").asText());
        assertEquals("WARNING", eight.path("status").asText(), "exactly 80% is within (inclusive), above 70%");
        assertEquals(0, eight.path("headroom").asInt());
        assertEquals("0.8000", eight.path("lossRateByAmount").asText());
        assertEquals(8, eight.path("failed").size());
        JsonNode first = eight.path("failed").get(0);
        assertEquals(Set.of("fund", "creditCode", "name", "cost", "proceeds"), fields(first));
        assertEquals("1000000.00", first.path("cost").asText());
        assertEquals("0.00", first.path("proceeds").asText());

        exit(fund, companies.get(8), "2022-03-01", "WRITE_OFF", "0", null);
        JsonNode nine = tolerance(COMPLIANCE, fund, "?asOf=2022-03-01");
        assertEquals(9, nine.path("failedProjects").asInt());
        assertEquals("0.9000", nine.path("failureRate").asText());
        assertEquals("BREACH", nine.path("status").asText());
        assertEquals(0, nine.path("headroom").asInt());
        // the day before the ninth failure the fund was still within its tolerance
        assertEquals("WARNING", tolerance(COMPLIANCE, fund, "?asOf=2022-02-28").path("status").asText());
    }

    /**
     * The SPEC's tolerance vector (vectors.json) posted as deals, not handed to the calculator:
     * ten projects of 10,000,000, exited or valued as the vector says; the figures the service
     * answers, and the ledger's own derivation under each failure basis, are the vector's.
     */
    @Test
    void theSpecVectorPostedAsDealsGivesItsFiguresOnEveryBasis() throws Exception {
        JsonNode vector;
        try (var in = ToleranceApiTests.class.getResourceAsStream("/spec/vectors.json")) {
            vector = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("tolerance");
        }
        String fund = fundWithCash("VENTURE", "Demo Capital");
        int n = 0;
        for (JsonNode project : vector.path("projects")) {
            String company = company(300 + n++);
            invest(fund, company, "2024-03-01", "10000000");
            String kind = project.get(0).asText();
            String amount = project.get(1).asText();
            if (kind.startsWith("HELD")) {
                post(MANAGER_OR_ADMIN, fund, "valuations", """
                        {"creditCode":"%s","date":"2025-06-30","fairValue":"%s"}""".formatted(company, amount));
            } else {
                exit(fund, company, "2025-06-30", kind, amount, null);
            }
        }
        JsonNode served = tolerance(COMPLIANCE, fund, "?asOf=2025-12-31");
        JsonNode expected = vector.path("expect").path(served.path("basis").asText());
        assertEquals(10, served.path("projects").asInt());
        assertEquals(expected.path("failed").asInt(), served.path("failedProjects").asInt());
        assertEquals(expected.path("failureRate").asText(), served.path("failureRate").asText());
        assertEquals(expected.path("headroom").asInt(), served.path("headroom").asInt());
        assertEquals(expected.path("status").asText(), served.path("status").asText());
        assertEquals(expected.path("lossRateByAmount").asText(), served.path("lossRateByAmount").asText());
        var ledger = service.ledger();
        for (var basis : io.jinchuang.ledger.tolerance.FailureBasis.values()) {
            var terms = new io.jinchuang.ledger.metrics.FundTolerance.Terms(
                    new io.jinchuang.ledger.tolerance.ToleranceSettings(basis, new java.math.BigDecimal("0.70")),
                    ledger.toleranceTerms.thresholds());
            var result = ledger.db.read(dsl -> io.jinchuang.ledger.metrics.FundTolerance.status(dsl,
                    io.jinchuang.ledger.funds.Funds.require(dsl, fund), io.jinchuang.ledger.tolerance.Scope.DIRECT,
                    java.time.LocalDate.parse("2025-12-31"), terms));
            JsonNode expect = vector.path("expect").path(basis.name());
            assertEquals(expect.path("failed").asInt(), result.failedProjects(), basis::name);
            assertEquals(expect.path("failureRate").asText(), result.failureRateText(), basis::name);
            assertEquals(expect.path("headroom").asInt(), result.headroom(), basis::name);
            assertEquals(expect.path("status").asText(), result.status().name(), basis::name);
            if (expect.has("lossRateByAmount")) {
                assertEquals(expect.path("lossRateByAmount").asText(), result.lossRateByAmountText(), basis::name);
            }
        }
    }

    @Test
    void aFundWithNoProjectsIsWithinWithRateZero() {
        String fund = fundWithCash("ANGEL", "Demo Capital");
        JsonNode none = tolerance(AUDITOR, fund, "");
        assertEquals(0, none.path("projects").asInt());
        assertEquals(0, none.path("failedProjects").asInt());
        assertEquals("0.0000", none.path("failureRate").asText());
        assertEquals("WITHIN", none.path("status").asText());
        assertEquals(0, none.path("headroom").asInt());
        assertEquals("0.0000", none.path("lossRateByAmount").asText());
        assertEquals(0, none.path("failed").size());
    }

    @Test
    void aProjectExitedInTwoPartsFailsOnlyWhenTheSecondClosesItAtALoss() {
        String fund = fundWithCash("SEED", "Demo Capital");
        String company = companyNamed("两步退出科技有限公司");
        invest(fund, company, "2021-03-01", "2000000");
        exit(fund, company, "2021-06-01", "SHARE_TRANSFER", "500000", "1000000");
        exit(fund, company, "2021-09-01", "LIQUIDATION", "200000", null);

        JsonNode beforeAnyExit = tolerance(ADMIN, fund, "?asOf=2021-05-31");
        assertEquals(1, beforeAnyExit.path("projects").asInt());
        assertEquals(0, beforeAnyExit.path("failedProjects").asInt());
        JsonNode afterPartial = tolerance(ADMIN, fund, "?asOf=2021-08-31");
        assertEquals(0, afterPartial.path("failedProjects").asInt(), "a partial exit leaves a live holding");
        JsonNode afterClose = tolerance(ADMIN, fund, "?asOf=2021-09-01");
        assertEquals(1, afterClose.path("failedProjects").asInt());
        assertEquals("1.0000", afterClose.path("failureRate").asText());
        assertEquals("BREACH", afterClose.path("status").asText());
        JsonNode failed = afterClose.path("failed").get(0);
        assertEquals(company, failed.path("creditCode").asText());
        assertEquals("两步退出科技有限公司", failed.path("name").asText());
        assertEquals("2000000.00", failed.path("cost").asText());
        assertEquals("700000.00", failed.path("proceeds").asText());
        // (2,000,000 − 700,000) ÷ 2,000,000
        assertEquals("0.6500", afterClose.path("lossRateByAmount").asText());

        JsonNode positions = ok(client.get(ADMIN, "/api/v1/funds/" + fund + "/positions?asOf=2021-08-31"), 200).json();
        assertEquals("HELD", positions.path("positions").get(0).path("state").asText());
        JsonNode report = report(COMPLIANCE, fund, "?asOf=2021-08-31");
        assertEquals("HELD", report.path("projects").get(0).path("state").asText());
        assertEquals(0, report.path("failedProjects").size());
        assertEquals("FAILED", report(COMPLIANCE, fund, "?asOf=2021-09-01").path("projects").get(0).path("state").asText());
    }

    @Test
    void lookThroughCountsEverySubFundsProjectsOncePerFundAndCompany() {
        Pair pair = guidanceAndSeed();
        String guidance = pair.guidance();
        String seed1 = pair.seed();
        String seed2 = createFund("SEED", "Demo Capital");
        partner(seed2, guidance, "GUIDANCE", "30000000");
        partner(seed2, "LP2", "LP", "70000000");
        ok(client.post(ADMIN, "/api/v1/funds/" + seed2 + "/capital-calls", """
                {"date":"2021-02-01","contributions":[{"partnerCode":"%s","amount":"30000000"},
                 {"partnerCode":"LP2","amount":"70000000"}]}""".formatted(guidance)), 201);
        String shared = company(31);
        // seed 1: two projects, one failed; seed 2: three projects (one the same company), two failed
        invest(seed1, shared, "2021-03-01", MILLION);
        String a = company(32);
        invest(seed1, a, "2021-03-01", MILLION);
        exit(seed1, a, "2021-10-01", "WRITE_OFF", "0", null);
        invest(seed2, shared, "2021-03-01", MILLION);
        exit(seed2, shared, "2021-10-01", "LIQUIDATION", "100000", null);
        String b = company(33);
        invest(seed2, b, "2021-03-01", MILLION);
        exit(seed2, b, "2021-10-01", "WRITE_OFF", "0", null);
        invest(seed2, company(34), "2021-03-01", MILLION);
        // the guidance fund's own direct project, held
        String direct = company(35);
        post(ADMIN, guidance, "investments", """
                {"creditCode":"%s","date":"2021-04-01","amount":"2000000","dueDiligenceRef":"DD-G",
                 "decisionRef":"IC-G","decisionDate":"2021-03-20"}""".formatted(direct));

        JsonNode own = tolerance(COMPLIANCE, guidance, "?asOf=2021-12-31&scope=DIRECT");
        assertEquals(1, own.path("projects").asInt(), "stakes in sub-funds are holdings, not projects");
        assertEquals(0, own.path("failedProjects").asInt());
        JsonNode through = tolerance(COMPLIANCE, guidance, "?asOf=2021-12-31&scope=LOOK_THROUGH");
        assertEquals("LOOK_THROUGH", through.path("scope").asText());
        assertEquals(6, through.path("projects").asInt(), "1 direct + 2 in seed 1 + 3 in seed 2");
        assertEquals(3, through.path("failedProjects").asInt());
        assertEquals("0.5000", through.path("failureRate").asText());
        assertEquals("WITHIN", through.path("status").asText());
        assertEquals(1, through.path("headroom").asInt(), "floor(0.8 × 6) − 3");
        Set<String> failedAt = new LinkedHashSet<>();
        through.path("failed").forEach(f -> failedAt.add(f.path("fund").asText() + "/" + f.path("creditCode").asText()));
        assertEquals(Set.of(seed1 + "/" + a, seed2 + "/" + shared, seed2 + "/" + b), failedAt);
        // before the failures, and for a fund that is not a guidance fund LOOK_THROUGH is DIRECT
        assertEquals(0, tolerance(COMPLIANCE, guidance, "?asOf=2021-09-30&scope=LOOK_THROUGH")
                .path("failedProjects").asInt());
        JsonNode seedThrough = tolerance(COMPLIANCE, seed2, "?asOf=2021-12-31&scope=LOOK_THROUGH");
        assertEquals(3, seedThrough.path("projects").asInt());
        assertEquals(2, seedThrough.path("failedProjects").asInt());
    }

    @Test
    void aReversedEntryCountsUntilTheDayOfItsReversal() {
        String fund = fundWithCash("SEED", "Demo Capital");
        String failed = company(71);
        String mistaken = company(72);
        invest(fund, failed, "2021-03-01", MILLION);
        exit(fund, failed, "2021-09-01", "WRITE_OFF", "0", null);
        long writeOff = headSeq(fund);
        invest(fund, mistaken, "2021-04-01", MILLION);
        long investment = headSeq(fund);
        assertEquals(2, tolerance(ADMIN, fund, "?asOf=2021-12-31").path("projects").asInt());
        assertEquals(1, tolerance(ADMIN, fund, "?asOf=2021-12-31").path("failedProjects").asInt());

        // a reversal takes the original's business date: as of any date, the entry never happened
        ok(client.post(ADMIN, "/api/v1/journal/" + fund + "/" + writeOff + "/reversal", "{\"reason\":\"not written off\"}"),
                201);
        ok(client.post(ADMIN, "/api/v1/journal/" + fund + "/" + investment + "/reversal", "{\"reason\":\"wrong fund\"}"),
                201);
        JsonNode after = tolerance(ADMIN, fund, "?asOf=2021-12-31");
        assertEquals(1, after.path("projects").asInt());
        assertEquals(0, after.path("failedProjects").asInt());
        JsonNode report = report(COMPLIANCE, fund, "?asOf=2021-12-31");
        assertEquals(1, report.path("projects").size());
        assertEquals("HELD", report.path("projects").get(0).path("state").asText());
        assertEquals(headSeq(fund), report.path("journalHead").path("seq").asLong());
    }

    // ---- SPEC §4: the portfolio view --------------------------------------------------------

    @Test
    void thePortfolioListsReadableFundsByFailureRateAndManagersSeeOnlyTheirOwn() {
        String half = fundWithCash("SEED", "Demo Capital");
        portfolio(half, 2, 1, "2021-09-01");
        String all = fundWithCash("ANGEL", "Demo Capital");
        portfolio(all, 1, 1, "2021-09-01");
        String none = fundWithCash("VENTURE", "Demo Capital");
        String others = fundWithCash("SEED", "Other Capital");
        String otherCompany = company(41);
        post(ADMIN, others, "investments", """
                {"creditCode":"%s","date":"2021-03-01","amount":"1000"}""".formatted(otherCompany));

        JsonNode view = ok(client.get(COMPLIANCE, "/api/v1/tolerance?asOf=2021-12-31"), 200).json();
        assertEquals("2021-12-31", view.path("asOf").asText());
        assertEquals("DIRECT", view.path("scope").asText());
        List<String> order = new ArrayList<>();
        String previousRate = null;
        String previousCode = null;
        for (JsonNode f : view.path("funds")) {
            String rate = f.path("failureRate").asText();
            String code = f.path("fund").asText();
            if (previousRate != null) {
                int byRate = rate.compareTo(previousRate);
                assertTrue(byRate < 0 || (byRate == 0 && code.compareTo(previousCode) > 0),
                        () -> "not ordered by failure rate, then code: " + view);
            }
            previousRate = rate;
            previousCode = code;
            order.add(code);
        }
        assertTrue(order.indexOf(all) < order.indexOf(half) && order.indexOf(half) < order.indexOf(none), order::toString);
        assertTrue(order.contains(others), "compliance reads every fund");
        JsonNode halfRow = view.path("funds").get(order.indexOf(half));
        assertEquals("0.5000", halfRow.path("failureRate").asText());
        assertEquals("WITHIN", halfRow.path("status").asText());
        assertEquals("BREACH", view.path("funds").get(order.indexOf(all)).path("status").asText());

        JsonNode managers = ok(client.get(MANAGER, "/api/v1/tolerance?asOf=2021-12-31"), 200).json();
        assertFalse(managers.path("funds").isEmpty());
        managers.path("funds").forEach(f -> assertEquals("Demo Capital", f.path("manager").asText()));
        JsonNode other = ok(client.get(otherManager, "/api/v1/tolerance?asOf=2021-12-31"), 200).json();
        Set<String> otherFunds = new LinkedHashSet<>();
        other.path("funds").forEach(f -> otherFunds.add(f.path("fund").asText()));
        assertTrue(otherFunds.contains(others));
        assertFalse(otherFunds.contains(half));
        other.path("funds").forEach(f -> assertEquals("Other Capital", f.path("manager").asText()));
        assertProblem(client.get(AUDITOR, "/api/v1/tolerance?scope=SIDEWAYS"), 422, "scope");
    }

    // ---- SPEC §5: conditions and determinations ---------------------------------------------

    @Test
    void aFollowOnDecidedAfterItWasMadeIsNotEligible() {
        String fund = fundWithCash("SEED", "Demo Capital");
        String company = companyNamed("跟投决策滞后有限公司");
        invest(fund, company, "2021-03-01", MILLION);
        post(MANAGER, fund, "investments", """
                {"creditCode":"%s","date":"2021-06-01","amount":"500000","round":"A+","dueDiligenceRef":"DD-2",
                 "decisionRef":"IC-2","decisionDate":"2021-06-15"}""".formatted(company));
        exit(fund, company, "2021-12-01", "WRITE_OFF", "0", null);

        JsonNode report = report(COMPLIANCE, fund, "?asOf=2021-12-31");
        JsonNode failed = report.path("failedProjects").get(0);
        assertEquals(company, failed.path("creditCode").asText());
        JsonNode conditions = failed.path("conditions");
        assertTrue(conditions.path("RIGOROUS_SELECTION").asBoolean());
        assertFalse(conditions.path("COMPLETE_DECISION").asBoolean());
        assertTrue(conditions.path("DILIGENT_MANAGEMENT").asBoolean());
        assertTrue(conditions.path("MARKET_RULES").asBoolean());
        List<String> roles = new ArrayList<>();
        for (JsonNode d : failed.path("determinations")) {
            roles.add(d.path("role").asText());
            assertEquals("NOT_ELIGIBLE", d.path("determination").asText());
            assertEquals("[\"COMPLETE_DECISION\"]", d.path("reasons").toString());
        }
        assertEquals(List.of("DECISION_BODY", "COMPETENT_DEPARTMENT", "CONTRIBUTOR_REPRESENTATIVE", "ENTRUSTED_MANAGER",
                "PRACTITIONERS"), roles);
    }

    @Test
    void missingDueDiligenceAndAConflictOfInterestAreEachAnUnmetCondition() {
        String fund = fundWithCash("ANGEL", "Demo Capital");
        String noDiligence = company(51);
        post(MANAGER, fund, "investments", """
                {"creditCode":"%s","date":"2021-03-01","amount":"1000000","decisionRef":"IC-1",
                 "decisionDate":"2021-02-20"}""".formatted(noDiligence));
        String conflicted = company(52);
        post(MANAGER, fund, "investments", """
                {"creditCode":"%s","date":"2021-03-01","amount":"1000000","dueDiligenceRef":"DD-1","decisionRef":"IC-1",
                 "decisionDate":"2021-02-20","conflictOfInterest":true}""".formatted(conflicted));
        for (int n = 0; n < 3; n++) {
            invest(fund, company(53 + n), "2021-03-01", MILLION);
        }
        exit(fund, noDiligence, "2021-12-01", "WRITE_OFF", "0", null);
        exit(fund, conflicted, "2021-12-01", "WRITE_OFF", "0", null);

        Map<String, JsonNode> failed = failedByCode(report(COMPLIANCE, fund, "?asOf=2021-12-31"));
        assertFalse(failed.get(noDiligence).path("conditions").path("RIGOROUS_SELECTION").asBoolean());
        assertEquals("[\"RIGOROUS_SELECTION\"]", failed.get(noDiligence).path("determinations").get(0).path("reasons")
                .toString());
        assertFalse(failed.get(conflicted).path("conditions").path("MARKET_RULES").asBoolean());
        assertEquals("NOT_ELIGIBLE", failed.get(conflicted).path("determinations").get(4).path("determination").asText());
    }

    @Test
    void aMonitoringGapOf366DaysIsDiligentAnd367IsNot() {
        String fund = fundWithCash("SEED", "Demo Capital");
        String kept = company(61);
        String lapsed = company(62);
        invest(fund, kept, "2021-03-01", MILLION);
        invest(fund, lapsed, "2021-03-01", MILLION);
        for (int n = 0; n < 8; n++) {
            invest(fund, company(63 + n), "2021-03-01", MILLION);
        }
        monitor(fund, kept, "2022-03-02");    // 366 days after the investment
        monitor(fund, lapsed, "2022-03-03");  // 367 days after it
        exit(fund, kept, "2023-03-03", "WRITE_OFF", "0", null);    // 366 days after the report
        exit(fund, lapsed, "2022-06-01", "WRITE_OFF", "0", null);

        JsonNode report = report(AUDITOR, fund, "?asOf=2023-12-31");
        Map<String, JsonNode> failed = failedByCode(report);
        assertTrue(failed.get(kept).path("conditions").path("DILIGENT_MANAGEMENT").asBoolean());
        assertFalse(failed.get(lapsed).path("conditions").path("DILIGENT_MANAGEMENT").asBoolean());
        // 2 of 10 failed: within, so the diligent project is eligible for every role
        assertEquals("WITHIN", report.path("tolerance").path("status").asText());
        for (JsonNode d : failed.get(kept).path("determinations")) {
            assertEquals("ELIGIBLE", d.path("determination").asText());
            assertEquals(0, d.path("reasons").size());
        }
        assertEquals("[\"DILIGENT_MANAGEMENT\"]",
                failed.get(lapsed).path("determinations").get(0).path("reasons").toString());
    }

    @Test
    void theReportFollowsTheAsOfDateAndABreachSendsDiligentProjectsToReview() {
        String fund = fundWithCash("SEED", "Demo Capital");
        List<String> companies = portfolio(fund, 10, 8, "2021-09-01");
        exit(fund, companies.get(8), "2022-03-01", "WRITE_OFF", "0", null);

        JsonNode before = report(COMPLIANCE, fund, "?asOf=2021-08-31");
        assertEquals(0, before.path("failedProjects").size());
        assertEquals("WITHIN", before.path("tolerance").path("status").asText());
        JsonNode warning = report(COMPLIANCE, fund, "?asOf=2021-12-31");
        assertEquals(8, warning.path("failedProjects").size());
        assertEquals("ELIGIBLE", warning.path("failedProjects").get(0).path("determinations").get(0)
                .path("determination").asText());
        JsonNode breach = report(COMPLIANCE, fund, "?asOf=2022-03-01");
        assertEquals(9, breach.path("failedProjects").size());
        for (JsonNode f : breach.path("failedProjects")) {
            for (JsonNode d : f.path("determinations")) {
                assertEquals("REVIEW_REQUIRED", d.path("determination").asText());
                assertEquals("[\"TOLERANCE_BREACH\"]", d.path("reasons").toString());
            }
        }
    }

    @Test
    void theJsonReportHasTheContractsShapeAndNamesTheJournalHead() {
        String fund = fundWithCash("SEED", "Demo Capital");
        List<String> companies = portfolio(fund, 3, 1, "2021-09-01");
        JsonNode report = report(COMPLIANCE, fund, "?asOf=2021-12-31");
        assertEquals(Set.of("fund", "asOf", "generatedAt", "journalHead", "tolerance", "projects", "failedProjects"),
                fields(report));
        assertTrue(report.path("generatedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                report.path("generatedAt")::asText);
        JsonNode verify = ok(client.get(ADMIN, "/api/v1/journal/verify?fund=" + fund), 200).json().path("funds").get(0);
        assertEquals(verify.path("headSeq").asLong(), report.path("journalHead").path("seq").asLong());
        assertEquals(verify.path("headHash").asText(), report.path("journalHead").path("hash").asText());
        assertEquals(Set.of("fund", "asOf", "scope", "basis", "projects", "failedProjects", "failureRate", "threshold",
                "status", "headroom", "lossRateByAmount", "failed"), fields(report.path("tolerance")));
        assertEquals(3, report.path("projects").size());
        assertEquals(Set.of("holding", "name", "invested", "proceeds", "state"), fields(report.path("projects").get(0)));
        JsonNode failed = report.path("failedProjects").get(0);
        assertEquals(companies.get(0), failed.path("creditCode").asText());
        assertEquals(Set.of("creditCode", "name", "conditions", "determinations"), fields(failed));
        assertEquals(List.of("RIGOROUS_SELECTION", "COMPLETE_DECISION", "DILIGENT_MANAGEMENT", "MARKET_RULES"),
                new ArrayList<>(fields(failed.path("conditions"))));
        assertEquals(Set.of("role", "determination", "reasons"), fields(failed.path("determinations").get(0)));
        assertProblem(client.get(COMPLIANCE, "/api/v1/funds/" + fund + "/exemption-report?scope=DIRECT"), 422, "scope");
        assertProblem(client.get(COMPLIANCE, "/api/v1/funds/" + fund + "/tolerance?scope=direct"), 422, "scope");
    }

    // ---- SPEC §5: the four formats -------------------------------------------------------------

    @Test
    void theCsvStartsWithAByteOrderMarkAndCarriesBilingualLabels() throws Exception {
        String fund = fundWithCash("SEED", "Demo Capital");
        String company = companyNamed("=晋创谷失败企业");
        invest(fund, company, "2021-03-01", MILLION);
        exit(fund, company, "2021-09-01", "WRITE_OFF", "0", null);
        TestClient.BytesReply csv = ok(client.getBytes(COMPLIANCE, reportPath(fund, "?asOf=2021-12-31"), "text/csv"));
        assertTrue(csv.contentType().startsWith("text/csv"), csv::toString);
        assertTrue(csv.contentType().toLowerCase().contains("charset=utf-8"), csv::toString);
        assertEquals(0xEF, csv.body()[0] & 0xFF);
        assertEquals(0xBB, csv.body()[1] & 0xFF);
        assertEquals(0xBF, csv.body()[2] & 0xFF);
        assertTrue(String.join(",", csv.headers().getOrDefault("content-disposition", List.of())).contains(".csv"));
        String text = csv.text().substring(1);
        List<CSVRecord> rows = CSVFormat.EXCEL.parse(new StringReader(text)).getRecords();
        assertEquals("尽职免责报告 / Due-Diligence Exemption Report", rows.get(0).get(0));
        Map<String, String> summary = new HashMap<>();
        rows.stream().filter(r -> r.size() == 2).forEach(r -> summary.put(r.get(0), r.get(1)));
        assertEquals(fund, summary.get("基金 / Fund"));
        assertEquals("1.0000", summary.get("项目失败率 / Failure rate"));
        assertEquals("超出容错上限 / Breach", summary.get("容错状态 / Status"));
        CSVRecord header = rows.stream().filter(r -> r.get(0).equals("统一社会信用代码 / Credit code")).findFirst()
                .orElseThrow();
        assertTrue(header.toList().contains("投资决策程序完备 / Complete decision procedure"), header::toString);
        CSVRecord project = rows.get(rows.size() - 1);
        assertEquals(company, project.get(0));
        assertEquals("'=晋创谷失败企业", project.get(1), "a name is never a spreadsheet formula");
        assertEquals("失败 / Failed", project.get(4));
        assertTrue(project.toList().contains("个案审查 / Review required"), project::toString);
    }

    @Test
    void theHtmlIsAPrintablePageWithBilingualLabelsAndEscapedNames() {
        String fund = fundWithCash("SEED", "Demo Capital");
        String company = companyNamed("<b>太原</b> & Co");
        invest(fund, company, "2021-03-01", MILLION);
        exit(fund, company, "2021-09-01", "WRITE_OFF", "0", null);
        TestClient.BytesReply html = ok(client.getBytes(AUDITOR, reportPath(fund, "?asOf=2021-12-31"),
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertTrue(html.contentType().startsWith("text/html"), html::toString);
        String page = html.text();
        for (String label : List.of("尽职免责报告", "Due-Diligence Exemption Report", "项目失败率 / Failure rate",
                "科学严谨遴选项目 / Rigorous selection", "管理机构尽职尽责 / Diligent management",
                "决策机构 / Decision body", "从业人员 / Practitioners", "个案审查 / Review required")) {
            assertTrue(page.contains(label), () -> "missing " + label);
        }
        assertTrue(page.contains("@media print"), "print CSS");
        assertTrue(page.contains("&lt;b&gt;太原&lt;/b&gt; &amp; Co"), "names are escaped");
        assertFalse(page.contains("<b>太原"), "no markup from user input");
    }

    @Test
    void thePdfEmbedsAChineseFontSoItsTextCanBeReadBack() throws Exception {
        String fund = fundWithCash("SEED", "Demo Capital");
        String company = companyNamed("太原激光雷达科技有限公司");
        invest(fund, company, "2021-03-01", MILLION);
        exit(fund, company, "2021-09-01", "WRITE_OFF", "0", null);
        String emoji = companyNamed("\uD83D\uDE00晋创科技"); // the font has no emoji: shown as □, not dropped
        invest(fund, emoji, "2021-03-01", MILLION);
        exit(fund, emoji, "2021-09-01", "WRITE_OFF", "0", null);
        TestClient.BytesReply pdf = ok(client.getBytes(COMPLIANCE, reportPath(fund, "?asOf=2021-12-31"),
                "application/pdf"));
        assertEquals("application/pdf", pdf.contentType());
        assertEquals("%PDF-", new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII));
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            // a narrow table cell wraps a label over lines: compare without the white space
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            for (String expected : List.of("尽职免责报告", "项目失败率", "科学严谨遴选项目", "投资决策程序完备",
                    "决策机构", "个案审查", "太原激光雷达科技有限公司", company, fund, "\u25A1晋创科技")) {
                assertTrue(text.contains(expected), () -> "the PDF's text lacks " + expected + ":\n" + text);
            }
            boolean embedded = false;
            for (var page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    var font = page.getResources().getFont(name);
                    embedded |= font.getName().contains("NotoSansSC") && font.isEmbedded();
                }
            }
            assertTrue(embedded, "Noto Sans SC is embedded");
        }
    }

    @Test
    void anUnsupportedAcceptIs406AndJsonIsTheDefault() {
        String fund = fundWithCash("SEED", "Demo Capital");
        TestClient.BytesReply refused = client.getBytes(COMPLIANCE, reportPath(fund, ""), "application/xml");
        assertEquals(406, refused.status(), refused::toString);
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
        assertEquals(406, client.getBytes(COMPLIANCE, reportPath(fund, ""), "text/csv;q=0, image/png").status());
        TestClient.BytesReply any = ok(client.getBytes(COMPLIANCE, reportPath(fund, ""), "*/*"));
        assertTrue(any.contentType().startsWith("application/json"), any::toString);
        TestClient.BytesReply none = ok(client.getBytes(COMPLIANCE, reportPath(fund, ""), null));
        assertTrue(none.contentType().startsWith("application/json"), none::toString);
        TestClient.BytesReply preferred = ok(client.getBytes(COMPLIANCE, reportPath(fund, ""),
                "application/json;q=0.5, application/pdf"));
        assertEquals("application/pdf", preferred.contentType());
    }

    @Test
    void complianceAuditorsAndAdminsReadEveryReportManagersOnlyTheirOwn() {
        String fund = fundWithCash("SEED", "Demo Capital");
        for (String token : List.of(ADMIN, COMPLIANCE, AUDITOR, MANAGER)) {
            ok(client.get(token, reportPath(fund, "")), 200);
            ok(client.get(token, "/api/v1/funds/" + fund + "/tolerance"), 200);
        }
        assertProblem(client.get(otherManager, reportPath(fund, "")), 403, null);
        assertProblem(client.get(otherManager, "/api/v1/funds/" + fund + "/tolerance"), 403, null);
        assertProblem(client.get(null, reportPath(fund, "")), 401, null);
        assertProblem(client.get(null, "/api/v1/tolerance"), 401, null);
        assertProblem(client.get(COMPLIANCE, reportPath("NO-SUCH-FUND", "")), 404, null);
        assertProblem(client.get(COMPLIANCE, "/api/v1/funds/" + fund + "/tolerance?asOf=2021-02-30"), 422, "asOf");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A fund with 200,000,000 of cash from one LP, opened 2021-01-01. */
    String fundWithCash(String kind, String manager) {
        String fund = createFund(kind, manager);
        partner(fund, "LP1", "LP", "500000000");
        call(fund, "2021-01-05", "LP1", "200000000");
        return fund;
    }

    /** {@code total} projects of 1,000,000 invested on 2021-03-01, the first {@code failed} written off on {@code failedOn}. */
    List<String> portfolio(String fund, int total, int failed, String failedOn) {
        List<String> companies = new ArrayList<>();
        for (int n = 0; n < total; n++) {
            String company = company(100 + n);
            invest(fund, company, "2021-03-01", MILLION);
            companies.add(company);
        }
        for (int n = 0; n < failed; n++) {
            exit(fund, companies.get(n), failedOn, "WRITE_OFF", "0", null);
        }
        return companies;
    }

    String companyNamed(String name) {
        String first17 = "91140777MB" + String.format("%07d", NAMED_COMPANIES.incrementAndGet());
        String code = first17 + io.jinchuang.ledger.companies.CreditCode.checkCharacter(first17);
        ok(client.post(ADMIN, "/api/v1/companies", """
                {"creditCode":"%s","name":%s,"sector":"tech"}""".formatted(code, quoted(name))), 201);
        return code;
    }

    void exit(String fund, String company, String date, String type, String proceeds, String costReleased) {
        String released = costReleased == null ? "" : ",\"costReleased\":\"" + costReleased + "\"";
        post(MANAGER_OR_ADMIN, fund, "exits", """
                {"creditCode":"%s","date":"%s","type":"%s","proceeds":"%s"%s}""".formatted(company, date, type, proceeds,
                released));
    }

    void monitor(String fund, String company, String date) {
        post(MANAGER_OR_ADMIN, fund, "monitoring-reports", """
                {"creditCode":"%s","date":"%s","reportRef":"MR-%s"}""".formatted(company, date, date));
    }

    /** Setup posts go through the admin, which may post to every fund. */
    static final String MANAGER_OR_ADMIN = ADMIN;

    void post(String token, String fund, String resource, String body) {
        ok(client.post(token, "/api/v1/funds/" + fund + "/" + resource, body), 201);
    }

    JsonNode tolerance(String token, String fund, String query) {
        return ok(client.get(token, "/api/v1/funds/" + fund + "/tolerance" + query), 200).json();
    }

    JsonNode report(String token, String fund, String query) {
        TestClient.Reply reply = ok(client.get(token, reportPath(fund, query)), 200);
        assertTrue(reply.contentType().startsWith("application/json"), reply::toString);
        return reply.json();
    }

    static String reportPath(String fund, String query) {
        return "/api/v1/funds/" + fund + "/exemption-report" + query;
    }

    TestClient.BytesReply ok(TestClient.BytesReply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply;
    }

    static Map<String, JsonNode> failedByCode(JsonNode report) {
        Map<String, JsonNode> byCode = new HashMap<>();
        report.path("failedProjects").forEach(f -> byCode.put(f.path("creditCode").asText(), f));
        return byCode;
    }

    static Set<String> fields(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String quoted(String text) {
        try {
            return TestClient.JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
