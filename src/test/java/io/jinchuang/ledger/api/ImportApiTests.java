package io.jinchuang.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * POST /imports on H2 and PostgreSQL: a whole fund history in one file posts exactly what
 * the same deals posted one by one through the JSON API post; a bad file changes nothing
 * and names every bad line; managers import only into their own funds.
 */
abstract class ImportApiTests extends LedgerApiContract {
    private static final String CSV = "text/csv";

    TestClient.Reply importFile(String token, String csv) {
        return importFile(token, csv, null);
    }

    TestClient.Reply importFile(String token, String csv, String key) {
        return client.postRaw(token, "/api/v1/imports", csv.getBytes(StandardCharsets.UTF_8), CSV, key);
    }

    /** A guidance fund and a seed fund it is a partner in, with two companies: the same history either way. */
    record Names(String guidance, String seed, String alpha, String beta) {}

    Names names() {
        return new Names(code("IMG"), code("IMS"), creditCode(), creditCode());
    }

    private static final java.util.concurrent.atomic.AtomicInteger CODES = new java.util.concurrent.atomic.AtomicInteger();

    static String creditCode() {
        String first17 = "91140777MC" + String.format("%07d", CODES.incrementAndGet() + ProcessHandle.current().pid() % 1000 * 1000);
        return first17 + io.jinchuang.ledger.companies.CreditCode.checkCharacter(first17);
    }

    static ImportCsv history(Names n) {
        return new ImportCsv()
                .row("type", "FUND", "fund", n.guidance(), "date", "2020-01-01", "name", "Guidance", "nameZh", "引导基金",
                        "kind", "GUIDANCE", "manager", "Province")
                .row("type", "PARTNER", "fund", n.guidance(), "partnerCode", "TREASURY", "name", "Treasury",
                        "role", "LP", "committed", "500000000")
                .row("type", "CAPITAL_CALL", "fund", n.guidance(), "date", "2020-01-10", "partnerCode", "TREASURY",
                        "amount", "100000000", "reference", "T-1")
                .row("type", "FUND", "fund", n.seed(), "date", "2020-02-01", "name", "Seed, the first", "kind", "SEED",
                        "manager", "Demo Capital", "toleranceRate", "0.75")
                .row("type", "PARTNER", "fund", n.seed(), "partnerCode", n.guidance(), "name", "Guidance",
                        "role", "GUIDANCE", "committed", "30000000")
                .row("type", "PARTNER", "fund", n.seed(), "partnerCode", "A", "name", "A", "role", "LP",
                        "committed", "50000000")
                .row("type", "PARTNER", "fund", n.seed(), "partnerCode", "GP", "name", "GP", "role", "GP",
                        "committed", "1000000", "date", "2020-03-01")
                .row("type", "CAPITAL_CALL", "fund", n.seed(), "date", "2020-03-10", "partnerCode", n.guidance(),
                        "amount", "15000000", "reference", "C-1")
                .row("type", "CAPITAL_CALL", "fund", n.seed(), "date", "2020-03-10", "partnerCode", "A",
                        "amount", "25000000.00", "reference", "C-1")
                .row("type", "CAPITAL_CALL", "fund", n.seed(), "date", "2020-03-10", "partnerCode", "GP",
                        "amount", "500000", "reference", "C-1")
                .row("type", "COMPANY", "creditCode", n.alpha(), "name", "Alpha Lidar", "sector", "sensors")
                .row("type", "COMPANY", "creditCode", n.beta(), "name", "北方电池", "sector", "新能源")
                .row("type", "INVESTMENT", "fund", n.seed(), "date", "2020-04-01", "creditCode", n.alpha(),
                        "amount", "8000000", "round", "A", "dueDiligenceRef", "DD-1", "decisionRef", "IC-1",
                        "decisionDate", "2020-03-20", "conflictOfInterest", "false", "reference", "INV-1")
                .row("type", "INVESTMENT", "fund", n.seed(), "date", "2020-05-01", "creditCode", n.beta(),
                        "amount", "5000000.50")
                .row("type", "MONITORING_REPORT", "fund", n.seed(), "date", "2020-09-30", "creditCode", n.alpha(),
                        "reportRef", "MR-1")
                .row("type", "VALUATION", "fund", n.seed(), "date", "2020-12-31", "creditCode", n.alpha(),
                        "fairValue", "9500000")
                .row("type", "EXIT", "fund", n.seed(), "date", "2021-06-30", "creditCode", n.beta(),
                        "exitType", "WRITE_OFF", "proceeds", "0")
                .row("type", "EXIT", "fund", n.seed(), "date", "2021-07-31", "creditCode", n.alpha(),
                        "exitType", "SHARE_TRANSFER", "proceeds", "6000000", "costReleased", "4000000", "reference", "X-1")
                .row("type", "DISTRIBUTION", "fund", n.seed(), "date", "2021-08-31", "amount", "3000000",
                        "reference", "D-1")
                .row("type", "DISTRIBUTION", "fund", n.seed(), "date", "2021-12-31", "partnerCode", "A",
                        "amount", "600000", "reference", "D-2")
                .row("type", "DISTRIBUTION", "fund", n.seed(), "date", "2021-12-31", "partnerCode", "GP",
                        "amount", "400000", "reference", "D-2");
    }

