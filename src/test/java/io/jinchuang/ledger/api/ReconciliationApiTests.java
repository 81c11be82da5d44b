package io.jinchuang.ledger.api;

import static io.jinchuang.ledger.api.ReconciliationSupport.fund;
import static io.jinchuang.ledger.api.ReconciliationSupport.reconcile;
import static io.jinchuang.ledger.api.ReconciliationSupport.row;
import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;
import static io.jinchuang.ledger.db.Tables.RECONCILIATION_REPORT_CHUNK;
import static io.jinchuang.ledger.db.Tables.RECONCILIATION_REPORT_PART;
import static io.jinchuang.ledger.db.Tables.RECONCILIATION_RUN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §7 over HTTP, without closing any year (closes are in {@link PeriodCloseApiTests}, whose
 * ledger they change for good): the checks, the figures of the report, statement matching,
 * determinism and who may run and read it.
 */
abstract class ReconciliationApiTests extends LedgerApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCleanYearGivesItsFiguresPerFund() {
        Pair pair = guidanceAndSeed();
        String seed = pair.seed();
        partner(seed, "C", "LP", "10000000");
        String alpha = company(21);
        String beta = company(22);
        investing(seed, alpha, "2024-06-01", "10000000");
        call(seed, "2025-02-01", "C", "4000000");
        investing(seed, alpha, "2025-03-01", "5000000");
        investing(seed, beta, "2025-04-01", "2000000");
        exit(seed, beta, "2025-09-30", "WRITE_OFF", "0", null);
        exit(seed, alpha, "2025-10-15", "SHARE_TRANSFER", "9000000", "6000000");
        ok(client.post(MANAGER, "/api/v1/funds/" + seed + "/distributions", """
                {"date":"2025-11-30","amount":"10000000"}"""), 201);
        investing(seed, alpha, "2026-01-15", "1000000"); // after the year: not in its figures

