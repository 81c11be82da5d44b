package io.jinchuang.ledger.bench;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.Main;
import io.jinchuang.ledger.config.Settings;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The year-end benchmark behind {@code scripts/bench-yearend}: generates a ledger (default
 * 1,000,000 journal lines over 100 funds and ten years), imports it with the real command
 * line ({@code scripts/ledger import}), exports it, and prints, measured in the
 * same run: the import rate, the time of {@code ledger -f <export> balance} (and hledger's
 * when installed), the time of a plain SQL GROUP BY of the journal lines per fund and
 * account, and — once the reconciliation lands — the reconciliation's time. Wall-clock
 * times on a machine shared with other work: run it on a quiet one for figures to quote.
 */
public final class YearEndBench {
    private static final int FIRST_YEAR = 2016;
    private static final Pattern IMPORTED = Pattern.compile(
            ": (\\d+) rows, (\\d+) postings, (\\d+) journal entries, (\\d+) lines into (\\d+) funds in ([0-9.]+) s");

    private final long lines;
    private final int funds;
    private final int years;
    private final Path dir;
    private final Path jar = Path.of("target", "ledger.jar").toAbsolutePath();
    /** Seconds measured along the way, for the ratios printed at the end (0: not measured). */
    private double ledgerSeconds;
    private final double[] groupBySeconds = new double[3];

