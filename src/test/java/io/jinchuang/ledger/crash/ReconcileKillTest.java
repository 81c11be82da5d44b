package io.jinchuang.ledger.crash;

import static io.jinchuang.ledger.db.Tables.CLOSED_PERIOD;
import static io.jinchuang.ledger.db.Tables.RECONCILIATION_RUN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.reconciliation.LedgerFixture;
import io.jinchuang.ledger.reconciliation.ReportFilesAssert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ledger reconcile --close} as its own process, killed with SIGKILL in the middle of
 * the run: no report directory under the target's name, no closed year, the run recorded as
 * RUNNING; the next run completes, writes the report and closes the year.
 */
class ReconcileKillTest {
    private static final int FUNDS = 24;
    private static final Pattern PROGRESS = Pattern.compile("reconcile 2024: (\\d+)/(\\d+) funds");

    @Test
    void aRunKilledMidwayLeavesNothingHalfDoneAndTheNextRunCompletes() throws Exception {
        Path work = Files.createTempDirectory("ledger-reconcile-kill-");
        Path dataDir = work.resolve("data");
        Path out = work.resolve("reconciliation-2024");
        try (Ledger ledger = Ledger.open(settings(dataDir))) {
            LedgerFixture.seed(ledger, FUNDS, 400, 12, 2024, 2025, 42);
        }

        Process killed = start(dataDir, out);
        int done = awaitProgress(killed);
        killed.destroyForcibly();
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
        assertTrue(done < FUNDS, "the run was killed after fund " + done + " of " + FUNDS);
        assertFalse(Files.exists(out), "a killed run left a report under the target's name");
        try (Ledger ledger = Ledger.open(settings(dataDir))) {
            assertEquals(Integer.valueOf(0), ledger.db.read(dsl -> dsl.fetchCount(CLOSED_PERIOD)), "a killed run closed the year");
            assertEquals(List.of("RUNNING"), ledger.db.read(dsl -> dsl.select(RECONCILIATION_RUN.STATUS)
                    .from(RECONCILIATION_RUN).fetch(RECONCILIATION_RUN.STATUS)));
        }

        Process again = start(dataDir, out);
        String output = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, again.exitValue(), output);
        List<String> files = ReportFilesAssert.files(out);
        assertEquals(3 + 3 * FUNDS, files.size(), files::toString);
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of("data", "reconciliation-2024"), left.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "the killed run's partial directory is cleaned up");
        }
        String run;
        byte[] report;
        try (Ledger ledger = Ledger.open(settings(dataDir))) {
            assertEquals(List.of(2024), ledger.db.read(dsl -> dsl.select(CLOSED_PERIOD.FISCAL_YEAR)
                    .from(CLOSED_PERIOD).fetch(CLOSED_PERIOD.FISCAL_YEAR)));
            assertEquals(List.of("COMPLETE", "RUNNING"), ledger.db.read(dsl -> dsl.select(RECONCILIATION_RUN.STATUS)
                    .from(RECONCILIATION_RUN).orderBy(RECONCILIATION_RUN.STATUS).fetch(RECONCILIATION_RUN.STATUS)));
            run = ledger.db.read(dsl -> dsl.select(RECONCILIATION_RUN.ID).from(RECONCILIATION_RUN)
                    .where(RECONCILIATION_RUN.STATUS.eq("COMPLETE")).fetchOne(RECONCILIATION_RUN.ID));
            report = storedReport(ledger, run);
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report);
        assertEquals(FUNDS, json.path("funds").size());
        assertEquals(json.path("fundsSummary"), new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("summary.json").toFile()).path("fundsSummary"), "the files' run is the stored one");
        // the stored report (deflated chunks, through the log as base64) is rebuilt byte for byte from the log alone
        Files.delete(dataDir.resolve("ledger.mv.db"));
        try (Ledger ledger = Ledger.open(settings(dataDir))) {
            assertArrayEquals(report, storedReport(ledger, run));
        }
    }

    private static byte[] storedReport(Ledger ledger, String runId) {
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        ledger.reconciliations.report(runId).forEachRemaining(text::writeBytes);
        return text.toByteArray();
    }

    private static Settings settings(Path dataDir) {
        return Settings.load(Map.of(), Map.of("ledger.data-dir", dataDir.toString(), "ledger.db.url", ""));
    }

    /** The command in its own JVM, with the test class path; stderr merged into stdout. */
    private static Process start(Path dataDir, Path out) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "io.jinchuang.ledger.Main",
                "reconcile", "--year", "2024", "--close", "--out", out.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LEDGER_DATA_DIR", dataDir.toString());
        builder.environment().put("LEDGER_DB_URL", "");
        return builder.start();
    }

    /** Waits for the first progress line and returns how many funds it says are done. */
    private static int awaitProgress(Process process) throws IOException {
        return Integer.parseInt(ProcessOutput.awaitLine(process, PROGRESS, match -> true).group(1));
    }
}