    /** The same history through the JSON API, one request per deal. */
    void postOneByOne(Names n) {
        ok(client.post(ADMIN, "/api/v1/funds", """
                {"code":"%s","name":"Guidance","nameZh":"引导基金","kind":"GUIDANCE","manager":"Province",
                 "vintage":"2020-01-01"}""".formatted(n.guidance())), 201);
        ok(client.post(ADMIN, "/api/v1/funds/" + n.guidance() + "/partners", """
                {"partnerCode":"TREASURY","name":"Treasury","role":"LP","committed":"500000000"}"""), 201);
        ok(client.post(ADMIN, "/api/v1/funds/" + n.guidance() + "/capital-calls", """
                {"date":"2020-01-10","contributions":[{"partnerCode":"TREASURY","amount":"100000000"}],
                 "reference":"T-1"}"""), 201);
        ok(client.post(ADMIN, "/api/v1/funds", """
                {"code":"%s","name":"Seed, the first","kind":"SEED","manager":"Demo Capital","vintage":"2020-02-01",
                 "toleranceRate":"0.75"}""".formatted(n.seed())), 201);
        String seed = "/api/v1/funds/" + n.seed();
        ok(client.post(ADMIN, seed + "/partners", """
                {"partnerCode":"%s","name":"Guidance","role":"GUIDANCE","committed":"30000000"}"""
                .formatted(n.guidance())), 201);
        ok(client.post(ADMIN, seed + "/partners", """
                {"partnerCode":"A","name":"A","role":"LP","committed":"50000000"}"""), 201);
        ok(client.post(ADMIN, seed + "/partners", """
                {"partnerCode":"GP","name":"GP","role":"GP","committed":"1000000","date":"2020-03-01"}"""), 201);
        ok(client.post(ADMIN, seed + "/capital-calls", """
                {"date":"2020-03-10","contributions":[{"partnerCode":"%s","amount":"15000000"},
                 {"partnerCode":"A","amount":"25000000.00"},{"partnerCode":"GP","amount":"500000"}],"reference":"C-1"}"""
                .formatted(n.guidance())), 201);
        ok(client.post(ADMIN, "/api/v1/companies", """
                {"creditCode":"%s","name":"Alpha Lidar","sector":"sensors"}""".formatted(n.alpha())), 201);
        ok(client.post(ADMIN, "/api/v1/companies", """
                {"creditCode":"%s","name":"北方电池","sector":"新能源"}""".formatted(n.beta())), 201);
        ok(client.post(ADMIN, seed + "/investments", """
                {"creditCode":"%s","date":"2020-04-01","amount":"8000000","round":"A","dueDiligenceRef":"DD-1",
                 "decisionRef":"IC-1","decisionDate":"2020-03-20","conflictOfInterest":false,"reference":"INV-1"}"""
                .formatted(n.alpha())), 201);
        ok(client.post(ADMIN, seed + "/investments", """
                {"creditCode":"%s","date":"2020-05-01","amount":"5000000.50"}""".formatted(n.beta())), 201);
        ok(client.post(ADMIN, seed + "/monitoring-reports", """
                {"creditCode":"%s","date":"2020-09-30","reportRef":"MR-1"}""".formatted(n.alpha())), 201);
        ok(client.post(ADMIN, seed + "/valuations", """
                {"creditCode":"%s","date":"2020-12-31","fairValue":"9500000"}""".formatted(n.alpha())), 201);
        ok(client.post(ADMIN, seed + "/exits", """
                {"creditCode":"%s","date":"2021-06-30","type":"WRITE_OFF","proceeds":"0"}""".formatted(n.beta())), 201);
        ok(client.post(ADMIN, seed + "/exits", """
                {"creditCode":"%s","date":"2021-07-31","type":"SHARE_TRANSFER","proceeds":"6000000",
                 "costReleased":"4000000","reference":"X-1"}""".formatted(n.alpha())), 201);
        ok(client.post(ADMIN, seed + "/distributions", """
                {"date":"2021-08-31","amount":"3000000","reference":"D-1"}"""), 201);
        ok(client.post(ADMIN, seed + "/distributions", """
                {"date":"2021-12-31","amount":"1000000","allocations":[{"partnerCode":"A","amount":"600000"},
                 {"partnerCode":"GP","amount":"400000"}],"reference":"D-2"}"""), 201);
    }

