package io.jinchuang.ledger.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.Main;
import io.jinchuang.ledger.cli.InProcessCommand;
import io.jinchuang.ledger.cli.InProcessCommand.Run;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.journal.Balances;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/ledger import} and {@code export} as an operator runs them, on the
 * embedded database: the documented example file imports, a bad file names its lines and
 * imports nothing, and the exported journal gives ledger the ledger's own balances.
 */
class CommandLineTest {
    private static final Path EXAMPLE = Path.of("docs", "import-example.csv");

    @TempDir
    Path dir;

    private Run run(String... args) {
        return InProcessCommand.run(Map.of("ledger.data-dir", dir.resolve("data").toString()), args);
    }

    @Test
    void theDocumentedExampleImportsAndExportsToTheSameBalances() throws Exception {
        Run imported = run("import", EXAMPLE.toString(), "--actor", "migration-2026");
        assertEquals(Main.EXIT_OK, imported.exit(), imported::err);
        assertTrue(imported.out().contains(": 21 rows, 18 postings, 18 journal entries, 26 lines into 2 funds"),
                imported::out);

        Run again = run("import", EXAMPLE.toString());
        assertEquals(Main.EXIT_FINDINGS, again.exit(), "the funds exist now: the file is refused whole");
        assertTrue(again.err().contains("line 2: a fund with code SX-GUIDANCE already exists"), again::err);

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, Files.readString(EXAMPLE).replace("8000000,A", "8000000.001,A")
                .replace("2022-05-20", "2022-05-32"));
        Run refused = run("import", bad.toString());
        assertEquals(Main.EXIT_FINDINGS, refused.exit());
        assertTrue(refused.err().contains("line 14: amount must have at most 2 fraction digits"), refused::err);
        assertTrue(refused.err().contains("line 19: date must be an existing date"), refused::err);

        Path headerAlone = dir.resolve("header.csv");
        Files.writeString(headerAlone, Files.readString(EXAMPLE).lines().findFirst().orElseThrow() + "\n");
        Run empty = run("import", headerAlone.toString());
        assertEquals(Main.EXIT_FINDINGS, empty.exit(), "a header alone imports nothing: refused");
        assertTrue(empty.err().contains("was not imported: file has no rows after its header"), empty::err);
        assertFalse(empty.err().contains("line null"), empty::err);

        Path file = dir.resolve("all.ledger");
        Run exported = run("export", "--format", "ledger", "--out", file.toString());
        assertEquals(Main.EXIT_OK, exported.exit(), exported::err);
        assertEquals("", exported.out());
        Run year = run("export", "--year", "2022", "--fund", "TY-SEED-1");
        assertEquals(Main.EXIT_OK, year.exit(), year::err);
        assertTrue(year.out().startsWith("; Guidance-fund ledger"), "the journal, and nothing else, on stdout");
        assertTrue(year.out().contains("2022-01-01 * (TY-SEED-1/opening) Opening balances"), year::out);
        Run unknown = run("export", "--fund", "NO-SUCH-FUND");
        assertEquals(Main.EXIT_CANNOT_RUN, unknown.exit());

        LedgerTools.requireLedger();
        Map<String, BigDecimal> expected = new TreeMap<>();
        try (Ledger ledger = Ledger.open(Settings.load(Map.of(), Map.of("ledger.data-dir",
                dir.resolve("data").toString())))) {
            ledger.db.read(dsl -> {
                Funds.all(dsl).forEach(f -> Balances.asOf(dsl, f.getCode(), LocalDate.of(9999, 12, 31))
                        .forEach((account, balance) -> expected.put(f.getCode() + ":" + account, balance)));
                return null;
            });
        }
        assertEquals(expected, LedgerTools.ledgerBalances(file, null));
        Path seed2022 = dir.resolve("seed-2022.ledger");
        Files.writeString(seed2022, year.out());
        Map<String, BigDecimal> seedOnly = new TreeMap<>(expected);
        seedOnly.keySet().removeIf(account -> !account.startsWith("TY-SEED-1:"));
        assertEquals(seedOnly, LedgerTools.ledgerBalances(seed2022, null), "nothing after 2022 in the example");
    }
}
