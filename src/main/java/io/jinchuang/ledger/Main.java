package io.jinchuang.ledger;

import io.javalin.Javalin;
import io.jinchuang.ledger.auth.Role;
import io.jinchuang.ledger.auth.Tokens;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.demo.DemoData;
import io.jinchuang.ledger.http.App;
import io.jinchuang.ledger.reconciliation.ReconcileCommand;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.jinchuang.ledger.imports.ImportFile;
import io.jinchuang.ledger.reconciliation.ReportFiles;
import io.jinchuang.ledger.imports.ImportResult;
import io.jinchuang.ledger.imports.ImportText;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.export.LedgerJournal;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The one entry point: {@code serve} (the default) and the command-line tools. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "The 晋创谷 guidance-fund ledger.",
        subcommands = {Main.Serve.class, Main.TokensCommand.class, Main.Reconcile.class, Main.ImportCommand.class,
                Main.ExportCommand.class, Main.ClassArchiveTraining.class})
public final class Main implements Callable<Integer> {
    /** Made on first use, after main chose where logs go. */
    private static Logger log() {
        return LoggerFactory.getLogger(Main.class);
    }
    /** Exit codes shared by every command. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_CANNOT_RUN = 2;

    public static void main(String[] args) {
        boolean serving = args.length == 0 || args[0].equals("serve");
        if (!serving && System.getProperty("LEDGER_LOG_TARGET") == null) {
            System.setProperty("LEDGER_LOG_TARGET", "System.err"); // stdout is the command's output
        }
        int code;
        try {
            code = args.length == 0 || args.length == 1 && args[0].equals("serve") ? serve()
                    : commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // not the exit code of a finding (1): the command could not run
            System.err.println("ledger: out of memory (" + e.getMessage() + "); the command did not finish. "
                    + "Give the JVM more heap than its " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB, e.g. LEDGER_JAVA_OPTS=-Xmx" + moreHeapMb() + "m");
            System.exit(EXIT_CANNOT_RUN);
            return;
        }
        if (code != EXIT_OK || !serving) { // a service that started keeps running
            System.exit(code);
        }
    }

    private static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("ledger: " + failure(e));
            log().debug("command failed", e);
            return EXIT_CANNOT_RUN;
        });
        return commandLine;
    }

    /**
     * {@code serve} without options, as scripts/run starts it, without picocli: building the
     * model of every command by reflection was a tenth of the service's start-up. Failures
     * read as picocli's handler writes them.
     */
    private static int serve() {
        try {
            return new Serve().call();
        } catch (RuntimeException e) {
            System.err.println("ledger: " + failure(e));
            log().debug("command failed", e);
            return EXIT_CANNOT_RUN;
        }
    }

