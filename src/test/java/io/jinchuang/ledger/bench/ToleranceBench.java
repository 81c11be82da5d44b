package io.jinchuang.ledger.bench;

import static io.jinchuang.ledger.db.Tables.EXIT_EVENT;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.Main;
import io.jinchuang.ledger.companies.CreditCode;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.deals.CapitalCall;
import io.jinchuang.ledger.deals.ExitType;
import io.jinchuang.ledger.deals.NewExit;
import io.jinchuang.ledger.deals.NewInvestment;
import io.jinchuang.ledger.funds.FundKind;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.funds.NewFund;
import io.jinchuang.ledger.funds.NewPartner;
import io.jinchuang.ledger.funds.PartnerRole;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.metrics.FundTolerance;
import io.jinchuang.ledger.tolerance.Scope;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;

/**
 * The tolerance benchmark (scripts/bench-tolerance): one seed fund with 10,000 projects and
 * 100,000 journal entries on the embedded H2 database, posted through the use cases in large
 * transactions; then the median and 99th percentile of the tolerance call and of the JSON,
 * CSV and PDF exemption reports over HTTP, next to one plain grouped SQL aggregate over the
 * same investment and exit rows, measured in the same run. Not a unit test: it prints.
 */
public final class ToleranceBench {
    static final String FUND = "BENCH-SEED";
    static final String TOKEN = "demo-compliance";
    /** Every project posts exactly this many entries: 2 investments, 5 monitoring reports, 1 valuation, 2 exits. */
    static final int ENTRIES_PER_PROJECT = 10;
    static final int PROJECTS_PER_TRANSACTION = 500;

