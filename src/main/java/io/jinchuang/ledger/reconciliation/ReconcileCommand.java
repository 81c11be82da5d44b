package io.jinchuang.ledger.reconciliation;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.Main;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.store.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ledger reconcile}: the year-end batch from the command line. It opens the database
 * itself (PostgreSQL always; the embedded H2 when no other process has it open) and otherwise
 * runs the batch through the running service's HTTP API. Either way it writes the same files.
 * Exit codes: 0 clean, 1 discrepancies found, 2 could not run (or could not close).
 */
public final class ReconcileCommand {
    public static final int EXIT_CLEAN = 0;
    public static final int EXIT_DISCREPANCIES = 1;
    public static final int EXIT_CANNOT_RUN = 2;

    /** What the command was asked; null {@code statements}, {@code out} and {@code serviceUrl} mean the defaults. */
    public record Options(int year, Path statements, boolean close, Path out, String serviceUrl) {}

    private final Settings settings;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final long startedNanos = System.nanoTime();

    public ReconcileCommand(Settings settings, Map<String, String> environment, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public int run(Options options) {
        if (options.year() < FiscalYear.YEAR_MIN || options.year() > FiscalYear.YEAR_MAX) {
            return cannot("--year must be a year between " + FiscalYear.YEAR_MIN + " and " + FiscalYear.YEAR_MAX);
        }
        FiscalYear year = new FiscalYear(options.year());
        Map<String, List<StatementLine>> statements;
        try {
            statements = options.statements() == null ? Map.of() : StatementCsv.readDirectory(options.statements());
        } catch (StatementCsv.Invalid e) {
            return cannot(e.getMessage());
        }
        Path target = options.out() == null ? ReportFiles.defaultDirectory(options.year()) : options.out();
        try {
            ReportFiles.refuseToReplace(target.toAbsolutePath().normalize()); // before the run, not after it
        } catch (IOException e) {
            return cannot("cannot write the report to " + target.toAbsolutePath() + ": " + e.getMessage());
        }
        YearEndBatch.Request request = new YearEndBatch.Request(year, options.close(), statements);
        Ledger ledger;
        try {
            ledger = Ledger.open(settings);
        } catch (Database.InUse inUse) {
            err.println("ledger: " + inUse.getMessage() + "; running the batch through the service instead");
            return new RemoteReconciliation(settings, environment, err).run(request, options.serviceUrl(), target,
                    inUse.getMessage(), this::report);
        } catch (RuntimeException e) {
            return cannot("cannot open the ledger's database: " + e.getMessage());
        }
        try (ledger; ReportFiles.Draft files = ReportFiles.Draft.begin(target)) {
            // each fund's files are written as the fund is done, on its thread; the head ends them
            YearEndBatch.Outcome outcome = ledger.reconciliations.runNow(request, actor(), runner(),
                    new ProgressPrinter(err, options.year()), files);
            try (SpooledReport spooled = outcome.report()) {
                files.finish((com.fasterxml.jackson.databind.node.ObjectNode)
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree(spooled.head()));
            }
            return report(outcome.clean(), outcome.discrepancies(), outcome.close().requested(),
                    outcome.close().closed(), outcome.close().detail(), target);
        } catch (Rejection e) {
            return cannot(e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            return cannot("cannot write the report to " + target.toAbsolutePath() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            if (ledger.db.healthy()) {
                throw e;
            }
            // H2 closed itself under the run (README, "Durability of the embedded database")
            return cannot(Main.failure(e) + ". The embedded database failed: no report was "
                    + "written and the run is not complete; the next start rebuilds the database from its "
                    + "transaction log, which holds every commit (minutes for a large ledger)");
        }
    }

    /** Says how the run ended and chooses the exit code. */
    int report(boolean clean, int discrepancies, boolean closeRequested, boolean closed, String closeDetail,
               Path target) {
        out.println("reconcile: " + (clean ? "clean" : discrepancies + " discrepancies found")
                + "; report in " + target.toAbsolutePath() + " (" + (System.nanoTime() - startedNanos) / 1_000_000
                + " ms)");
        if (closeRequested) {
            out.println("reconcile: " + closeDetail);
        }
        if (closeRequested && clean && !closed) {
            return EXIT_CANNOT_RUN;
        }
        return clean ? EXIT_CLEAN : EXIT_DISCREPANCIES;
    }

    private int cannot(String message) {
        err.println("ledger: " + message);
        return EXIT_CANNOT_RUN;
    }

    private static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    private static String runner() {
        return "command line, pid " + ProcessHandle.current().pid();
    }

    /** "reconcile 2025: 10/100 funds" on stderr, at most about once a second (and for the first and last fund). */
    static final class ProgressPrinter implements YearEndBatch.Progress {
        private static final long INTERVAL_NANOS = 1_000_000_000L;
        private final PrintStream err;
        private final int year;
        private long last;

        ProgressPrinter(PrintStream err, int year) {
            this.err = err;
            this.year = year;
        }

        @Override
        public void fundsDone(int done, int total) {
            long now = System.nanoTime();
            if (done == 1 || done == total || now - last >= INTERVAL_NANOS) {
                err.println("reconcile " + year + ": " + done + "/" + total + " funds");
                err.flush();
                last = now;
            }
        }
    }
}