    /**
     * What a command that failed unexpectedly says: its exception's message and the deepest
     * cause that says something, unless the message holds it already. A wrapper's message
     * alone ("Cannot commit transaction", jOOQ's) tells an operator nothing of why, and the
     * wrappers between repeat each other; the full trace is logged at DEBUG
     * ({@code LEDGER_LOG_LEVEL=DEBUG}).
     */
    public static String failure(Throwable e) {
        String said = message(e);
        Throwable deepest = null;
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.add(e);
        for (Throwable cause = e.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                deepest = cause;
            }
        }
        return deepest == null || said.contains(deepest.getMessage()) ? said : said + " (cause: " + deepest + ")";
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }

    @Override
    public Integer call() {
        return new Serve().call();
    }

    @Command(name = "serve", description = "Start the HTTP service (profile and database from config/ and the environment).")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() {
            long started = System.nanoTime();
            Settings settings = Settings.fromEnvironment();
            Service service = Service.start(settings);
            log().info("event=started port={} profile={} ms={}", service.app().port(), settings.string("ledger.profile"),
                    (System.nanoTime() - started) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "shutdown"));
            return EXIT_OK;
        }
    }

    /**
     * The training run behind the class-data archive (see scripts/build-if-needed): starts the
     * demo service on a throw-away data directory, asks it for /health once, and stops. The
     * JVM, run with {@code -XX:ArchiveClassesAtExit}, then keeps every class the start and
     * the first answer loaded, and later starts map them instead of loading them again.
     */
    @Command(name = "class-archive-training", hidden = true,
            description = "Start on a temporary database, answer /health once, stop (for the class-data archive).")
    static final class ClassArchiveTraining implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Path dataDir = Files.createTempDirectory("ledger-training-");
            try {
                Settings settings = Settings.fromEnvironment().with(java.util.Map.of("ledger.data-dir", dataDir.toString(),
                        "ledger.port", "0", "ledger.profile", "demo", "ledger.demo-data", "true", "ledger.db.url", ""));
                Service service = Service.start(settings);
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", service.app().port())) {
                    socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    String status = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    if (!status.startsWith("HTTP/1.1 200")) {
                        throw new IllegalStateException("the training service did not answer /health: " + status);
                    }
                } finally {
                    service.stop();
                }
                return EXIT_OK;
            } finally {
                try (var files = Files.walk(dataDir)) {
                    for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    /** A running service: the HTTP server and the ledger behind it. */
    public record Service(Javalin app, Ledger ledger) {
        public static Service start(Settings settings) {
            String profile = settings.string("ledger.profile");
            if (!profile.equals("demo") && !profile.equals("prod")) {
                throw new IllegalStateException("ledger.profile must be demo or prod, not " + profile);
            }
            LoggerFactory.getILoggerFactory(); // before a second thread logs (see App.warmUpInBackground)
            App.warmUpInBackground();
            Ledger ledger = Ledger.open(settings);
            try {
                prepareProfile(ledger, profile);
                PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                new JvmMemoryMetrics().bindTo(registry);
                ledger.db.dataSource().setMetricRegistry(registry);
                Javalin app = App.create(ledger, registry).start(settings.integer("ledger.port"));
                return new Service(app, ledger);
            } catch (RuntimeException e) {
                ledger.close();
                throw e;
            }
        }

        private static void prepareProfile(Ledger ledger, String profile) {
            if (profile.equals("prod")) {
                if (ledger.db.read(Tokens::anyDemoToken)) {
                    throw new IllegalStateException("the prod profile refuses to start while demo tokens exist; "
                            + "this database was used with the demo profile");
                }
                return;
            }
            ledger.db.write(tx -> {
                ledger.tokens.seedDemo(tx);
                return null;
            });
            if (ledger.settings.bool("ledger.demo-data") && DemoData.seedOnce(ledger)) {
                log().info("event=demo-seeded funds={},{},{}", DemoData.GUIDANCE, DemoData.SEED, DemoData.ANGEL);
            }
        }

        public void stop() {
            app.stop();
            ledger.close();
        }
    }

    @Command(name = "reconcile", description = {"The year-end batch (年终对账): verify every chain and balance, "
            + "roll positions forward, match bank statements, write the report; with --close, lock a clean year.",
            "Exit code 0: clean; 1: discrepancies found; 2: could not run (or could not close)."})
    public static final class Reconcile implements Callable<Integer> {
        @Option(names = "--year", required = true, description = "the fiscal (calendar) year, e.g. 2025")
        int year;
        @Option(names = "--statements", description = "directory of custodian-bank statements, one <fundCode>.csv "
                + "(date,amount,reference) per fund")
        java.nio.file.Path statements;
        @Option(names = "--close", description = "close the year when it is clean: later postings dated in it are 409")
        boolean close;
        @Option(names = "--out", description = "where the report goes (default ./reconciliation-<year>)")
        java.nio.file.Path out;
        @Option(names = "--service-url", description = "the running service to use when the embedded database is "
                + "in use (default $LEDGER_SERVICE_URL, else http://localhost:<ledger.port>; token from $LEDGER_TOKEN)")
        String serviceUrl;

        private final Settings settings;
        private final java.util.Map<String, String> environment;
        private final java.io.PrintStream stdout;
        private final java.io.PrintStream stderr;

        /** As the command line runs it: configuration, environment and streams of this process. */
        public Reconcile() {
            this(null, System.getenv(), System.out, System.err);
        }

        /** With explicit configuration, environment and streams ({@code settings} null: from the environment). */
        public Reconcile(Settings settings, java.util.Map<String, String> environment, java.io.PrintStream stdout,
                         java.io.PrintStream stderr) {
            this.settings = settings;
            this.environment = environment;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public Integer call() {
            Settings config = settings != null ? settings : Settings.fromEnvironment();
            return new ReconcileCommand(config, environment, stdout, stderr)
                    .run(new ReconcileCommand.Options(year, fromCaller(environment, statements), close,
                            fromCaller(environment, out == null ? ReportFiles.defaultDirectory(year) : out),
                            serviceUrl));
        }
    }

    /**
     * A path given on the command line, relative to the directory the user ran
     * {@code scripts/ledger} in ({@code LEDGER_CALLER_DIR}, which the script sets before it
     * changes to the project's directory), not to the project's.
     */
    static Path fromCaller(java.util.Map<String, String> environment, Path given) {
        String caller = environment.get("LEDGER_CALLER_DIR");
        if (given == null || given.isAbsolute() || caller == null || caller.isBlank()) {
            return given;
        }
        return Path.of(caller).resolve(given).normalize();
    }

    @Command(name = "tokens", description = "Manage API tokens.", subcommands = TokensCommand.Create.class)
    static final class TokensCommand {
        @Command(name = "create", description = "Create a token and print it once; only its hash is stored.")
        static final class Create implements Callable<Integer> {
            @Option(names = "--name", required = true, description = "who the token is for (the journal's actor)")
            String name;
            @Option(names = "--role", required = true, description = "ADMIN, MANAGER, COMPLIANCE or AUDITOR")
            Role role;
            @Option(names = "--manager", description = "for MANAGER: the manager name of the funds it may post to")
            String manager;

            @Override
            public Integer call() {
                try (Ledger ledger = Ledger.open(Settings.fromEnvironment())) {
                    String token = ledger.db.write(tx -> ledger.tokens.create(tx, name, role, manager));
                    System.out.println(token);
                    System.err.println("Store this token now: it is shown once and kept only as a hash.");
                    return EXIT_OK;
                } catch (Rejection e) {
                    System.err.println("ledger: " + e.getMessage());
                    return EXIT_CANNOT_RUN;
                }
            }
        }
    }

    @Command(name = "import", description = "Import historical deals from a CSV file, all or nothing (README, \"Import\").")
    static final class ImportCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE.csv", description = "UTF-8 CSV with the documented header")
        Path file;
        @Option(names = "--actor", defaultValue = "import", description = "who the journal names as actor (default: ${DEFAULT-VALUE})")
        String actor;

        @Override
        public Integer call() throws IOException {
            if (actor.isBlank() || actor.length() > 100) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--actor must be 1 to 100 characters");
            }
            Settings settings = Settings.fromEnvironment();
            Ledger ledger = Ledger.open(settings);
            try {
                long started = System.nanoTime();
                ImportFile read;
                try (Reader in = ImportText.utf8(Files.newInputStream(fromCaller(System.getenv(), file)))) {
                    read = ledger.imports.read(in);
                }
                ledger.db.read(dsl -> {
                    ledger.imports.check(dsl, read);
                    return null;
                });
                long checked = System.nanoTime();
                long[] posted = new long[1];
                // the process holds the data directory alone: H2 may commit the import in parts
                ImportResult result = ledger.db.writeInParts(settings.integer("ledger.import-part-writes"), tx -> {
                    ImportResult r = ledger.imports.apply(tx, read, Actor.system(actor), done -> System.err.printf(
                            Locale.ROOT, "import: %,d/%,d postings%n", done, read.postings().size()));
                    posted[0] = System.nanoTime();
                    return r;
                });
                long done = System.nanoTime();
                double seconds = (done - started) / 1e9;
                System.out.printf(Locale.ROOT, "imported %s: %d rows, %d postings, %d journal entries, %d lines "
                                + "into %d funds in %.2f s (%.0f rows/s, %.0f lines/s)%n", file, result.rows(),
                        result.postings(), result.entries(), result.lines(), result.funds().size(), seconds,
                        result.rows() / seconds, result.lines() / seconds);
                System.out.printf(Locale.ROOT, "  read and checked %.2f s, posted %.2f s, logged and committed %.2f s%n",
                        (checked - started) / 1e9, (posted[0] - checked) / 1e9, (done - posted[0]) / 1e9);
                return EXIT_OK;
            } catch (Rejection e) {
                System.err.println("ledger: " + file + " was not imported: " + e.getMessage());
                for (Rejection.FieldError error : e.errors()) {
                    if (error.line() != null) { // one without a line (the file as a whole) is the message above
                        System.err.println("  line " + error.line() + ": "
                                + (error.field().equals("row") ? "" : error.field() + " ") + error.message());
                    }
                }
                return EXIT_FINDINGS;
            } finally {
                close(ledger, settings);
            }
        }

        /**
         * Closes the ledger. When the import failed after H2 had committed parts of it, the
         * database is no longer its log (see {@code Database.writeInParts}): it is opened once
         * more, which rebuilds it from the log without them, so the next user finds it whole
         * at once rather than waiting for the rebuild.
         */
        private static void close(Ledger ledger, Settings settings) {
            boolean healthy = ledger.db.healthy();
            boolean logged = ledger.db.partsLogged();
            ledger.close();
            if (!healthy) {
                System.err.println(logged
                        ? "ledger: the import reached the transaction log whole before the database failed to commit it: "
                        + "rebuilding the database from the log, with the import ..."
                        : "ledger: undoing the rows the import had written: rebuilding the database from its "
                        + "transaction log ...");
                long started = System.nanoTime();
                Ledger.open(settings).close();
                System.err.printf(Locale.ROOT, "ledger: the database is rebuilt from its log (%.1f s)%n",
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }

    @Command(name = "export", description = "Write the journal in Ledger / hledger journal format (README, \"Export\").")
    static final class ExportCommand implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "ledger",
                description = "ledger: the Ledger journal format, which hledger reads alike (default: ${DEFAULT-VALUE})")
        String format;
        @Option(names = "--year", description = "one calendar year: opening balances on 1 January, then its entries")
        Integer year;
        @Option(names = "--fund", description = "one fund only")
        String fund;
        @Option(names = "--out", description = "the file to write (default: standard output)")
        Path out;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = new CommandLine(this);
            if (!format.equals("ledger") && !format.equals("hledger")) {
                throw new CommandLine.ParameterException(cmd, "--format must be ledger (hledger reads the same file)");
            }
            if (year != null && (year < YEAR_MIN || year > YEAR_MAX)) {
                throw new CommandLine.ParameterException(cmd, "--year must be between " + YEAR_MIN + " and " + YEAR_MAX);
            }
            try (Ledger ledger = Ledger.open(Settings.fromEnvironment())) {
                if (fund != null && ledger.db.read(dsl -> io.jinchuang.ledger.funds.Funds.find(dsl, fund)) == null) {
                    System.err.println("ledger: no fund " + fund);
                    return EXIT_CANNOT_RUN;
                }
                LedgerJournal.Summary summary = out == null ? toStdout(ledger) : toFile(ledger);
                System.err.printf(Locale.ROOT, "exported %d entries (%d postings), %d memo entries as comments, "
                                + "%d opening entries%s%n", summary.entries(), summary.postings(), summary.memoEntries(),
                        summary.openingFunds(), out == null ? "" : " to " + out);
                return EXIT_OK;
            }
        }

        private LedgerJournal.Summary toStdout(Ledger ledger) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), BUFFER_BYTES);
            return write(ledger, writer);
        }

        /** Written beside the target and moved over it at the end: a reader never sees half a file. */
        private LedgerJournal.Summary toFile(Ledger ledger) throws IOException {
            Path target = fromCaller(System.getenv(), out).toAbsolutePath();
            Path part = target.resolveSibling(target.getFileName() + ".part");
            try (Writer writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                LedgerJournal.Summary summary = write(ledger, writer);
                writer.close();
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return summary;
            } finally {
                Files.deleteIfExists(part);
            }
        }

        private LedgerJournal.Summary write(Ledger ledger, Writer writer) {
            return ledger.db.read(dsl -> LedgerJournal.write(dsl, writer, year, fund, ledger.clock.instant(),
                    ledger.settings.integer("limits.export-timeout-seconds")));
        }
    }

    /** Twice the heap the JVM has (rounded up to 256 MB): what an out-of-memory message suggests. */
    static long moreHeapMb() {
        long twice = 2 * (Runtime.getRuntime().maxMemory() >> 20);
        return (twice + 255) / 256 * 256;
    }

    static final int YEAR_MIN = 1900;
    static final int YEAR_MAX = 9999;
    /** Output buffer of the command line's exports. */
    static final int BUFFER_BYTES = 1 << 16;
}
