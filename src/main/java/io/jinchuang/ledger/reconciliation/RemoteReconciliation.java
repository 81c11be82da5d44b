package io.jinchuang.ledger.reconciliation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.money.Money;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The year-end batch through a running service, when the embedded database is open in it:
 * {@code POST /api/v1/reconciliations} (with the statements), then {@code GET} until the run
 * is complete; the files are written here from the report the service answers with.
 */
final class RemoteReconciliation {
    /** How long the command waits for the service's run to finish. */
    static final Duration WAIT_MAX = Duration.ofHours(6);
    private static final Duration POLL_MAX = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    interface Verdict {
        int report(boolean clean, int discrepancies, boolean closeRequested, boolean closed, String closeDetail,
                   Path target);
    }

    private final Settings settings;
    private final Map<String, String> environment;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    RemoteReconciliation(Settings settings, Map<String, String> environment, PrintStream err) {
        this.settings = settings;
        this.environment = environment;
        this.err = err;
    }

    int run(YearEndBatch.Request request, String serviceUrl, Path target, String whyNotDirect, Verdict verdict) {
        String base = serviceUrl != null ? serviceUrl : environment.getOrDefault("LEDGER_SERVICE_URL",
                "http://localhost:" + settings.integer("ledger.port"));
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String token = environment.get("LEDGER_TOKEN");
        String neither = "the batch can run neither here (" + whyNotDirect + ") nor through the service at " + base;
        if (token == null || token.isBlank()) {
            return cannot(neither + ": LEDGER_TOKEN is not set (an AUDITOR or ADMIN token is needed). Stop the service,"
                    + " or set LEDGER_TOKEN (and LEDGER_SERVICE_URL or --service-url if the service is elsewhere)");
        }
        try {
            HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reconciliations"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "reconcile-" + UUID.randomUUID())
                    .POST(HttpRequest.BodyPublishers.ofString(body(request))), token);
            if (posted.statusCode() >= 400 && posted.statusCode() < 500 && posted.statusCode() != 404) {
                // the service was reached and judged the request: say so, not that it could not run
                return cannot("the service refused the run: " + problem(posted));
            }
            if (posted.statusCode() != 202) {
                return cannot(neither + ": it answered " + problem(posted));
            }
            String href = base + JSON.readTree(posted.body()).path("href").asText();
            err.println("reconcile " + request.year().year() + ": running in the service as " + href);
            Path answer = java.nio.file.Files.createTempFile("ledger-run-", ".json");
            try {
                int status = await(href, token, request.year().year(), answer);
                if (status != 200) {
                    return cannot("the service's run could not be read: " + status + " "
                            + java.nio.file.Files.readString(answer));
                }
                return finish(answer, target, verdict);
            } finally {
                java.nio.file.Files.deleteIfExists(answer);
            }
        } catch (IOException e) {
            return cannot(neither + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cannot("interrupted while waiting for the service");
        }
    }

    /**
     * Polls the run until it is no longer RUNNING; each answer goes to {@code answer} (a file:
     * the finished run carries the whole report, 87 MB for a million journal lines, which a
     * string and a tree of it would hold several times over in the heap).
     *
     * @return the last answer's status code
     */
    private int await(String href, String token, int year, Path answer) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        Duration pause = Duration.ofMillis(100);
        String lastProgress = "";
        while (true) {
            int status = http.send(authorized(HttpRequest.newBuilder(URI.create(href)).GET(), token),
                    HttpResponse.BodyHandlers.ofFile(answer)).statusCode();
            if (status != 200) {
                return status;
            }
            RunState run = RunState.read(answer);
            if (!Reconciliations.RUNNING.equals(run.status())) {
                return status;
            }
            JsonNode progress = run.progress();
            String now = progress.path("fundsDone").asText() + "/" + progress.path("fundsTotal").asText();
            if (progress.isObject() && !now.equals(lastProgress)) {
                err.println("reconcile " + year + ": " + now + " funds");
                lastProgress = now;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the run did not finish within " + WAIT_MAX);
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(POLL_MAX) > 0 ? POLL_MAX : pause.multipliedBy(2);
        }
    }

    /** The run's own fields, read streaming: the report's funds are skipped, only its {@code close} is kept. */
    private record RunState(String id, String status, String error, boolean clean, int discrepancies,
                            JsonNode progress, JsonNode close) {
        static RunState read(Path answer) throws IOException {
            Map<String, JsonNode> fields = new java.util.HashMap<>();
            JsonNode close = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            try (JsonParser parser = JSON.getFactory().createParser(answer.toFile())) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("the service's answer is not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("report") && value == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String field = parser.currentName();
                            parser.nextToken();
                            if (field.equals("close")) {
                                close = JSON.readTree(parser);
                            } else {
                                parser.skipChildren();
                            }
                        }
                    } else {
                        fields.put(name, JSON.readTree(parser)); // the run's fields and progress: small
                    }
                }
            }
            JsonNode missing = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            return new RunState(fields.getOrDefault("id", missing).asText(),
                    fields.getOrDefault("status", missing).asText(), fields.getOrDefault("error", missing).asText(),
                    fields.getOrDefault("clean", missing).asBoolean(),
                    fields.getOrDefault("discrepancies", missing).asInt(), fields.getOrDefault("progress", missing),
                    close);
        }
    }

    private int finish(Path answer, Path target, Verdict verdict) throws IOException {
        RunState run = RunState.read(answer);
        if (!Reconciliations.COMPLETE.equals(run.status())) {
            return cannot("the service's run " + run.id() + " ended " + run.status() + ": " + run.error());
        }
        JsonNode close = run.close();
        try (JsonParser parser = JSON.getFactory().createParser(answer.toFile())) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("report") && value == JsonToken.START_OBJECT) {
                    try {
                        ReportFiles.write(target, parser);
                    } catch (IOException e) {
                        return cannot("cannot write the report to " + target.toAbsolutePath() + ": " + e);
                    }
                    break;
                }
                parser.skipChildren();
            }
        }
        return verdict.report(run.clean(), run.discrepancies(), close.path("requested").asBoolean(),
                close.path("closed").asBoolean(), close.path("detail").asText(), target);
    }

    private static HttpRequest authorized(HttpRequest.Builder request, String token) {
        return request.header("Authorization", "Bearer " + token).timeout(REQUEST_TIMEOUT).build();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        return http.send(authorized(request, token), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(YearEndBatch.Request request) throws IOException {
        List<Map<String, Object>> statements = new ArrayList<>();
        request.statements().forEach((fund, lines) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StatementLine line : lines) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("date", line.date().toString());
                row.put("amount", Money.format(line.amount()));
                if (line.reference() != null) {
                    row.put("reference", line.reference());
                }
                rows.add(row);
            }
            statements.add(Map.of("fund", fund, "lines", rows));
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", request.year().year());
        body.put("close", request.close());
        if (!statements.isEmpty()) {
            body.put("statements", statements);
        }
        return JSON.writeValueAsString(body);
    }

    private static String problem(HttpResponse<String> reply) {
        try {
            JsonNode problem = JSON.readTree(reply.body());
            return reply.statusCode() + " " + problem.path("title").asText() + ": " + problem.path("detail").asText();
        } catch (IOException e) {
            return reply.statusCode() + " " + reply.body();
        }
    }

    private int cannot(String message) {
        err.println("ledger: " + message);
        return ReconcileCommand.EXIT_CANNOT_RUN;
    }
}
