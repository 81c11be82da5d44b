package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.Main;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.deals.CapitalCall;
import io.jinchuang.ledger.deals.NewInvestment;
import io.jinchuang.ledger.funds.FundKind;
import io.jinchuang.ledger.funds.NewFund;
import io.jinchuang.ledger.funds.NewPartner;
import io.jinchuang.ledger.funds.PartnerRole;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.money.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ledger reconcile} in this process, on the embedded database: exit codes, the files,
 * statements from a directory, and, while the service has the database open, the same run
 * through the service's HTTP API giving the same files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BANK_FUND = "BANK-FUND";
    private static final String COMPANY = LedgerFixture.creditCode(99_001);
    private Path dataDir;
    private Path work;

    @BeforeAll
    void ledger() throws IOException {
        work = Files.createTempDirectory("reconcile-cli-");
        dataDir = work.resolve("data");
        withLedger(ledger -> {
            LedgerFixture.seed(ledger, 3, 60, 8, 2023, 2025, 7);
            Actor actor = Actor.system("test");
            ledger.db.write(tx -> {
                ledger.funds.open(tx, new NewFund(BANK_FUND, "Bank Fund", null, FundKind.VENTURE, "Demo Capital",
                        LocalDate.of(2025, 1, 1), null), actor);
                ledger.funds.admit(tx, BANK_FUND, new NewPartner("LP", "LP", PartnerRole.LP, Money.of("100000000")),
                        actor);
                ledger.deals.capitalCall(tx, BANK_FUND, new CapitalCall(LocalDate.of(2025, 1, 10),
                        List.of(new CapitalCall.Contribution("LP", Money.of("50000000")))), actor.withReference("CALL-1"));
                ledger.companies.register(tx, COMPANY, "Bank Co", "test");
                ledger.investments.invest(tx, BANK_FUND, new NewInvestment(COMPANY, LocalDate.of(2025, 2, 1),
                        Money.of("10000000"), null, null, null, null, false), actor);
                ledger.investments.invest(tx, BANK_FUND, new NewInvestment(COMPANY, LocalDate.of(2025, 3, 1),
                        Money.of("7000000"), null, null, null, null, false), actor.withReference("INV-2"));
                return null;
            });
        });
    }

    @Test
    void aCleanYearExitsZeroAndTheSameLedgerWritesTheSameFiles() {
        Run first = run("--year", "2025", "--out", work.resolve("first").toString());
        assertEquals(0, first.code(), first::toString);
        assertTrue(first.out().contains("clean"), first::toString);
        assertTrue(first.err().contains("reconcile 2025: 4/4 funds"), first::toString);
        List<String> files = ReportFilesAssert.files(work.resolve("first"));
        for (String fund : List.of("GEN-000", "GEN-001", "GEN-002", BANK_FUND)) {
            for (String ext : List.of("json", "csv", "html")) {
                assertTrue(files.contains("funds/" + fund + "." + ext), files::toString);
            }
        }
        sleepPastASecond();
        Run second = run("--year", "2025", "--out", work.resolve("second").toString());
        assertEquals(0, second.code(), second::toString);
        ReportFilesAssert.assertSameButTimeStamp(work.resolve("first"), work.resolve("second"));
        // running again into the same directory replaces the report as a whole
        Run again = run("--year", "2025", "--out", work.resolve("first").toString());
        assertEquals(0, again.code(), again::toString);
        ReportFilesAssert.assertSameButTimeStamp(work.resolve("second"), work.resolve("first"));
    }

    @Test
    void aTamperedKeptBalanceExitsOne() throws IOException {
        tamper(new BigDecimal("5.00"));
        try {
            Run run = run("--year", "2024", "--out", work.resolve("tampered").toString());
            assertEquals(1, run.code(), run::toString);
            JsonNode fund = JSON.readTree(work.resolve("tampered/funds/GEN-001.json").toFile());
            assertFalse(fund.path("clean").asBoolean());
            assertEquals("KEPT_BALANCE", fund.path("discrepancies").get(0).path("kind").asText());
            assertEquals("5.00", fund.path("keptBalances").path("mismatches").get(0).path("difference").asText());
            String csv = Files.readString(work.resolve("tampered/funds/GEN-001.csv"));
            assertTrue(csv.startsWith("\uFEFFfund,section,section_label,item,measure,measure_label,value\r\n"));
            assertTrue(csv.contains("GEN-001,discrepancies,差异 Discrepancies,KEPT_BALANCE Assets:Cash,kind,"), csv);
            String html = Files.readString(work.resolve("tampered/funds/GEN-001.html"));
            assertTrue(html.contains("余额表核对 Kept balances check") && html.contains("class=\"bad\""), html);
        } finally {
            tamper(new BigDecimal("-5.00"));
        }
    }

    @Test
    void statementsFromADirectoryAreMatchedAndWhatIsLeftIsADiscrepancy() throws IOException {
        Path statements = Files.createDirectories(work.resolve("statements"));
        Files.writeString(statements.resolve(BANK_FUND + ".csv"), """
                date,amount,reference
                2025-01-13,50000000.00,CALL-1
                2025-02-04,-10000000.00,
                2025-12-31,-25.00,FEE-12
                """);
        Run run = run("--year", "2025", "--statements", statements.toString(), "--out", work.resolve("bank").toString());
        assertEquals(1, run.code(), run::toString);
        JsonNode bank = JSON.readTree(work.resolve("bank/funds/" + BANK_FUND + ".json").toFile()).path("bank");
        assertEquals(1, bank.path("matchedByReference").asInt());
        assertEquals(1, bank.path("matchedByAmountAndDate").asInt());
        assertEquals("INV-2", bank.path("unmatchedLedger").get(0).path("reference").asText());
        assertEquals("FEE-12", bank.path("unmatchedStatement").get(0).path("reference").asText());
        JsonNode other = JSON.readTree(work.resolve("bank/funds/GEN-000.json").toFile());
        assertFalse(other.path("bank").path("statementGiven").asBoolean());
    }

    @Test
    void whatCannotRunExitsTwoAndWritesNothing() throws IOException {
        Path bad = Files.createDirectories(work.resolve("bad-statements"));
        Files.writeString(bad.resolve("GEN-000.csv"), "date,amount,reference\n2025-13-01,1.00,x\n");
        Run badFile = run("--year", "2025", "--statements", bad.toString(), "--out", work.resolve("none").toString());
        assertEquals(2, badFile.code(), badFile::toString);
        assertTrue(badFile.err().contains("GEN-000.csv line 2 (statement line 1): date"), badFile::toString);
        Path unknown = Files.createDirectories(work.resolve("unknown-statements"));
        Files.writeString(unknown.resolve("NO-SUCH.csv"), "date,amount,reference\n");
        Run unknownFund = run("--year", "2025", "--statements", unknown.toString(), "--out",
                work.resolve("none").toString());
        assertEquals(2, unknownFund.code(), unknownFund::toString);
        assertTrue(unknownFund.err().contains("names no fund NO-SUCH"), unknownFund::toString);
        Run badYear = run("--year", "1800", "--out", work.resolve("none").toString());
        assertEquals(2, badYear.code(), badYear::toString);
        Run notEnded = run("--year", Integer.toString(LocalDate.now().getYear()), "--close", "--out",
                work.resolve("none").toString());
        assertEquals(2, notEnded.code(), notEnded::toString);
        Run gap = run("--year", "2024", "--close", "--out", work.resolve("none").toString());
        assertEquals(2, gap.code(), gap::toString);
        assertTrue(gap.err().contains("close 2023 first"), gap::toString);
        assertFalse(Files.exists(work.resolve("none")));
        Path precious = Files.createDirectories(work.resolve("precious"));
        Files.writeString(precious.resolve("keep.txt"), "not a report");
        Run notAReport = run("--year", "2025", "--out", precious.toString());
        assertEquals(2, notAReport.code(), notAReport::toString);
        assertTrue(notAReport.err().contains("is not an earlier report"), notAReport::toString);
        assertEquals("not a report", Files.readString(precious.resolve("keep.txt")), "--out never replaces other files");
    }

    @Test
    void whileTheServiceHasTheDatabaseOpenTheCommandRunsThroughItAndWritesTheSameFiles() throws Exception {
        Map<String, String> overrides = new HashMap<>(settings());
        overrides.put("ledger.port", "0");
        overrides.put("ledger.profile", "demo");
        overrides.put("ledger.demo-data", "false");
        Main.Service service = Main.Service.start(Settings.load(Map.of(), overrides));
        try {
            Path statements = Files.createDirectories(work.resolve("remote-statements"));
            Files.writeString(statements.resolve(BANK_FUND + ".csv"), "date,amount,reference\n2025-01-10,50000000,CALL-1\n");
            Map<String, String> environment = Map.of("LEDGER_SERVICE_URL", "http://127.0.0.1:" + service.app().port(),
                    "LEDGER_TOKEN", "demo-auditor");
            Run remote = run(environment, "--year", "2025", "--statements", statements.toString(), "--out",
                    work.resolve("remote").toString());
            assertEquals(1, remote.code(), remote::toString); // INV-2 and the investment are not on this statement
            assertTrue(remote.err().contains("running the batch through the service"), remote::toString);
            // the same run made inside the service's process, written by the same code
            var direct = service.ledger().reconciliations.runNow(new YearEndBatch.Request(new FiscalYear(2025), false,
                    StatementCsv.readDirectory(statements)), "test", "test", (done, total) -> { });
            try (SpooledReport report = direct.report(); java.io.Reader json = report.reader()) {
                ReportFiles.write(work.resolve("direct"), json);
            }
            ReportFilesAssert.assertSameButTimeStamp(work.resolve("direct"), work.resolve("remote"));

            Run noToken = run(Map.of("LEDGER_SERVICE_URL", "http://127.0.0.1:" + service.app().port()),
                    "--year", "2025", "--out", work.resolve("none").toString());
            assertEquals(2, noToken.code(), noToken::toString);
            assertTrue(noToken.err().contains("can run neither here") && noToken.err().contains("LEDGER_TOKEN"),
                    noToken::toString);
            Run wrongToken = run(Map.of("LEDGER_SERVICE_URL", "http://127.0.0.1:" + service.app().port(),
                    "LEDGER_TOKEN", "demo-manager"), "--year", "2025", "--out", work.resolve("none").toString());
            assertEquals(2, wrongToken.code(), wrongToken::toString);
            assertTrue(wrongToken.err().contains("403"), wrongToken::toString);
            Run noService = run(Map.of("LEDGER_SERVICE_URL", "http://127.0.0.1:1", "LEDGER_TOKEN", "demo-auditor"),
                    "--year", "2025", "--out", work.resolve("none").toString());
            assertEquals(2, noService.code(), noService::toString);
            assertTrue(noService.err().contains("can run neither here"), noService::toString);
            assertFalse(Files.exists(work.resolve("none")));
        } finally {
            service.stop();
        }
    }

    record Run(int code, String out, String err) {}

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    /** The command as Main runs it (picocli parses the arguments), with this test's settings and environment. */
    private Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Reconcile command = new Main.Reconcile(Settings.load(Map.of(), settings()), environment,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = new picocli.CommandLine(command).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> settings() {
        return Map.of("ledger.data-dir", dataDir.toString(), "ledger.db.url", "");
    }

    private void withLedger(Consumer<Ledger> work) {
        try (Ledger ledger = Ledger.open(Settings.load(Map.of(), settings()))) {
            work.accept(ledger);
        }
    }

    private void tamper(BigDecimal delta) {
        withLedger(ledger -> ledger.db.dsl().transaction(c -> assertEquals(1, c.dsl().update(ACCOUNT_BALANCE)
                .set(ACCOUNT_BALANCE.BALANCE, ACCOUNT_BALANCE.BALANCE.plus(delta))
                .where(ACCOUNT_BALANCE.FUND_CODE.eq("GEN-001").and(ACCOUNT_BALANCE.ACCOUNT.eq("Assets:Cash")))
                .execute())));
    }

    private static void sleepPastASecond() {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
