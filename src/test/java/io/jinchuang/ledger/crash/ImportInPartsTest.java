package io.jinchuang.ledger.crash;

import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static io.jinchuang.ledger.db.Tables.COMPANY;
import static io.jinchuang.ledger.db.Tables.FUND;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;
import static io.jinchuang.ledger.db.Tables.PARTNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.Main;
import io.jinchuang.ledger.bench.LedgerGenerator;
import io.jinchuang.ledger.cli.InProcessCommand;
import io.jinchuang.ledger.cli.InProcessCommand.Run;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.journal.JournalQueries;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/ledger import} lets H2 commit a large file in parts
 * ({@code Database.writeInParts}), and the file is still imported all or nothing: refused at
 * its last line after hundreds of parts, or killed half-way, it leaves the ledger as it was,
 * in H2 and in the log H2 is rebuilt from; imported whole, its log rebuilds the same ledger.
 * Parts of 40 and 500 rows here, so that a file of a few thousand lines is hundreds of them.
 */
class ImportInPartsTest {
    private static final String PART_WRITES = "40";
    /** The killed import's parts: larger, for a file large enough to send the log a part early. */
    private static final String KILLED_PART_WRITES = "500";
    private static final Path EXAMPLE = Path.of("docs", "import-example.csv");
    /** Well-formed, so only the posting rules can refuse it: far more than the fund's cash. */
    private static final String BAD_ROW = "DISTRIBUTION,XF0,2021-12-31,,,,,,,,,,,900000000000.00,,,,,,,,,,,BAD-1\n";
    private static final Pattern PROGRESS = Pattern.compile("import: ([\\d,]+)/([\\d,]+) postings");

    @TempDir
    Path dir;

    @Test
    void aFileRefusedAtItsLastLineAfterManyPartsLeavesTheLedgerAsItWas() throws Exception {
        Path data = dir.resolve("data");
        Path file = generated(dir.resolve("history.csv"), 4_000);
        assertEquals(Main.EXIT_OK, run(data, "import", EXAMPLE.toString()).exit(), "a ledger with a history of its own");
        String before = digest(data);

        Path bad = dir.resolve("bad.csv");
        String text = Files.readString(file);
        long badLine = text.lines().count() + 1;
        Files.writeString(bad, text + BAD_ROW);
        Run refused = run(data, "import", bad.toString());
        assertEquals(Main.EXIT_FINDINGS, refused.exit(), refused::err);
        assertTrue(refused.err().contains("line " + badLine + ": amount is more than the fund's cash"), refused::err);
        assertTrue(refused.err().contains("rebuilding the database from its transaction log"),
                "H2 had committed parts of the file, which the rebuild undoes: " + refused.err());
        assertEquals(before, digest(data), "nothing of the refused file is in the ledger");
        assertEquals(before, digestRebuiltFromLog(data), "nothing of the refused file is in the log");

        Run imported = run(data, "import", file.toString());
        assertEquals(Main.EXIT_OK, imported.exit(), imported::err);
        String after = digest(data);
        assertNotEquals(before, after);
        assertTrue(after.contains("XF0"), after);
        assertEquals(after, digestRebuiltFromLog(data), "the log's parts and end rebuild the same ledger");
    }

    @Test
    void anImportKilledOrRefusedAfterPartsReachedTheLogLeavesNothingOfItAndTheNextOneImportsIt() throws Exception {
        Path data = dir.resolve("data");
        // about 18 MB of log: its first 8 MB part goes to the log at about half of the file
        Path file = generated(dir.resolve("history.csv"), 40_000);
        assertEquals(Main.EXIT_OK, run(data, "import", EXAMPLE.toString()).exit());
        String before = digest(data);
        long logBefore = Files.size(data.resolve("ledger.txlog"));

        Process killed = start(data, file);
        long[] progress = awaitProgress(killed, 0.7);
        killed.destroyForcibly();
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
        assertTrue(progress[0] < progress[1], "killed after " + progress[0] + " of " + progress[1] + " postings");
        assertTrue(Files.size(data.resolve("ledger.txlog")) > logBefore + 8_000_000,
                "a part of the import reached the log before the kill, for recovery to cut off");
        assertEquals(before, digest(data), "nothing of the killed import is in the ledger");
        assertEquals(before, digestRebuiltFromLog(data), "nothing of the killed import is in the log");

        // refused at its last line, after two 8 MB parts had gone to the log ahead of its end
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, Files.readString(file) + BAD_ROW);
        Run refused = runInParts(data, KILLED_PART_WRITES, "import", bad.toString());
        assertEquals(Main.EXIT_FINDINGS, refused.exit(), refused::err);
        assertTrue(refused.err().contains("amount is more than the fund's cash"), refused::err);
        assertEquals(before, digest(data), "nothing of the refused file is in the ledger");
        assertEquals(before, digestRebuiltFromLog(data), "nothing of the refused file is in the log");

