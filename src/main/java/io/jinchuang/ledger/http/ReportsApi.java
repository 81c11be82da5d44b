package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.journal.Balances;
import io.jinchuang.ledger.metrics.FundMetrics;
import io.jinchuang.ledger.metrics.Positions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Positions, metrics and the trial balance of a fund, as of a date (today by default). */
final class ReportsApi {
    private final Api api;

    ReportsApi(Api api) {
        this.api = api;
    }

    private LocalDate asOf(Context ctx) {
        return Request.dateParam(ctx, "asOf", LocalDate.ofInstant(api.ledger.clock.instant(), ZoneOffset.UTC));
    }

    void positions(Context ctx) {
        FundRecord fund = api.readableFund(ctx, ctx.pathParam("code")); // 403 before any 422
        Request.onlyParams(ctx, "asOf");
        LocalDate asOf = asOf(ctx);
        List<Map<String, Object>> positions = new ArrayList<>();
        api.ledger.db.read(dsl -> Positions.of(dsl, fund.getCode(), asOf, api.ledger.failureBasis)).forEach(p ->
                positions.add(Json.obj("holding", p.holding(), "kind", p.kind(), "name", p.name(),
                        "invested", Json.money(p.invested()), "costRemaining", Json.money(p.costRemaining()),
                        "proceeds", Json.money(p.proceeds()), "fairValue", Json.money(p.fairValue()),
                        "state", p.state().name())));
        api.ok(ctx, Json.obj("fund", fund.getCode(), "asOf", asOf.toString(), "positions", positions));
    }

    void metrics(Context ctx) {
        FundRecord fund = api.readableFund(ctx, ctx.pathParam("code")); // 403 before any 422
        Request.onlyParams(ctx, "asOf");
        LocalDate asOf = asOf(ctx);
        FundMetrics.Figures m = api.ledger.db.read(dsl -> FundMetrics.of(dsl, fund.getCode(), asOf,
                api.ledger.failureBasis));
        api.ok(ctx, Json.obj("fund", fund.getCode(), "asOf", asOf.toString(), "paidIn", Json.money(m.paidIn()),
                "distributed", Json.money(m.distributed()), "cash", Json.money(m.cash()), "nav", Json.money(m.nav()),
                "dpi", Json.ratio(m.dpi()), "rvpi", Json.ratio(m.rvpi()), "tvpi", Json.ratio(m.tvpi()),
                "xirr", Json.ratio(m.xirr())));
    }

    void balances(Context ctx) {
        FundRecord fund = api.readableFund(ctx, ctx.pathParam("code")); // 403 before any 422
        Request.onlyParams(ctx, "asOf");
        LocalDate asOf = asOf(ctx);
        Map<String, BigDecimal> balances = api.ledger.db.read(dsl -> Balances.asOf(dsl, fund.getCode(), asOf));
        List<Map<String, Object>> accounts = new ArrayList<>();
        balances.forEach((account, balance) -> accounts.add(Json.obj("account", account, "balance", Json.money(balance))));
        api.ok(ctx, Json.obj("fund", fund.getCode(), "asOf", asOf.toString(), "accounts", accounts));
    }
}