        JsonNode run = reconcile(client, AUDITOR, "{\"year\":2025}");
        assertEquals("COMPLETE", run.path("status").asText());
        assertTrue(run.path("clean").asBoolean(), run::toString);
        JsonNode report = run.path("report");
        assertEquals(2025, report.path("year").asInt());
        assertEquals("the period is open", report.path("close").path("detail").asText());
        JsonNode f = fund(run, seed);
        assertTrue(f.path("clean").asBoolean());
        assertTrue(f.path("journal").path("chainOk").asBoolean());
        JsonNode cash = row(f.path("balances"), "account", "Assets:Cash");
        assertEquals("90000000.00", cash.path("opening").asText());
        assertEquals("13000000.00", cash.path("debits").asText());   // call 4M + exit proceeds 9M
        assertEquals("17000000.00", cash.path("credits").asText());  // investments 7M + distribution 10M
        assertEquals("86000000.00", cash.path("closing").asText());
        assertEquals("4000000.00", f.path("capitalCalls").path("total").asText());
        assertEquals("4000000.00", row(f.path("capitalCalls").path("partners"), "partnerCode", "C")
                .path("amount").asText());
        assertEquals("7000000.00", f.path("investments").path("total").asText());
        assertEquals(2, f.path("investments").path("count").asInt());
        assertEquals("9000000.00", f.path("exits").path("proceeds").asText());
        assertEquals("8000000.00", f.path("exits").path("costReleased").asText());
        assertEquals("10000000.00", f.path("distributions").path("total").asText());
        assertEquals("3000000.00", f.path("realisedGains").path("gains").asText());
        assertEquals("-2000000.00", f.path("realisedGains").path("losses").asText());
        assertEquals("1000000.00", f.path("realisedGains").path("net").asText());
        JsonNode tolerance = f.path("tolerance");
        assertEquals("2025-12-31", tolerance.path("asOf").asText());
        assertEquals(2, tolerance.path("projects").asInt());
        assertEquals(1, tolerance.path("failedProjects").asInt());
        assertEquals("0.5000", tolerance.path("failureRate").asText());
        assertEquals("WITHIN", tolerance.path("status").asText());
        assertEquals(0, f.path("firstLossSettlements").size());
        assertFalse(f.path("bank").path("statementGiven").asBoolean());
        assertEquals(5, f.path("bank").path("cashMovements").asInt());
        // the guidance fund's side of the distribution is in its own books
        JsonNode guidance = fund(run, pair.guidance());
        assertTrue(row(guidance.path("balances"), "account", "Assets:FundInvestments:" + seed + ":Returned")
                .path("credits").asText().compareTo("0.00") != 0);
    }

    @Test
    void theRollForwardTiesEachHoldingsCostToItsAccount() {
        Pair pair = guidanceAndSeed();
        String seed = pair.seed();
        String alpha = company(31);
        String beta = company(32);
        investing(seed, alpha, "2023-05-01", "8000000");
        long betaSeq = investing(seed, beta, "2024-02-01", "3000000");
        investing(seed, alpha, "2024-07-01", "2000000.50");
        exit(seed, alpha, "2024-11-30", "BUYBACK", "4500000", "4000000");
        // a 2023 investment reversed in 2024 is an adjustment of 2024, not of its own year
        ok(client.post(MANAGER, "/api/v1/journal/" + seed + "/" + betaSeq + "/reversal",
                "{\"reason\":\"posted to the wrong fund\"}"), 201);

        JsonNode f = fund(reconcile(client, ADMIN, "{\"year\":2024}"), seed);
        JsonNode a = row(f.path("rollForward"), "holding", alpha);
        assertEquals("8000000.00", a.path("opening").asText());
        assertEquals("2000000.50", a.path("invested").asText());
        assertEquals("4000000.00", a.path("costReleased").asText());
        assertEquals("0.00", a.path("reversals").asText());
        assertEquals("6000000.50", a.path("closing").asText());
        assertEquals("6000000.50", a.path("ledgerClosing").asText());
        assertTrue(a.path("agrees").asBoolean());
        // beta was invested and reversed on the same date in 2024: nothing opens, nothing stays
        assertFalse(f.path("rollForward").toString().contains(beta), f::toString);
        assertTrue(f.path("clean").asBoolean(), f::toString);
        assertEquals("500000.00", f.path("realisedGains").path("net").asText());
    }

    @Test
    void aKeptBalanceThatDisagreesWithTheJournalIsADiscrepancy() {
        Pair pair = guidanceAndSeed();
        String seed = pair.seed();
        tamper(seed, "Assets:Cash", new BigDecimal("0.01"));
        try {
            JsonNode run = reconcile(client, AUDITOR, "{\"year\":2024}");
            assertFalse(run.path("clean").asBoolean());
            assertTrue(run.path("discrepancies").asInt() >= 1);
            JsonNode f = fund(run, seed);
            assertFalse(f.path("clean").asBoolean());
            JsonNode mismatch = row(f.path("keptBalances").path("mismatches"), "account", "Assets:Cash");
            assertEquals("0.01", mismatch.path("difference").asText());
            JsonNode discrepancy = row(f.path("discrepancies"), "kind", "KEPT_BALANCE");
            assertEquals("Assets:Cash", discrepancy.path("subject").asText());
        } finally {
            tamper(seed, "Assets:Cash", new BigDecimal("-0.01"));
        }
        assertTrue(fund(reconcile(client, AUDITOR, "{\"year\":2024}"), seed).path("clean").asBoolean());
    }

    @Test
    void anAlteredEntryBreaksTheChainAndAnUnbalancedEntryIsNamed() {
        Pair pair = guidanceAndSeed();
        String seed = pair.seed();
        long seq = investing(seed, company(36), "2025-01-20", "3000000");
        String payload = service.ledger().db.read(dsl -> dsl.select(JOURNAL_ENTRY.PAYLOAD).from(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.FUND_CODE.eq(seed).and(JOURNAL_ENTRY.SEQ.eq(seq))).fetchOne(JOURNAL_ENTRY.PAYLOAD));
        service.ledger().db.dsl().transaction(c -> c.dsl().update(JOURNAL_ENTRY)
                .set(JOURNAL_ENTRY.PAYLOAD, payload.replace("3000000.00", "300000.00"))
                .where(JOURNAL_ENTRY.FUND_CODE.eq(seed).and(JOURNAL_ENTRY.SEQ.eq(seq))).execute());
        try {
            JsonNode f = fund(reconcile(client, AUDITOR, "{\"year\":2025}"), seed);
            assertFalse(f.path("journal").path("chainOk").asBoolean());
            assertEquals(seq, f.path("journal").path("firstBreakSeq").asLong());
            JsonNode chain = row(f.path("discrepancies"), "kind", "CHAIN");
            assertEquals("seq " + seq, chain.path("subject").asText());
            assertTrue(chain.path("detail").asText().contains("hash"), chain::toString);
        } finally {
            service.ledger().db.dsl().transaction(c -> c.dsl().update(JOURNAL_ENTRY).set(JOURNAL_ENTRY.PAYLOAD, payload)
                    .where(JOURNAL_ENTRY.FUND_CODE.eq(seed).and(JOURNAL_ENTRY.SEQ.eq(seq))).execute());
        }
        service.ledger().db.dsl().transaction(c -> c.dsl().update(JOURNAL_LINE)
                .set(JOURNAL_LINE.DEBIT, JOURNAL_LINE.DEBIT.plus(new BigDecimal("1.00")))
                .where(JOURNAL_LINE.FUND_CODE.eq(seed).and(JOURNAL_LINE.SEQ.eq(seq)).and(JOURNAL_LINE.LINE_NO.eq(1)))
                .execute());
        try {
            JsonNode f = fund(reconcile(client, AUDITOR, "{\"year\":2025}"), seed);
            assertEquals(1, f.path("journal").path("unbalancedEntries").asInt());
            assertEquals("seq " + seq, row(f.path("discrepancies"), "kind", "UNBALANCED_ENTRY").path("subject").asText());
            assertEquals(seq, f.path("journal").path("firstBreakSeq").asLong());
            assertEquals("-1.00", row(f.path("keptBalances").path("mismatches"), "account",
                    "Assets:Investments:" + row(f.path("rollForward"), "invested", "3000000.00").path("holding").asText())
                    .path("difference").asText());
        } finally {
            service.ledger().db.dsl().transaction(c -> c.dsl().update(JOURNAL_LINE)
                    .set(JOURNAL_LINE.DEBIT, JOURNAL_LINE.DEBIT.minus(new BigDecimal("1.00")))
                    .where(JOURNAL_LINE.FUND_CODE.eq(seed).and(JOURNAL_LINE.SEQ.eq(seq)).and(JOURNAL_LINE.LINE_NO.eq(1)))
                    .execute());
        }
        assertTrue(fund(reconcile(client, AUDITOR, "{\"year\":2025}"), seed).path("clean").asBoolean());
    }

    @Test
    void theBankStatementIsMatchedByReferenceThenByAmountAndDate() {
        String fund = fundWithCalledCash();
        String x = company(41);
        String y = company(42);
        investing(fund, x, "2025-02-01", "10000000");
        ok(client.post(MANAGER, "/api/v1/funds/" + fund + "/investments", """
                {"creditCode":"%s","date":"2025-03-01","amount":"7000000","reference":"INV-Y"}""".formatted(y)), 201);
        String body = """
                {"year":2025,"statements":[{"fund":"%s","lines":[
                  {"date":"2025-01-12","amount":"50000000.00","reference":"CALL-2025-01"},
                  {"date":"2025-02-03","amount":"-10000000"},
                  {"date":"2025-06-30","amount":"-150.00","reference":"FEE-06"}]}]}""".formatted(fund);
        JsonNode run = reconcile(client, AUDITOR, body);
        JsonNode bank = fund(run, fund).path("bank");
        assertTrue(bank.path("statementGiven").asBoolean());
        assertEquals(3, bank.path("statementLines").asInt());
        assertEquals(1, bank.path("matchedByReference").asInt());
        assertEquals(1, bank.path("matchedByAmountAndDate").asInt());
        assertEquals("REFERENCE", row(bank.path("matches"), "line", "1").path("by").asText());
        assertEquals("AMOUNT_AND_DATE", row(bank.path("matches"), "line", "2").path("by").asText());
        assertEquals(1, bank.path("unmatchedLedger").size());
        assertEquals("INV-Y", bank.path("unmatchedLedger").get(0).path("reference").asText());
        assertEquals("-7000000.00", bank.path("unmatchedLedger").get(0).path("amount").asText());
        assertEquals(1, bank.path("unmatchedStatement").size());
        assertEquals(3, bank.path("unmatchedStatement").get(0).path("line").asInt());
        assertFalse(run.path("clean").asBoolean());
        JsonNode found = fund(run, fund).path("discrepancies");
        assertEquals("BANK_UNMATCHED_LEDGER", found.get(0).path("kind").asText());
        assertEquals("BANK_UNMATCHED_STATEMENT", found.get(1).path("kind").asText());
        assertEquals(2, found.size());
    }

    @Test
    void anEntryReversedInTheSameYearMovedNoMoneyAndNeedsNoStatementLine() {
        String fund = fundWithCalledCash();
        long mistaken = investing(fund, company(43), "2025-04-01", "3000000");
        long reversal = ok(client.post(MANAGER, "/api/v1/journal/" + fund + "/" + mistaken + "/reversal",
                "{\"reason\":\"posted to the wrong fund\"}"), 201).json().path("seq").asLong();
        String body = """
                {"year":2025,"statements":[{"fund":"%s","lines":[
                  {"date":"2025-01-12","amount":"50000000.00","reference":"CALL-2025-01"}]}]}""".formatted(fund);
        JsonNode run = reconcile(client, AUDITOR, body);
        JsonNode report = fund(run, fund);
        JsonNode bank = report.path("bank");
        assertEquals(1, bank.path("matchedByReference").asInt());
        assertEquals(0, bank.path("unmatchedLedger").size(), bank::toPrettyString);
        assertEquals(0, bank.path("unmatchedStatement").size());
        assertEquals(2, bank.path("reversedInYear").size());
        assertEquals(mistaken, bank.path("reversedInYear").get(0).path("seq").asLong());
        assertEquals("-3000000.00", bank.path("reversedInYear").get(0).path("amount").asText());
        assertEquals(reversal, bank.path("reversedInYear").get(1).path("seq").asLong());
        assertEquals(mistaken, bank.path("reversedInYear").get(1).path("reverses").asLong());
        assertEquals("3000000.00", bank.path("reversedInYear").get(1).path("amount").asText());
        assertTrue(report.path("clean").asBoolean(), () -> report.path("discrepancies").toPrettyString());
    }

    @Test
    void theSameLedgerGivesTheSameReportButForItsTimeStampAndRunningItChangesNothing() throws Exception {
        Pair pair = guidanceAndSeed();
        investing(pair.seed(), company(51), "2025-05-05", "1234567.89");
        String before = digest();
        JsonNode first = reconcile(client, AUDITOR, "{\"year\":2025}");
        Thread.sleep(1100); // a different second, so the time stamps differ
        JsonNode second = reconcile(client, ADMIN, "{\"year\":2025}");
        assertEquals(before, digest(), "a run posts nothing");
        assertNotEquals(first.path("id").asText(), second.path("id").asText());
        ObjectNode a = (ObjectNode) first.path("report").deepCopy();
        ObjectNode b = (ObjectNode) second.path("report").deepCopy();
        assertNotEquals(a.path("generatedAt").asText(), b.path("generatedAt").asText());
        a.remove("generatedAt");
        b.remove("generatedAt");
        assertEquals(a.toString(), b.toString());
    }

    @Test
    void theReportIsStoredDeflatedAFundASectionAndReportsStoredAsTextStillRead() throws Exception {
        Pair pair = guidanceAndSeed();
        investing(pair.seed(), company(61), "2025-05-05", "1000000");
        JsonNode run = reconcile(client, AUDITOR, "{\"year\":2025}");
        JsonNode report = run.path("report");
        int funds = report.path("funds").size();
        assertTrue(funds >= 2, report::toString);
        var c = RECONCILIATION_REPORT_CHUNK;
        var chunks = service.ledger().db.dsl().selectFrom(c).where(c.RUN_ID.eq(run.path("id").asText()))
                .orderBy(c.SECTION, c.CHUNK_NO).fetch();
        // one chunk per section here: the head, each fund in the report's order, the end
        assertEquals(java.util.stream.IntStream.rangeClosed(0, funds + 1).boxed().toList(),
                chunks.map(r -> r.getSection()));
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        List<String> sections = new java.util.ArrayList<>();
        for (var chunk : chunks) {
            // zlib, as the migration says: readable without this service's code
            byte[] text = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(chunk.getData()))
                    .readAllBytes();
            assertTrue(text.length > chunk.getData().length || text.length < 100, "deflated");
            sections.add(new String(text, StandardCharsets.UTF_8));
            whole.writeBytes(text);
        }
        assertEquals(report, JSON.readTree(whole.toByteArray()), "the stored text is the report served");
        assertEquals(report.path("funds").get(0), JSON.readTree(sections.get(1)));
        assertEquals(",", sections.get(2).substring(0, 1));
        assertEquals(report.path("funds").get(1), JSON.readTree(sections.get(2).substring(1)));
        assertEquals("]}", sections.get(funds + 1));

        // a run stored before the report was deflated (migration V4) keeps its text in parts
        String text = whole.toString(StandardCharsets.UTF_8);
        int cut = text.indexOf("\"funds\"") + 3;
        String legacy = "00000000-0000-4000-8000-0000000000aa";
        service.ledger().db.dsl().transaction(t -> {
            var r = RECONCILIATION_RUN;
            t.dsl().insertInto(r).set(r.ID, legacy).set(r.FISCAL_YEAR, 2025).set(r.CLOSE_REQUESTED, false)
                    .set(r.STATUS, "COMPLETE").set(r.ACTOR, "auditor").set(r.RUNNER, "an older version")
                    .set(r.STARTED_AT, java.time.OffsetDateTime.parse("2026-01-05T09:00:00Z"))
                    .set(r.FINISHED_AT, java.time.OffsetDateTime.parse("2026-01-05T09:01:00Z"))
                    .set(r.CLEAN, true).set(r.CLOSED, false).set(r.DISCREPANCIES, 0).execute();
            var p = RECONCILIATION_REPORT_PART;
            t.dsl().insertInto(p).columns(p.RUN_ID, p.PART_NO, p.CONTENT)
                    .values(legacy, 0, text.substring(0, cut)).values(legacy, 1, text.substring(cut)).execute();
        });
        TestClient.Reply old = client.get(AUDITOR, "/api/v1/reconciliations/" + legacy);
        assertEquals(200, old.status(), old::toString);
        assertEquals(report, old.json().path("report"));

        // damage is an error, never a report without the damaged part: a fund's section lost ...
        String id = run.path("id").asText();
        service.ledger().db.dsl().transaction(t -> assertEquals(1, t.dsl().deleteFrom(c)
                .where(c.RUN_ID.eq(id), c.SECTION.eq(2)).execute()));
        TestClient.Reply damaged = client.get(AUDITOR, "/api/v1/reconciliations/" + id);
        assertEquals(500, damaged.status(), damaged::toString);
        assertFalse(damaged.body().contains("\"funds\""), damaged::toString);
        // ... or a COMPLETE run whose report is not there at all
        service.ledger().db.dsl().transaction(t -> t.dsl().deleteFrom(RECONCILIATION_REPORT_PART)
                .where(RECONCILIATION_REPORT_PART.RUN_ID.eq(legacy)).execute());
        assertEquals(500, client.get(AUDITOR, "/api/v1/reconciliations/" + legacy).status());
    }

    @Test
    void auditorsAndAdminsRunItComplianceReadsItManagersDoNeither() {
        TestClient.Reply started = client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2024}");
        assertEquals(202, started.status(), started::toString);
        String href = started.json().path("href").asText();
        assertProblem(client.post(MANAGER, "/api/v1/reconciliations", "{\"year\":2024}"), 403, null);
        assertProblem(client.post(COMPLIANCE, "/api/v1/reconciliations", "{\"year\":2024}"), 403, null);
        assertProblem(client.post(null, "/api/v1/reconciliations", "{\"year\":2024}"), 401, null);
        ReconciliationSupport.await(client, href);
        assertEquals(200, client.get(COMPLIANCE, href).status());
        assertEquals(200, client.get(AUDITOR, href).status());
        assertEquals(200, client.get(ADMIN, href).status());
        assertProblem(client.get(MANAGER, href), 403, null);
        assertProblem(client.get(AUDITOR, "/api/v1/reconciliations/00000000-0000-0000-0000-000000000000"), 404, null);
        assertProblem(client.get(AUDITOR, "/api/v1/reconciliations/nope"), 404, null);
    }

    @Test
    void badRequestsAreProblemsAndStartNothing() {
        String before = digest();
        assertProblem(client.post(AUDITOR, "/api/v1/reconciliations", "{}"), 422, "year");
        assertProblem(client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":\"2025\"}"), 422, "year");
        assertProblem(client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":1800}"), 422, "year");
        assertProblem(client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":9999}"), 422, "year");
        assertProblem(client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2025,\"colour\":1}"), 422, "colour");
        assertProblem(client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2025,\"close\":\"yes\"}"), 422,
                "close");
        assertProblem(client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2025,\"statements\":[{\"fund\":"
                + "\"NO-SUCH-FUND\",\"lines\":[]}]}"), 422, "statements");
        assertProblem(client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2025,\"statements\":[{\"fund\":"
                + "\"X1\",\"lines\":[{\"date\":\"2025-02-30\",\"amount\":\"1.005\"}]}]}"), 422,
                "statements[0].lines[0].date");
        assertProblem(client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2025,\"statements\":[{\"fund\":"
                + "\"X1\",\"lines\":[{\"date\":\"2025-02-03\",\"amount\":\"0\"}]}]}"), 422,
                "statements[0].lines[0].amount");
        assertProblem(client.postRaw(AUDITOR, "/api/v1/reconciliations", "{\"year\":".getBytes(),
                "application/json", null), 400, null);
        // closing a year that has not ended
        int thisYear = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        assertProblem(client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":" + thisYear + ",\"close\":true}"),
                422, "year");
        assertEquals(before, digest());
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyStartsNoSecondRun() {
        TestClient.Reply first = client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2023}", "year-end-2023");
        TestClient.Reply again = client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2023}", "year-end-2023");
        assertEquals(202, again.status());
        assertEquals(first.json().path("id").asText(), again.json().path("id").asText());
        ReconciliationSupport.await(client, first.json().path("href").asText());
    }

    /** A venture fund whose partner LP paid 50,000,000 in on 2025-01-10, bank reference CALL-2025-01. */
    private String fundWithCalledCash() {
        String fund = createFund("VENTURE", "Demo Capital");
        partner(fund, "LP", "LP", "100000000");
        ok(client.post(ADMIN, "/api/v1/funds/" + fund + "/capital-calls", """
                {"date":"2025-01-10","contributions":[{"partnerCode":"LP","amount":"50000000"}],
                 "reference":"CALL-2025-01"}"""), 201);
        return fund;
    }

    private long investing(String fund, String creditCode, String date, String amount) {
        return ok(client.post(MANAGER, "/api/v1/funds/" + fund + "/investments", """
                {"creditCode":"%s","date":"%s","amount":"%s","dueDiligenceRef":"DD","decisionRef":"IC",
                 "decisionDate":"%s"}""".formatted(creditCode, date, amount, date)), 201).json().path("seq").asLong();
    }

    private void exit(String fund, String creditCode, String date, String type, String proceeds, String costReleased) {
        String released = costReleased == null ? "" : ",\"costReleased\":\"" + costReleased + "\"";
        ok(client.post(MANAGER, "/api/v1/funds/" + fund + "/exits", """
                {"creditCode":"%s","date":"%s","type":"%s","proceeds":"%s"%s}"""
                .formatted(creditCode, date, type, proceeds, released)), 201);
    }

    /** Changes a kept balance behind the service's back, as a faulty migration or a hand edit would. */
    private void tamper(String fund, String account, BigDecimal delta) {
        service.ledger().db.dsl().transaction(c -> assertEquals(1, c.dsl().update(ACCOUNT_BALANCE)
                .set(ACCOUNT_BALANCE.BALANCE, ACCOUNT_BALANCE.BALANCE.plus(delta))
                .where(ACCOUNT_BALANCE.FUND_CODE.eq(fund).and(ACCOUNT_BALANCE.ACCOUNT.eq(account))).execute()));
    }
}
