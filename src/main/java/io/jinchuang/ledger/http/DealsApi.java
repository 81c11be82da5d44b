package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.deals.CapitalCall;
import io.jinchuang.ledger.deals.NewDistribution;
import io.jinchuang.ledger.deals.NewExit;
import io.jinchuang.ledger.deals.NewInvestment;
import io.jinchuang.ledger.deals.NewMonitoringReport;
import io.jinchuang.ledger.deals.NewValuation;
import io.jinchuang.ledger.input.Forms;
import io.jinchuang.ledger.input.Input;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.journal.EntryRef;
import io.jinchuang.ledger.store.Tx;
import java.util.function.BiFunction;

/** The deals a fund manager posts; each answers 201 with the journal entry it posted. */
final class DealsApi {
    private final Api api;

    DealsApi(Api api) {
        this.api = api;
    }

    void capitalCall(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Forms.CAPITAL_CALL);
        CapitalCall call = Forms.capitalCall(in);
        String reference = Forms.reference(in);
        in.done();
        post(ctx, reference, (tx, actor) -> api.ledger.deals.capitalCall(tx, fund(ctx), call, actor));
    }

    void invest(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Forms.INVESTMENT);
        NewInvestment investment = Forms.investment(in);
        String reference = Forms.reference(in);
        in.done();
        post(ctx, reference, (tx, actor) -> api.ledger.investments.invest(tx, fund(ctx), investment, actor));
    }

    void exit(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Forms.EXIT);
        NewExit exit = Forms.exit(in);
        String reference = Forms.reference(in);
        in.done();
        post(ctx, reference, (tx, actor) -> api.ledger.investments.exit(tx, fund(ctx), exit, actor));
    }

    void valuation(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Forms.VALUATION);
        NewValuation v = Forms.valuation(in);
        in.done();
        post(ctx, null, (tx, actor) -> api.ledger.investments.value(tx, fund(ctx), v.creditCode(), v.date(),
                v.fairValue(), actor));
    }

    void monitoringReport(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Forms.MONITORING_REPORT);
        NewMonitoringReport r = Forms.monitoringReport(in);
        in.done();
        post(ctx, null, (tx, actor) -> api.ledger.investments.monitor(tx, fund(ctx), r.creditCode(), r.date(),
                r.reportRef(), actor));
    }

    void distribution(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Forms.DISTRIBUTION);
        NewDistribution distribution = Forms.distribution(in);
        String reference = Forms.reference(in);
        in.done();
        post(ctx, reference, (tx, actor) -> api.ledger.deals.distribute(tx, fund(ctx), distribution, actor));
    }

    private static String fund(Context ctx) {
        return ctx.pathParam("code");
    }

    private void post(Context ctx, String reference, BiFunction<Tx, Actor, EntryRef> work) {
        Actor actor = Request.actor(ctx, reference);
        api.post(ctx, 201, tx -> Api.entryJson(tx, work.apply(tx, actor)));
    }
}