    private YearEndBench(long lines, int funds, int years, Path dir) {
        this.lines = lines;
        this.funds = funds;
        this.years = years;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("--lines", "1000000", "--funds", "100", "--years", "10",
                "--dir", "target/bench-yearend"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        new YearEndBench(Long.parseLong(options.get("--lines")), Integer.parseInt(options.get("--funds")),
                Integer.parseInt(options.get("--years")), Path.of(options.get("--dir")).toAbsolutePath()).run();
    }

    private void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: scripts/bench-yearend builds it first");
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "year-end benchmark: about %,d journal lines, %d funds, %d years (%d-%d), %d cores%n",
                lines, funds, years, FIRST_YEAR, FIRST_YEAR + years - 1, Runtime.getRuntime().availableProcessors());
        Path csv = generate();
        importFile(csv);
        Path journal = export();
        timeLedger(journal);
        timeGroupBy(journal);
        measureReconcile(FIRST_YEAR + years - 1);
    }

    private Path generate() throws IOException {
        Path csv = dir.resolve("ledger.csv");
        long started = System.nanoTime();
        long rows;
        LedgerGenerator generator;
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            generator = new LedgerGenerator(out, funds, years, FIRST_YEAR, lines, 20261126L, "B");
            rows = generator.write();
        }
        System.out.printf(Locale.ROOT, "generated: %,d rows (%,d journal lines expected), %,d MB, in %.1f s%n", rows,
                generator.expectedLines(), Files.size(csv) >> 20, seconds(started));
        return csv;
    }

    private void importFile(Path csv) throws Exception {
        long started = System.nanoTime();
        Result result = ledgerCommand(List.of(), "import", csv.toString(), "--actor", "bench");
        double wall = seconds(started);
        Matcher m = IMPORTED.matcher(result.out());
        if (result.exit() != 0 || !m.find()) {
            throw new IllegalStateException("the import failed: " + result.out() + result.err());
        }
        long rows = Long.parseLong(m.group(1));
        long journalLines = Long.parseLong(m.group(4));
        double own = Double.parseDouble(m.group(6));
        System.out.printf(Locale.ROOT, "import: %,d rows, %,d postings, %,d entries, %,d lines into %s funds%n", rows,
                Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), journalLines, m.group(5));
        System.out.printf(Locale.ROOT, "  import rate: %,.0f rows/s, %,.0f lines/s (%.1f s: read, check, post, log, "
                + "commit; one transaction of the ledger, which H2 commits in parts)%n", rows / own, journalLines / own, own);
        System.out.printf(Locale.ROOT, "  the whole command, JVM start and database close included: %.1f s "
                + "(%,.0f rows/s)%n", wall, rows / wall);
        result.out().lines().filter(l -> l.startsWith("  read and checked")).forEach(l -> System.out.println("  " + l.trim()));
        System.out.printf(Locale.ROOT, "  database %,d MB, transaction log %,d MB%n", size(dir.resolve("data")
                .resolve("ledger.mv.db")) >> 20, size(dir.resolve("data").resolve("ledger.txlog")) >> 20);
    }

    private Path export() throws Exception {
        Path journal = dir.resolve("journal.ledger");
        long started = System.nanoTime();
        Result result = ledgerCommand(List.of(), "export", "--format", "ledger", "--out", journal.toString());
        if (result.exit() != 0) {
            throw new IllegalStateException("the export failed: " + result.err());
        }
        System.out.printf(Locale.ROOT, "export: %.1f s, %,d MB (%s)%n", seconds(started), Files.size(journal) >> 20,
                result.err().lines().filter(l -> l.startsWith("exported")).findFirst().orElse("").trim());
        // the year's export opens with every account's balance on 1 January: a per-fund query over the journal
        int last = FIRST_YEAR + years - 1;
        Path year = dir.resolve("journal-" + last + ".ledger");
        started = System.nanoTime();
        result = ledgerCommand(List.of(), "export", "--format", "ledger", "--year", Integer.toString(last),
                "--out", year.toString());
        if (result.exit() != 0) {
            throw new IllegalStateException("the export of " + last + " failed: " + result.err());
        }
        System.out.printf(Locale.ROOT, "export --year %d: %.1f s, %,d MB (%s)%n", last, seconds(started),
                Files.size(year) >> 20,
                result.err().lines().filter(l -> l.startsWith("exported")).findFirst().orElse("").trim());
        return journal;
    }

    private void timeLedger(Path journal) throws Exception {
        long started = System.nanoTime();
        Result ledger = tool(List.of("ledger", "-f", journal.toString(), "balance"));
        ledgerSeconds = seconds(started);
        System.out.printf(Locale.ROOT, "ledger -f %s balance: %.1f s (%,d lines of output)%n", journal.getFileName(),
                seconds(started), ledger.out().lines().count());
        if (ledger.exit() != 0) {
            throw new IllegalStateException("ledger failed: " + ledger.err());
        }
        if (tool(List.of("hledger", "--version")).exit() == 0) {
            started = System.nanoTime();
            Result hledger = tool(List.of("hledger", "-f", journal.toString(), "balance"));
            System.out.printf(Locale.ROOT, "hledger -f %s balance: %.1f s%s%n", journal.getFileName(), seconds(started),
                    hledger.exit() == 0 ? "" : " (failed: " + hledger.err().lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * The same figures straight from the database, and a check that ledger agrees with them:
     * twice in this JVM, then as a process of its own at the reconciliation's heap, timed from
     * its start to its end as the reconciliation is.
     */
    private void timeGroupBy(Path journal) throws Exception {
        Map<String, BigDecimal> sql = Map.of();
        try (Ledger ledger = Ledger.open(Settings.load(System.getenv(), Map.of("ledger.data-dir",
                dir.resolve("data").toString())))) {
            for (int run = 1; run <= 2; run++) {
                long started = System.nanoTime();
                sql = PlainAggregate.balances(ledger);
                groupBySeconds[run - 1] = seconds(started);
                System.out.printf(Locale.ROOT, "SQL GROUP BY fund, account over journal_line (%s): %.2f s, %,d accounts%n",
                        run == 1 ? "first run after opening" : "again", seconds(started), sql.size());
            }
        }
        // as scripts/ledger runs the reconcile: its JVM options (scripts/batch-java-opts: the parallel
        // collector, half the heap young, the JIT's thresholds and inlining, the metadata threshold),
        // and a class-data archive of its own classes, recorded by a first, untimed run (the
        // ledger's archive is for its jar, and this class is not in it)
        Path archive = dir.resolve("plain-aggregate.jsa");
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-DLEDGER_LOG_TARGET=System.err", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        java.addAll(batchJavaOptions("reconcile", List.of("-Xmx256m")));
        List<String> main = List.of("-cp", System.getProperty("java.class.path"), PlainAggregate.class.getName(),
                dir.resolve("data").toString());
        List<String> record = new ArrayList<>(java);
        record.add("-XX:ArchiveClassesAtExit=" + archive);
        record.addAll(main);
        Result recorded = run(new ProcessBuilder(record));
        List<String> timed = new ArrayList<>(java);
        if (recorded.exit() == 0 && Files.isRegularFile(archive)) {
            timed.add("-XX:SharedArchiveFile=" + archive);
        }
        timed.addAll(main);
        long started = System.nanoTime();
        Result own = run(new ProcessBuilder(timed));
        double wall = seconds(started);
        groupBySeconds[2] = wall;
        String[] said = own.out().strip().lines().reduce((first, last) -> last).orElse("").split(" ");
        if (own.exit() != 0 || said.length != 2) {
            throw new IllegalStateException("the GROUP BY process failed: " + own.out() + own.err());
        }
        System.out.printf(Locale.ROOT, "SQL GROUP BY as a process of its own (-Xmx256m and the reconcile's JVM "
                + "options, JVM start and the ledger's open and close included): %.2f s (the query %s s), %,d "
                + "accounts%n", wall, said[0], Integer.parseInt(said[1]));
        started = System.nanoTime();
        Result flat = tool(List.of("ledger", "-f", journal.toString(), "balance", "--flat", "--empty", "--no-total",
                "--format", "%(account)\t%(display_amount)\n"));
        int differ = 0;
        int seen = 0;
        for (String line : flat.out().lines().toList()) {
            String[] parts = line.split("\t");
            String text = parts[1].equals("0") ? "0" : parts[1].substring(4);
            BigDecimal expected = sql.get(parts[0]);
            seen++;
            if (expected == null || expected.compareTo(new BigDecimal(text)) != 0) {
                differ++;
            }
        }
        System.out.printf(Locale.ROOT, "check: ledger's %,d account balances %s the SQL's %,d (%.1f s)%n", seen,
                differ == 0 && seen == sql.size() ? "equal" : "DIFFER FROM (" + differ + ")", sql.size(), seconds(started));
    }

    /**
     * HAND-OFF to the reconciliation branch: the year-end batch's time on the same data, run
     * as an operator runs it, in 256 MB of heap:
     * {@code LEDGER_JAVA_OPTS=-Xmx256m scripts/ledger reconcile --year <y>}. Until the
     * command exists on this branch there is nothing to time.
     */
    private void measureReconcile(int year) throws Exception {
        boolean available = new CommandLine(new Main()).getSubcommands().containsKey("reconcile");
        if (!available) {
            System.out.println("reconcile: not available on this branch");
            return;
        }
        long started = System.nanoTime();
        // the report goes under the benchmark's own directory, never into the working copy
        Result result = ledgerCommand(List.of("-Xmx256m"), "reconcile", "--year", Integer.toString(year),
                "--out", dir.resolve("reconciliation-" + year).toString());
        double reconcile = seconds(started);
        System.out.printf(Locale.ROOT, "reconcile --year %d (-Xmx256m): %.1f s, exit %d%n", year, reconcile,
                result.exit());
        if (result.exit() == 0) {
            System.out.printf(Locale.ROOT, "  ledger / reconcile: %.2fx (goal: at least 3)%n",
                    ledgerSeconds / reconcile);
            System.out.printf(Locale.ROOT, "  reconcile / GROUP BY (goal: at most 3): %.2fx its first run, %.2fx "
                    + "again, %.2fx as a process of its own%n", reconcile / groupBySeconds[0],
                    reconcile / groupBySeconds[1], reconcile / groupBySeconds[2]);
        } else {
            // the generated ledger is clean: anything but 0 is a failure of the run, not a finding
            String said = (result.out() + "\n" + result.err()).strip();
            System.out.println("  reconcile did NOT finish clean; it said: "
                    + said.substring(Math.max(0, said.length() - 2000)));
        }
    }

    private record Result(int exit, String out, String err) {}

    /**
     * {@code LEDGER_JAVA_OPTS=<jvmOptions> scripts/ledger args…} on this benchmark's data
     * directory: each command runs as an operator runs it, with the JVM options the script gives.
     */
    private Result ledgerCommand(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of("scripts", "ledger").toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LEDGER_JAVA_OPTS", String.join(" ", jvmOptions));
        builder.environment().put("LEDGER_DATA_DIR", dir.resolve("data").toString());
        return run(builder);
    }

    private Result tool(List<String> command) throws Exception {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("LANG", "C.UTF-8");
            return run(builder);
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        }
    }

    /** What {@code scripts/batch-java-opts} gives {@code command} with {@code LEDGER_JAVA_OPTS=<jvmOptions>}. */
    private List<String> batchJavaOptions(String command, List<String> jvmOptions) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("scripts/batch-java-opts", command));
        builder.environment().put("LEDGER_JAVA_OPTS", String.join(" ", jvmOptions));
        Result said = run(builder);
        if (said.exit() != 0 || said.out().isBlank()) {
            throw new IllegalStateException("scripts/batch-java-opts failed: " + said.out() + said.err());
        }
        return List.of(said.out().strip().split("\\s+"));
    }

    private Result run(ProcessBuilder builder) throws Exception {
        Path out = Files.createTempFile(dir, "out-", ".txt");
        Path err = Files.createTempFile(dir, "err-", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.HOURS)) {
            process.destroyForcibly();
            throw new IllegalStateException(builder.command() + " did not finish within 2 hours");
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
