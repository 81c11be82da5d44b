package io.jinchuang.ledger.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.money.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real {@code ledger} and {@code hledger} on an exported file and reads back every
 * account's balance (its own postings only, as the service's trial balance has them).
 * Outside CI a machine without ledger skips the tests that need it; in CI ({@code CI} set)
 * a missing ledger fails them.
 */
public final class LedgerTools {
    public static final boolean LEDGER = installed("ledger");
    public static final boolean HLEDGER = installed("hledger");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private LedgerTools() {}

    /** Skips outside CI when ledger is missing; fails in CI. */
    public static void requireLedger() {
        Assumptions.assumeTrue(LEDGER || System.getenv("CI") != null,
                "ledger is not installed (apt-get install ledger); CI installs it and runs this test");
        assertTrue(LEDGER, "CI must have ledger installed: .ci/run installs it");
    }

    private static boolean installed(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code ledger balance} with a flat, parseable format: each account with postings (zero
     * balances too) and its own amount ({@code display_amount}: a parent's children are not
     * added in, unlike {@code display_total}).
     *
     * @param end exclusive end date (yyyy-MM-dd) or null for every posting
     */
    public static Map<String, BigDecimal> ledgerBalances(Path file, String end) {
        List<String> command = new ArrayList<>(List.of("ledger", "-f", file.toString(), "balance", "--flat",
                "--empty", "--no-total", "--format", "%(account)\t%(display_amount)\n"));
        if (end != null) {
            command.addAll(List.of("--end", end));
        }
        Map<String, BigDecimal> balances = new TreeMap<>();
        for (String line : run(command)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            assertEquals(2, parts.length, () -> "ledger printed " + line);
            balances.put(parts[0], amount(parts[1], line));
        }
        return balances;
    }

    /** {@code hledger balance} as CSV: flat account names, zero balances included. */
    public static Map<String, BigDecimal> hledgerBalances(Path file, String end) {
        List<String> command = new ArrayList<>(List.of("hledger", "-f", file.toString(), "balance", "--flat",
                "--empty", "-O", "csv"));
        if (end != null) {
            command.addAll(List.of("--end", end));
        }
        Map<String, BigDecimal> balances = new TreeMap<>();
        for (String line : run(command)) {
            if (line.isBlank() || line.equals("\"account\",\"balance\"") || line.startsWith("\"total\",")) {
                continue;
            }
            String[] parts = line.substring(1, line.length() - 1).split("\",\"", -1);
            assertEquals(2, parts.length, () -> "hledger printed " + line);
            balances.put(parts[0], amount(parts[1], line));
        }
        return balances;
    }

    /** "CNY -1234.50", or "0" for a zero balance. */
    private static BigDecimal amount(String text, String line) {
        if (text.equals("0")) {
            return Money.ZERO;
        }
        assertTrue(text.startsWith(LedgerJournal.COMMODITY + " "), () -> "not a CNY amount: " + line);
        return Money.parse(text.substring(LedgerJournal.COMMODITY.length() + 1));
    }

    private static List<String> run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("LANG", "C.UTF-8");
            Process process = builder.start();
            // read stderr on the side so a full pipe never blocks the tool
            var errors = new java.util.concurrent.CompletableFuture<String>();
            Thread drain = new Thread(() -> {
                try {
                    errors.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errors.complete(e.toString());
                }
            });
            drain.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), () -> command + " did not finish");
            drain.join();
            assertEquals(0, process.exitValue(), () -> command + " failed: " + errors.join());
            return out.lines().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