    @Test
    void aWholeHistoryImportsAsOnePostingOfTheSameEntriesAsTheApiOneByOne() {
        Names imported = names();
        Names posted = names();
        JsonNode result = ok(importFile(ADMIN, history(imported).text()), 201).json();
        postOneByOne(posted);
        assertEquals(21, result.path("rows").asInt());
        assertEquals(18, result.path("postings").asInt(), "the three contribution rows and the two allocation rows "
                + "are one capital call and one distribution");
        for (String[] pair : List.of(new String[] {imported.guidance(), posted.guidance()},
                new String[] {imported.seed(), posted.seed()})) {
            assertEquals(headSeq(pair[1]), headSeq(pair[0]), "the same number of journal entries");
            assertEquals(journal(pair[1], posted, imported), journal(pair[0], null, null),
                    "the same entries: dates, types, details, lines and references");
            for (String asOf : List.of("2020-12-31", "2021-12-31")) {
                for (String report : List.of("balances", "positions", "metrics")) {
                    assertEquals(renamed(client.get(ADMIN, "/api/v1/funds/" + pair[1] + "/" + report + "?asOf=" + asOf)
                                    .body(), posted, imported),
                            client.get(ADMIN, "/api/v1/funds/" + pair[0] + "/" + report + "?asOf=" + asOf).body(),
                            report + " of " + pair[0] + " on " + asOf);
                }
            }
        }
        JsonNode heads = result.path("funds");
        assertEquals(2, heads.size());
        assertEquals(headSeq(imported.guidance()), heads.get(heads.get(0).path("fund").asText()
                .equals(imported.guidance()) ? 0 : 1).path("headSeq").asLong());
        assertTrue(ok(client.get(AUDITOR, "/api/v1/journal/verify"), 200).json().path("ok").asBoolean());
    }

    /** What an entry says, without what differs between two postings of it (times, hashes, actor, key). */
    private List<String> journal(String fund, Names from, Names to) {
        List<String> entries = new ArrayList<>();
        JsonNode page = ok(client.get(ADMIN, "/api/v1/journal?fund=" + fund + "&limit=1000"), 200).json();
        for (JsonNode e : page.path("entries")) {
            String text = e.path("date").asText() + " " + e.path("type").asText() + " " + e.path("reference").asText()
                    + " " + e.path("details") + " " + e.path("lines") + " " + e.path("link").path("seq").asText();
            entries.add(from == null ? text : renamed(text, from, to));
        }
        return entries;
    }

    private static String renamed(String text, Names from, Names to) {
        return text.replace(from.guidance(), to.guidance()).replace(from.seed(), to.seed())
                .replace(from.alpha(), to.alpha()).replace(from.beta(), to.beta());
    }

