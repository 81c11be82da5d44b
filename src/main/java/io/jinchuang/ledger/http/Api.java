package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.input.Input;
import io.jinchuang.ledger.journal.JournalQueries;
import io.jinchuang.ledger.journal.EntryRef;
import io.jinchuang.ledger.store.Tx;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The handlers, grouped by resource, and the flow every POST shares. */
public final class Api {
    final Ledger ledger;
    final PrometheusMeterRegistry registry;
    final Idempotency idempotency;
    final JsonBody json;
    final int bodyBytesMax;
    final int textLengthMax;
    final FundsApi funds;
    final DealsApi deals;
    final ReportsApi reports;
    final JournalApi journal;
    final ToleranceApi tolerance;
    final OpsApi ops;
    final FirstLossApi firstLoss;
    /**
     * Funds already looked up for the posting check: a fund is never deleted and its code
     * and manager never change, which is all the check reads (status is checked under the
     * fund's lock when posting).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, FundRecord> fundsSeen =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int FUNDS_REMEMBERED_MAX = 10_000;
    final ReconciliationsApi reconciliations;
    private final FundQueue fundQueue;
    final ImportsApi imports;

    Api(Ledger ledger, PrometheusMeterRegistry registry) {
        this.ledger = ledger;
        this.registry = registry;
        this.idempotency = new Idempotency(ledger.db, ledger.clock);
        this.textLengthMax = ledger.settings.integer("limits.text-length-max");
        this.bodyBytesMax = ledger.settings.integer("limits.request-body-bytes-max");
        this.json = new JsonBody(ledger.settings.integer("limits.json-depth-max"), bodyBytesMax);
        // a turn is waited for as long as a statement may run (and then a database lock as long again)
        this.fundQueue = new FundQueue(1000L * Math.max(1, ledger.settings.integer("limits.statement-timeout-seconds")));
        this.funds = new FundsApi(this);
        this.deals = new DealsApi(this);
        this.reports = new ReportsApi(this);
        this.journal = new JournalApi(this);
        this.tolerance = new ToleranceApi(this);
        this.ops = new OpsApi(this);
        this.firstLoss = new FirstLossApi(this);
        this.reconciliations = new ReconciliationsApi(this);
        this.imports = new ImportsApi(this);
    }

    /** Reads and parses the JSON object body; unknown fields are refused by the returned Input. */
    Input input(Context ctx, Set<String> fields) {
        Request.onlyParams(ctx);
        byte[] body = Request.body(ctx, bodyBytesMax);
        ctx.attribute("body", body);
        Map<String, Object> object = json.object(body);
        return Input.of(object, textLengthMax, fields);
    }

    /**
     * The shared POST flow: run {@code work} in one transaction under the request's
     * Idempotency-Key and answer with what it returns (or the stored first answer).
     */
    void post(Context ctx, int status, Function<Tx, Object> work) {
        byte[] body = ctx.attribute("body");
        String key = Request.idempotencyKey(ctx);
        String hash = Idempotency.requestHash(ctx.method().name(), ctx.path(), body == null ? new byte[0] : body);
        Map<String, String> params = ctx.pathParamMap();
        String fund = params.containsKey("code") ? params.get("code") : params.get("fund");
        Idempotency.Response response = fundQueue.inTurn(fund, () -> idempotency.run(Request.principal(ctx).name(),
                key, hash, tx -> new Idempotency.Response(status, Json.bytes(work.apply(tx)))));
        ctx.status(response.status()).contentType("application/json");
        if (key != null) {
            ctx.header("Idempotency-Key", key);
        }
        ctx.result(response.body());
    }

    void ok(Context ctx, Object body) {
        ctx.status(200).contentType("application/json").result(Json.bytes(body));
    }

    /** The fund, if the caller may read it: 404 when absent, 403 when it is another manager's. */
    FundRecord readableFund(Context ctx, String code) {
        FundRecord fund = ledger.db.read(dsl -> Funds.find(dsl, code));
        if (fund == null) {
            throw Rejection.notFound("no fund " + code);
        }
        Request.principal(ctx).requireRead(fund);
        return fund;
    }

    /**
     * The fund, if the caller may post to it: checked before the body is even read, so an
     * outsider learns nothing from validation messages. (A fund's manager never changes.)
     */
    String postableFund(Context ctx, String code) {
        FundRecord fund = fundsSeen.get(code);
        if (fund == null) {
            fund = ledger.db.read(dsl -> Funds.find(dsl, code));
            if (fund == null) {
                throw Rejection.notFound("no fund " + code);
            }
            if (fundsSeen.size() < FUNDS_REMEMBERED_MAX) {
                fundsSeen.put(code, fund);
            }
        }
        Request.principal(ctx).requirePost(fund);
        return code;
    }

    /** The posted entry as the journal shows it. */
    static Map<String, Object> entryJson(Tx tx, EntryRef ref) {
        JournalQueries.Entry posted = io.jinchuang.ledger.journal.Journal.postedHere(tx, ref);
        JournalQueries.Entry entry = posted != null ? posted : JournalQueries.entry(tx.dsl(), ref);
        return Json.entry(entry.row(), entry.lines());
    }
}
