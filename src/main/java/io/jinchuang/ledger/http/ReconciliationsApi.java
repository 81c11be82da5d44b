package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.input.Forms;
import io.jinchuang.ledger.input.Input;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.ReconciliationRunRecord;
import io.jinchuang.ledger.reconciliation.FiscalYear;
import io.jinchuang.ledger.reconciliation.Reconciliations;
import io.jinchuang.ledger.reconciliation.StatementCsv;
import io.jinchuang.ledger.reconciliation.StatementLine;
import io.jinchuang.ledger.reconciliation.YearEndBatch;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * SPEC §7 over HTTP: {@code POST /reconciliations} records a run and starts it in the
 * background (202); {@code GET /reconciliations/{id}} answers how it is going, and once it is
 * COMPLETE, the full report. Statements may come in the body (the command line sends the
 * files it was given when it runs the batch through the service).
 */
final class ReconciliationsApi {
    /** Funds with a statement in one request. */
    static final int STATEMENTS_MAX = 1_000;
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f-]{36}");
    private final Api api;

    ReconciliationsApi(Api api) {
        this.api = api;
    }

    void start(Context ctx) {
        Input in = api.input(ctx, Set.of("year", "close", "statements"));
        Integer year = in.integer("year", true, FiscalYear.YEAR_MIN, FiscalYear.YEAR_MAX);
        boolean close = in.bool("close", false);
        Map<String, List<StatementLine>> statements = statements(in);
        in.done();
        LocalDate today = LocalDate.ofInstant(api.ledger.clock.instant(), ZoneOffset.UTC);
        if (year > today.getYear()) {
            throw Rejection.invalid("year", "is in the future");
        }
        YearEndBatch.Request request = new YearEndBatch.Request(new FiscalYear(year), close, statements);
        Reconciliations runs = api.ledger.reconciliations;
        String actor = Request.principal(ctx).name();
        AtomicReference<String> started = new AtomicReference<>();
        api.post(ctx, 202, tx -> {
            // inside: a repeat with the same Idempotency-Key replays the answer even once the year is closed
            runs.batch().check(tx.dsl(), request);
            String id = runs.record(tx, request, actor, "service");
            started.set(id);
            return Json.obj("id", id, "href", Routes.BASE + "/reconciliations/" + id, "year", year,
                    "closeRequested", close, "status", Reconciliations.RUNNING);
        });
        // after the commit: the background run finds its RUNNING row. Not when another process
        // won the same Idempotency-Key meanwhile: this transaction rolled back and the answer is
        // the winner's, whose run is running there.
        if (started.get() != null && runs.recorded(started.get())) {
            runs.runInBackground(started.get(), request, actor);
        }
    }

    void get(Context ctx) {
        Request.onlyParams(ctx);
        String id = ctx.pathParam("id");
        if (!RUN_ID.matcher(id).matches()) {
            throw Rejection.notFound("no reconciliation run " + id);
        }
        Reconciliations runs = api.ledger.reconciliations;
        ReconciliationRunRecord row = api.ledger.db.read(dsl -> runs.find(dsl, id));
        Map<String, Object> body = Json.obj("id", row.getId(), "year", row.getFiscalYear(),
                "closeRequested", row.getCloseRequested(), "status", row.getStatus(), "actor", row.getActor(),
                "runner", row.getRunner(), "startedAt", Json.instant(row.getStartedAt()),
                "finishedAt", row.getFinishedAt() == null ? null : Json.instant(row.getFinishedAt()),
                "clean", row.getClean(), "closed", row.getClosed(), "discrepancies", row.getDiscrepancies(),
                "error", row.getError());
        Reconciliations.Progress progress = runs.progress(id);
        if (progress != null) {
            body.put("progress", Json.obj("fundsDone", progress.done(), "fundsTotal", progress.total()));
        }
        if (!Reconciliations.COMPLETE.equals(row.getStatus())) {
            api.ok(ctx, body);
            return;
        }
        // the report is JSON already: spliced in as it is stored, streamed a piece at a time
        // (a million-line ledger's report is 87 MB; it never sits in the service's memory whole)
        byte[] head = Json.bytes(body);
        byte[] opening = (new String(head, 0, head.length - 1, StandardCharsets.UTF_8) + ",\"report\":")
                .getBytes(StandardCharsets.UTF_8);
        Iterator<byte[]> report = runs.report(id);
        // concatenated, not flat-mapped: each piece is fetched only when the previous one is read
        Iterator<byte[]> pieces = Stream.concat(Stream.concat(Stream.of(opening),
                StreamSupport.stream(Spliterators.spliteratorUnknownSize(report, Spliterator.ORDERED), false)),
                Stream.of(new byte[] {'}'})).iterator();
        ctx.status(200).contentType("application/json").result(new Pieces(pieces));
    }

    /** The bytes of a sequence of pieces, each fetched when the previous one is read. */
    static final class Pieces extends java.io.InputStream {
        private final Iterator<byte[]> pieces;
        private byte[] current = new byte[0];
        private int at;

        Pieces(Iterator<byte[]> pieces) {
            this.pieces = pieces;
        }

        private boolean fill() {
            while (at == current.length) {
                if (!pieces.hasNext()) {
                    return false;
                }
                current = pieces.next();
                at = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? current[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, current.length - at);
            System.arraycopy(current, at, into, offset, n);
            at += n;
            return n;
        }
    }

    /** [{fund, lines:[{date, amount, reference?}]}]: a statement per fund, lines numbered in order from 1. */
    private static Map<String, List<StatementLine>> statements(Input in) {
        Map<String, List<StatementLine>> statements = new TreeMap<>();
        List<Input> items = in.objects("statements", false, STATEMENTS_MAX, Set.of("fund", "lines"));
        for (int i = 0; i < items.size(); i++) {
            Input item = items.get(i);
            String fund = item.code("fund", true, Forms.FUND_CODE, Forms.FUND_CODE_SHAPE);
            List<Input> lines = item.objects("lines", true, StatementCsv.LINES_MAX, Set.of("date", "amount", "reference"));
            List<StatementLine> parsed = new ArrayList<>();
            for (int n = 0; n < lines.size(); n++) {
                Input line = lines.get(n);
                LocalDate date = line.date("date", true);
                BigDecimal amount = line.amount("amount", true, Input.Sign.ANY);
                String reference = line.text("reference", false);
                if (amount != null && amount.signum() == 0) {
                    line.reject("amount", "must not be zero (money in is positive, money out negative)");
                }
                if (reference != null && reference.length() > StatementCsv.REFERENCE_LENGTH_MAX) {
                    line.reject("reference", "must be at most " + StatementCsv.REFERENCE_LENGTH_MAX + " characters");
                }
                if (date != null && amount != null && amount.signum() != 0) {
                    parsed.add(new StatementLine(n + 1, date, amount, reference == null ? null : reference.trim()));
                }
            }
            if (fund != null && statements.put(fund, parsed) != null) {
                in.reject("statements[" + i + "].fund", "names the same fund twice");
            }
        }
        return statements;
    }
}