    @Test
    void aFileWithBadLinesIsRefusedWholeNamingEveryLineAndChangesNothing() {
        Pair pair = guidanceAndSeed();
        String before = digest();
        String fresh = code("IMB");
        String csv = new ImportCsv()
                .row("type", "FUND", "fund", fresh, "date", "2021-01-01", "name", "Fresh", "kind", "SEED",
                        "manager", "Demo Capital")
                .row("type", "INVESTMENT", "fund", pair.seed(), "date", "2021-02-30", "creditCode", "91350100M000100Y44",
                        "amount", "1.005")
                .row("type", "PARTNER", "fund", fresh, "partnerCode", "bad code!", "name", "x", "role", "BOSS",
                        "committed", "-1")
                .row("type", "EXIT", "fund", "NO-SUCH-FUND", "date", "2021-03-01", "creditCode", "91350100M000100Y43",
                        "exitType", "WRITE_OFF", "proceeds", "0")
                .row("type", "VALUATION", "fund", pair.seed(), "date", "2021-03-01", "creditCode", "91350100M000100Y43",
                        "fairValue", "1", "round", "A")
                .row("type", "COMPANY", "creditCode", creditCode(), "name", "n", "sector", "s".repeat(101))
                .row("type", "SALE", "fund", pair.seed())
                .row("type", "CAPITAL_CALL", "fund", pair.seed(), "date", "2021-04-01", "partnerCode", "A", "amount", "1")
                .row("type", "CAPITAL_CALL", "fund", pair.seed(), "date", "2021-04-01", "partnerCode", "A", "amount", "2")
                .text();
        TestClient.Reply reply = importFile(ADMIN, csv);
        assertProblem(reply, 422, null);
        Map<Integer, java.util.Set<String>> byLine = new TreeMap<>();
        reply.json().path("errors").forEach(e -> byLine.computeIfAbsent(e.path("line").asInt(),
                l -> new java.util.TreeSet<>()).add(e.path("field").asText()));
        assertEquals(Map.of(3, java.util.Set.of("date", "creditCode", "amount"),
                4, java.util.Set.of("partnerCode", "role", "committed"), 5, java.util.Set.of("fund"),
                6, java.util.Set.of("round"), 7, java.util.Set.of("sector"), 8, java.util.Set.of("type"),
                10, java.util.Set.of("partnerCode")), byLine, reply::toString);
        assertEquals(before, digest(), "a refused file changes nothing");
        assertEquals(404, client.get(ADMIN, "/api/v1/funds/" + fresh).status());
    }

    /** A new venture fund whose one partner committed and paid in {@code cash}, and a new company. */
    private static ImportCsv fundWithCashAndCompany(String fund, String cash, String company) {
        return new ImportCsv()
                .row("type", "FUND", "fund", fund, "date", "2021-01-01", "name", "Fund", "kind", "VENTURE",
                        "manager", "Demo Capital")
                .row("type", "PARTNER", "fund", fund, "partnerCode", "A", "name", "A", "role", "LP", "committed", cash)
                .row("type", "CAPITAL_CALL", "fund", fund, "date", "2021-01-05", "partnerCode", "A", "amount", cash)
                .row("type", "COMPANY", "creditCode", company, "name", "C", "sector", "s");
    }

    /**
     * Within one file the backdating rule sees the file's own earlier rows: an investment
     * dated after a backdated exit raises the cost held later, but not on the exit's date.
     */
    @Test
    void aBackdatedExitInAFileIsJudgedAgainstTheFilesOwnLaterRows() {
        String fund = code("IMD");
        String company = creditCode();
        ImportCsv csv = fundWithCashAndCompany(fund, "1000", company)
                .row("type", "INVESTMENT", "fund", fund, "date", "2021-01-10", "creditCode", company, "amount", "100")
                .row("type", "EXIT", "fund", fund, "date", "2021-01-20", "creditCode", company,
                        "exitType", "SHARE_TRANSFER", "proceeds", "10", "costReleased", "10")
                .row("type", "INVESTMENT", "fund", fund, "date", "2021-05-01", "creditCode", company, "amount", "50");
        int line = csv.nextLine();
        // 140 held now, but only 90 on 2021-03-01
        csv.row("type", "EXIT", "fund", fund, "date", "2021-03-01", "creditCode", company,
                "exitType", "SHARE_TRANSFER", "proceeds", "95", "costReleased", "95");
        TestClient.Reply reply = importFile(ADMIN, csv.text());
        assertProblem(reply, 422, "costReleased");
        assertEquals(line, reply.json().path("errors").get(0).path("line").asInt(), reply::toString);
        assertTrue(reply.json().path("detail").asText().contains("as little as 90.00"), reply::toString);
    }