        Process again = start(data, file);
        String output = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(120, TimeUnit.SECONDS));
        assertEquals(Main.EXIT_OK, again.exitValue(), output);
        String after = digest(data);
        assertNotEquals(before, after);
        assertEquals(after, digestRebuiltFromLog(data));
    }

    /** A generated history of three funds over two years, of about {@code lines} journal lines. */
    private static Path generated(Path file, long lines) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            new LedgerGenerator(out, 3, 2, 2020, lines, 7, "X").write();
        }
        return file;
    }

    private static Run run(Path data, String... args) {
        return runInParts(data, PART_WRITES, args);
    }

    private static Run runInParts(Path data, String partWrites, String... args) {
        return InProcessCommand.run(Map.of("ledger.data-dir", data.toString(), "ledger.import-part-writes", partWrites),
                args);
    }

    /** The import in its own JVM, with the test class path; stderr merged into stdout. */
    private static Process start(Path data, Path file) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.jinchuang.ledger.Main", "import", file.toString())
                .redirectErrorStream(true);
        builder.environment().put("LEDGER_DATA_DIR", data.toString());
        builder.environment().put("LEDGER_DB_URL", "");
        builder.environment().put("LEDGER_IMPORT_PART_WRITES", KILLED_PART_WRITES);
        return builder.start();
    }

    /** Waits for a progress line of at least {@code share} of the postings: {done, all}. */
    private static long[] awaitProgress(Process process, double share) throws IOException {
        MatchResult line = ProcessOutput.awaitLine(process, PROGRESS, match -> postings(match, 1) >= share * postings(match, 2));
        return new long[] {postings(line, 1), postings(line, 2)};
    }

    private static long postings(MatchResult match, int group) {
        return Long.parseLong(match.group(group).replace(",", ""));
    }

    private static Settings settings(Path data) {
        return Settings.load(Map.of(), Map.of("ledger.data-dir", data.toString(), "ledger.db.url", ""));
    }

    /**
     * What the ledger holds: each fund's head and chain check, and the rows of every table an
     * import writes.
     */
    private static String digest(Path data) {
        try (Ledger ledger = Ledger.open(settings(data))) {
            return ledger.db.read(dsl -> {
                StringBuilder digest = new StringBuilder();
                for (FundRecord fund : dsl.selectFrom(FUND).orderBy(FUND.CODE).fetch()) {
                    JournalQueries.ChainCheck chain = JournalQueries.verify(dsl, fund);
                    assertTrue(chain.ok(), () -> fund.getCode() + ": " + chain);
                    digest.append(fund.getCode()).append(' ').append(fund.getHeadSeq()).append(' ')
                            .append(fund.getHeadHash()).append('\n');
                }
                for (var table : List.of(PARTNER, COMPANY, JOURNAL_ENTRY, JOURNAL_LINE, ACCOUNT_BALANCE, INVESTMENT)) {
                    digest.append(table.getName()).append(' ').append(dsl.fetchCount(table)).append('\n');
                }
                digest.append("balances ").append(dsl.select(org.jooq.impl.DSL.sum(ACCOUNT_BALANCE.BALANCE))
                        .from(ACCOUNT_BALANCE).fetchOne(0)).append('\n');
                return digest.toString();
            });
        }
    }

    /** The digest of the ledger H2 rebuilds from the log alone (its file removed). */
    private static String digestRebuiltFromLog(Path data) throws IOException {
        Files.delete(data.resolve("ledger.mv.db"));
        return digest(data);
    }
}
