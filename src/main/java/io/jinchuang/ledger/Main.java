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
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The one entry point: {@code serve} (the default) and the command-line tools. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "The 晋创谷 guidance-fund ledger.",
        subcommands = {Main.Serve.class, Main.TokensCommand.class, Main.Reconcile.class})
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    /** Exit codes shared by every command. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_CANNOT_RUN = 2;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("ledger: " + e.getMessage());
            log.debug("command failed", e);
            return EXIT_CANNOT_RUN;
        });
        int code = commandLine.execute(args.length == 0 ? new String[] {"serve"} : args);
        if (code != EXIT_OK || args.length == 0 || !args[0].equals("serve")) {
            System.exit(code);
        }
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
            log.info("event=started port={} profile={} ms={}", service.app().port(), settings.string("ledger.profile"),
                    (System.nanoTime() - started) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "shutdown"));
            return EXIT_OK;
        }
    }

    /** A running service: the HTTP server and the ledger behind it. */
    public record Service(Javalin app, Ledger ledger) {
        public static Service start(Settings settings) {
            String profile = settings.string("ledger.profile");
            if (!profile.equals("demo") && !profile.equals("prod")) {
                throw new IllegalStateException("ledger.profile must be demo or prod, not " + profile);
            }
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
                log.info("event=demo-seeded funds={},{},{}", DemoData.GUIDANCE, DemoData.SEED, DemoData.ANGEL);
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
                    .run(new ReconcileCommand.Options(year, statements, close, out, serviceUrl));
        }
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
}