    @Test
    void aRuleThatNeedsTheLedgerStopsTheFileAtItsLineAndRollsBackTheRowsBeforeIt() {
        String before = digest();
        String fund = code("IMR");
        String company = creditCode();
        ImportCsv csv = fundWithCashAndCompany(fund, "100", company);
        int line = csv.nextLine();
        csv.row("type", "INVESTMENT", "fund", fund, "date", "2021-02-01", "creditCode", company, "amount", "100.01");
        TestClient.Reply reply = importFile(MANAGER, csv.text());
        assertProblem(reply, 422, "amount");
        assertEquals(line, reply.json().path("errors").get(0).path("line").asInt(), reply::toString);
        assertTrue(reply.json().path("detail").asText().startsWith("line " + line + ":"), reply::toString);
        assertEquals(before, digest());
        assertEquals(404, client.get(ADMIN, "/api/v1/funds/" + fund).status());
        assertEquals(404, client.get(ADMIN, "/api/v1/companies/" + company).status());

        // paid-in above committed, in the second contribution row of a call
        ImportCsv call = new ImportCsv()
                .row("type", "FUND", "fund", fund, "date", "2021-01-01", "name", "Fund", "kind", "VENTURE",
                        "manager", "Demo Capital")
                .row("type", "PARTNER", "fund", fund, "partnerCode", "A", "name", "A", "role", "LP", "committed", "100")
                .row("type", "PARTNER", "fund", fund, "partnerCode", "B", "name", "B", "role", "LP", "committed", "100")
                .row("type", "CAPITAL_CALL", "fund", fund, "date", "2021-01-05", "partnerCode", "A", "amount", "100");
        int second = call.nextLine();
        call.row("type", "CAPITAL_CALL", "fund", fund, "date", "2021-01-05", "partnerCode", "B", "amount", "100.01");
        TestClient.Reply refused = importFile(ADMIN, call.text());
        assertProblem(refused, 422, "amount");
        assertEquals(second, refused.json().path("errors").get(0).path("line").asInt(), refused::toString);
        // a conflict keeps its status and names its line
        TestClient.Reply twice = importFile(ADMIN, new ImportCsv().row("type", "COMPANY", "creditCode", company,
                "name", "C", "sector", "s").row("type", "COMPANY", "creditCode", company, "name", "C", "sector", "s")
                .text());
        assertProblem(twice, 409, null);
        assertEquals(3, twice.json().path("errors").get(0).path("line").asInt(), twice::toString);
        assertEquals(before, digest());
    }

    @Test
    void managersImportOnlyIntoTheirOwnFundsAndOtherRolesNotAtAll() {
        Pair pair = guidanceAndSeed();
        String own = code("IMM");
        String company = creditCode();
        String mine = new ImportCsv()
                .row("type", "FUND", "fund", own, "date", "2021-01-01", "name", "Own", "kind", "ANGEL",
                        "manager", "Demo Capital")
                .row("type", "COMPANY", "creditCode", company, "name", "C", "sector", "s")
                .row("type", "MONITORING_REPORT", "fund", pair.seed(), "date", "2021-05-01", "creditCode", company,
                        "reportRef", "MR")
                .text();
        String before = digest();
        // the seed fund is Demo Capital's, not Other Capital's: the whole file is refused
        assertProblem(importFile(otherManager, mine), 403, null);
        // a fund opened under someone else's name, likewise
        assertProblem(importFile(MANAGER, new ImportCsv().row("type", "FUND", "fund", code("IMM"), "date",
                "2021-01-01", "name", "x", "kind", "SEED", "manager", "Province").text()), 403, null);
        // the guidance fund is Province's
        assertProblem(importFile(MANAGER, new ImportCsv().row("type", "CAPITAL_CALL", "fund", pair.guidance(), "date",
                "2021-01-01", "partnerCode", "TREASURY", "amount", "1").text()), 403, null);
        // Demo Capital's own fund taking Province's guidance fund as partner: its calls would draw Province's cash
        assertProblem(importFile(MANAGER, new ImportCsv().row("type", "PARTNER", "fund", pair.seed(),
                "partnerCode", pair.guidance(), "name", "G", "role", "GUIDANCE", "committed", "1000").text()), 403, null);
        assertProblem(importFile(COMPLIANCE, mine), 403, null);
        assertProblem(importFile(AUDITOR, mine), 403, null);
        assertEquals(before, digest());
        // Demo Capital's own funds: accepted (the monitoring report fails on its line: no investment in the company)
        TestClient.Reply refused = importFile(MANAGER, mine);
        assertProblem(refused, 422, "creditCode");
        assertEquals(4, refused.json().path("errors").get(0).path("line").asInt());
        String accepted = new ImportCsv()
                .row("type", "FUND", "fund", own, "date", "2021-01-01", "name", "Own", "kind", "ANGEL",
                        "manager", "Demo Capital")
                .row("type", "COMPANY", "creditCode", company, "name", "C", "sector", "s")
                .row("type", "INVESTMENT", "fund", pair.seed(), "date", "2021-05-01", "creditCode", company,
                        "amount", "1000")
                .text();
        ok(importFile(MANAGER, accepted), 201);
        assertEquals("Demo Capital", ok(client.get(MANAGER, "/api/v1/funds/" + own), 200).json().path("manager").asText());
    }