    private ToleranceBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int projects = Integer.parseInt(options.getOrDefault("projects", "10000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "100"));
        int pdfRuns = Integer.parseInt(options.getOrDefault("pdf-runs", "20"));
        // --data-dir=DIR keeps the built ledger there and reuses it on the next run (building takes minutes)
        Path dataDir = options.containsKey("data-dir") ? Path.of(options.get("data-dir"))
                : Files.createTempDirectory("ledger-bench-");
        Map<String, String> overrides = Map.of("ledger.port", "0", "ledger.profile", "demo", "ledger.demo-data", "false",
                "ledger.data-dir", dataDir.toString(), "ledger.db.url", "", "limits.statement-timeout-seconds", "120");
        Main.Service service = Main.Service.start(Settings.load(System.getenv(), overrides));
        try {
            long started = System.nanoTime();
            if (service.ledger().db.read(dsl -> Funds.find(dsl, FUND)) == null) {
                build(service.ledger(), projects);
            }
            long entries = service.ledger().db.read(dsl -> dsl.fetchCount(io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY));
            System.out.printf("built %s: %d projects, %d journal entries in %.1f s (data in %s)%n", FUND, projects,
                    entries, (System.nanoTime() - started) / 1e9, dataDir);
            if (!options.containsKey("build-only")) {
                measure(service, runs, pdfRuns);
            }
        } finally {
            service.stop();
        }
    }

    // ---- building the fund ---------------------------------------------------------------------

    static void build(Ledger ledger, int projects) {
        Actor actor = Actor.system("bench");
        ledger.db.write(tx -> {
            ledger.funds.open(tx, new NewFund(FUND, "Benchmark Seed Fund", "基准种子基金", FundKind.SEED, "Demo Capital",
                    LocalDate.parse("2015-01-01"), null), actor);
            ledger.funds.admit(tx, FUND, new NewPartner("LP1", "Benchmark LP", PartnerRole.LP,
                    new BigDecimal("100000000000.00")), actor);
            ledger.deals.capitalCall(tx, FUND, new CapitalCall(LocalDate.parse("2015-01-05"),
                    List.of(new CapitalCall.Contribution("LP1", new BigDecimal("50000000000.00")))), actor);
            return null;
        });
        for (int from = 0; from < projects; from += PROJECTS_PER_TRANSACTION) {
            int to = Math.min(projects, from + PROJECTS_PER_TRANSACTION);
            int first = from;
            ledger.db.write(tx -> {
                for (int k = first; k < to; k++) {
                    project(ledger, tx, k, actor);
                }
                return null;
            });
            if (to % 2000 == 0 || to == projects) {
                System.out.printf("  %d projects posted%n", to);
            }
        }
    }

    /**
     * Project k: invested twice, watched five times, valued once, and exited twice. Half fail
     * (k % 10 < 5: the second exit closes it below cost), two in ten close with a gain, three in
     * ten are still held after two partial exits. A few miss a condition, so every path is used.
     */
    private static void project(Ledger ledger, io.jinchuang.ledger.store.Tx tx, int k, Actor actor) {
        String code = creditCode(k);
        ledger.companies.register(tx, code, "基准企业 " + k + " Benchmark Co", "tech");
        LocalDate invested = LocalDate.parse("2015-02-01").plusDays(k % 600);
        BigDecimal first = new BigDecimal("1000000.00");
        BigDecimal followOn = new BigDecimal("500000.00");
        ledger.investments.invest(tx, FUND, new NewInvestment(code, invested, first, "A", k % 97 == 0 ? null : "DD-" + k,
                "IC-" + k, invested.minusDays(10), false), actor);
        LocalDate second = invested.plusDays(200);
        ledger.investments.invest(tx, FUND, new NewInvestment(code, second, followOn, "A+", "DD-" + k + "-2",
                "IC-" + k + "-2", k % 89 == 0 ? second.plusDays(3) : second.minusDays(3), k % 83 == 0), actor);
        for (int m = 1; m <= 5; m++) {
            ledger.investments.monitor(tx, FUND, code, invested.plusDays(m * (k % 71 == 0 ? 400 : 300)), "MR-" + k + "-" + m,
                    actor);
        }
        ledger.investments.value(tx, FUND, code, invested.plusDays(700), new BigDecimal("1200000.00"), actor);
        LocalDate exit1 = invested.plusDays(1600);
        LocalDate exit2 = invested.plusDays(1700);
        int kind = k % 10;
        ledger.investments.exit(tx, FUND, new NewExit(code, exit1, ExitType.SHARE_TRANSFER, new BigDecimal("300000.00"),
                new BigDecimal("500000.00")), actor);
        if (kind < 5) {
            ExitType type = kind % 2 == 0 ? ExitType.LIQUIDATION : ExitType.SHARE_TRANSFER;
            ledger.investments.exit(tx, FUND, new NewExit(code, exit2, type, new BigDecimal("100000.00"), null), actor);
        } else if (kind < 7) {
            ledger.investments.exit(tx, FUND, new NewExit(code, exit2, ExitType.IPO, new BigDecimal("3000000.00"), null),
                    actor);
        } else {
            ledger.investments.exit(tx, FUND, new NewExit(code, exit2, ExitType.SHARE_TRANSFER,
                    new BigDecimal("200000.00"), new BigDecimal("250000.00")), actor);
        }
    }

    static String creditCode(int k) {
        String first17 = "91140100MA" + String.format("%07d", k);
        return first17 + CreditCode.checkCharacter(first17);
    }

    // ---- measuring -----------------------------------------------------------------------------

    private static void measure(Main.Service service, int runs, int pdfRuns) throws Exception {
        Ledger ledger = service.ledger();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + service.app().port() + "/api/v1/funds/" + FUND;
        FundRecord fund = ledger.db.read(dsl -> Funds.require(dsl, FUND));
        Map<String, long[]> results = new java.util.LinkedHashMap<>();
        results.put("plain SQL aggregate (in process)", time(runs, n -> aggregate(ledger, asOf(n))));
        results.put("tolerance (in process)", time(runs, n -> ledger.db.read(dsl ->
                FundTolerance.of(dsl, fund, Scope.DIRECT, asOf(n), ledger.toleranceTerms)).result()));
        results.put("GET tolerance (HTTP)", time(runs, n -> get(http, base + "/tolerance?asOf=" + asOf(n),
                "application/json")));
        results.put("GET exemption-report JSON", time(runs, n -> get(http, report(base, n), "application/json")));
        results.put("GET exemption-report CSV", time(runs, n -> get(http, report(base, n), "text/csv")));
        results.put("GET exemption-report HTML", time(Math.max(5, runs / 2), n -> get(http, report(base, n),
                "text/html")));
        results.put("GET exemption-report PDF", time(pdfRuns, n -> get(http, report(base, n), "application/pdf")));
        report(results, http, base);
    }

    /**
     * Every call asks for another as-of date (all after the data, so the answers are the same):
     * H2 hands back a cached result for a repeated identical query on an unchanged table, which
     * would time the cache, not the query.
     */
    static LocalDate asOf(int n) {
        return LocalDate.parse("2030-12-31").minusDays(n);
    }

    static String report(String base, int n) {
        return base + "/exemption-report?asOf=" + asOf(n);
    }

    /**
     * One plain grouped SQL aggregate over the same rows, with the same as-of filter: cost per
     * holding, and cost released and proceeds per holding.
     */
    static Object aggregate(Ledger ledger, LocalDate asOf) {
        return ledger.db.read(dsl -> {
            var invested = dsl.select(INVESTMENT.HOLDING, DSL.sum(INVESTMENT.AMOUNT)).from(INVESTMENT)
                    .where(INVESTMENT.FUND_CODE.eq(FUND), INVESTMENT.ENTRY_DATE.le(asOf))
                    .groupBy(INVESTMENT.HOLDING).fetch();
            var exited = dsl.select(EXIT_EVENT.HOLDING, DSL.sum(EXIT_EVENT.COST_RELEASED), DSL.sum(EXIT_EVENT.PROCEEDS))
                    .from(EXIT_EVENT).where(EXIT_EVENT.FUND_CODE.eq(FUND), EXIT_EVENT.ENTRY_DATE.le(asOf))
                    .groupBy(EXIT_EVENT.HOLDING).fetch();
            return invested.size() + exited.size();
        });
    }

    static byte[] get(HttpClient http, String url, String accept) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + TOKEN).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Warms up with a fifth of the runs (at least 3), then times {@code runs} calls; nanoseconds, sorted. */
    static long[] time(int runs, java.util.function.IntFunction<Object> call) {
        int warmUps = Math.max(3, runs / 5);
        for (int n = 0; n < warmUps; n++) {
            call.apply(runs + n);
        }
        long[] nanos = new long[runs];
        for (int n = 0; n < runs; n++) {
            long start = System.nanoTime();
            call.apply(n);
            nanos[n] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** Nearest-rank percentile of sorted samples. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void report(Map<String, long[]> results, HttpClient http, String base) {
        double aggregate = percentile(results.get("plain SQL aggregate (in process)"), 50) / 1e6;
        System.out.printf("%n%-36s %6s %10s %10s %12s%n", "measured", "runs", "median ms", "p99 ms", "median/agg");
        results.forEach((name, nanos) -> System.out.printf("%-36s %6d %10.2f %10.2f %11.2fx%n", name, nanos.length,
                percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6, percentile(nanos, 50) / 1e6 / aggregate));
        System.out.printf("%nsizes: JSON %d B, CSV %d B, HTML %d B, PDF %d B%n",
                get(http, base + "/exemption-report", "application/json").length,
                get(http, base + "/exemption-report", "text/csv").length,
                get(http, base + "/exemption-report", "text/html").length,
                get(http, base + "/exemption-report", "application/pdf").length);
        double tolerance = percentile(results.get("GET tolerance (HTTP)"), 50) / 1e6;
        double json = percentile(results.get("GET exemption-report JSON"), 50) / 1e6;
        System.out.printf("goals: tolerance within 3x of the aggregate: %.2fx %s; JSON report under 150 ms: %.1f ms %s%n",
                tolerance / aggregate, tolerance / aggregate <= 3 ? "MET" : "NOT MET", json, json < 150 ? "MET" : "NOT MET");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --projects=N --runs=N --pdf-runs=N --data-dir=DIR "
                        + "--build-only=true, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