    @Test
    void aFileThatIsNotCsvOfTheLayoutIs400AndAnOversizedOne413() {
        String before = digest();
        String valid = new ImportCsv().row("type", "COMPANY", "creditCode", creditCode(), "name", "C", "sector", "s")
                .text();
        assertProblem(client.postRaw(ADMIN, "/api/v1/imports", valid.getBytes(StandardCharsets.UTF_8),
                "application/json", null), 400, null);
        assertProblem(client.postRaw(ADMIN, "/api/v1/imports", valid.getBytes(StandardCharsets.UTF_8),
                "text/csv; charset=gbk", null), 400, null);
        assertProblem(importFile(ADMIN, ""), 400, null);
        assertProblem(importFile(ADMIN, "type,colour\nCOMPANY,red\n"), 400, null);
        assertProblem(importFile(ADMIN, "fund,date\nX,2021-01-01\n"), 400, null);
        assertProblem(importFile(ADMIN, "type,name\nCOMPANY,\"unclosed\n"), 400, null);
        byte[] latin1 = "type,name\nCOMPANY,Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(client.postRaw(ADMIN, "/api/v1/imports", latin1, CSV, null), 400, null);
        assertProblem(importFile(ADMIN, "type,name\nCOMPANY,a,b\n"), 422, "row");
        StringBuilder big = new StringBuilder("type,name,sector\n");
        while (big.length() <= 1024 * 1024) {
            big.append("COMPANY,a rather long company name to fill the file up,sector\n");
        }
        assertProblem(importFile(ADMIN, big.toString()), 413, null);
        assertEquals(before, digest());
        // Excel's byte-order mark and CRLF line ends are fine
        String bom = "\uFEFF" + valid.replace("\n", "\r\n");
        ok(importFile(ADMIN, bom), 201);
    }

    /**
     * A client that sends a large body at once (as Java's HttpClient does) reads the 413, not a
     * reset connection: the service reads and drops a body of up to 16 MiB before answering.
     */
    @Test
    void aLargeBodySentAtOnceGetsThe413() {
        byte[] body = new byte[12 << 20];
        java.util.Arrays.fill(body, (byte) 'a');
        for (int i = 0; i < 3; i++) {
            assertProblem(client.postRaw(ADMIN, "/api/v1/imports", body, CSV, null), 413, null);
        }
    }

    @Test
    void theSameFileWithTheSameKeyPostsOnce() {
        Names n = names();
        String csv = history(n).text();
        TestClient.Reply first = ok(importFile(ADMIN, csv, "import-" + n.seed()), 201);
        long head = headSeq(n.seed());
        TestClient.Reply again = ok(importFile(ADMIN, csv, "import-" + n.seed()), 201);
        assertEquals(first.body(), again.body());
        assertEquals(head, headSeq(n.seed()));
        assertProblem(importFile(ADMIN, csv.replace("MR-1", "MR-2"), "import-" + n.seed()), 422, "Idempotency-Key");
    }
}
