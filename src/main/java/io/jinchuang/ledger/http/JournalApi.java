package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.auth.Principal;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.input.Forms;
import io.jinchuang.ledger.input.Input;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.journal.JournalQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Paging through the journal, verifying its chains, and correcting it by reversal. */
final class JournalApi {
    private final Api api;
    private final int pageSizeDefault;
    private final int pageSizeMax;

    JournalApi(Api api) {
        this.api = api;
        this.pageSizeDefault = api.ledger.settings.integer("limits.page-size-default");
        this.pageSizeMax = api.ledger.settings.integer("limits.page-size-max");
    }

    /** The funds the caller may read: one named fund, or all of them. */
    private List<String> funds(Context ctx) {
        String fund = ctx.queryParam("fund");
        if (fund != null && !fund.isEmpty()) {
            return List.of(api.readableFund(ctx, fund).getCode());
        }
        Principal principal = Request.principal(ctx);
        return api.ledger.db.read(dsl -> Funds.all(dsl).stream().filter(principal::canRead)
                .map(FundRecord::getCode).toList());
    }

    void list(Context ctx) {
        Request.onlyParams(ctx, "fund", "afterSeq", "afterFund", "limit");
        List<String> funds = funds(ctx);
        long afterSeq = Request.longParam(ctx, "afterSeq", 0, 0, Long.MAX_VALUE);
        int limit = (int) Request.longParam(ctx, "limit", pageSizeDefault, 1, pageSizeMax);
        boolean oneFund = ctx.queryParam("fund") != null && !ctx.queryParam("fund").isEmpty();
        // across funds the cursor is (fund, seq); "" sorts before every fund code
        String afterFund = oneFund ? null : java.util.Objects.requireNonNullElse(ctx.queryParam("afterFund"), "");
        if (afterFund != null && !afterFund.isEmpty() && !Forms.FUND_CODE.matcher(afterFund).matches()) {
            // a cursor is a fund code the last page named; anything else is not one
            throw Rejection.invalid("afterFund", "must be a fund code: " + Forms.FUND_CODE_SHAPE);
        }
        JournalQueries.Page page = api.ledger.db.read(dsl -> JournalQueries.page(dsl, funds, afterFund, afterSeq, limit));
        List<Map<String, Object>> entries = new ArrayList<>();
        page.entries().forEach(e -> entries.add(Json.entry(e.row(), e.lines())));
        Map<String, Object> body = Json.obj("entries", entries, "nextAfterSeq", page.nextAfterSeq());
        if (!oneFund) {
            body.put("nextAfterFund", page.nextAfterFund());
        }
        api.ok(ctx, body);
    }

    void verify(Context ctx) {
        Request.onlyParams(ctx, "fund");
        List<String> codes = funds(ctx);
        List<JournalQueries.ChainCheck> checks = api.ledger.db.read(dsl -> JournalQueries.funds(dsl, codes).stream()
                .map(f -> JournalQueries.verify(dsl, f)).toList());
        List<Map<String, Object>> funds = new ArrayList<>();
        checks.forEach(c -> funds.add(Json.obj("fund", c.fund(), "entries", c.entries(), "headSeq", c.headSeq(),
                "headHash", c.headHash(), "ok", c.ok(), "firstBreakSeq", c.firstBreakSeq(), "problem", c.problem())));
        api.ok(ctx, Json.obj("ok", checks.stream().allMatch(JournalQueries.ChainCheck::ok), "funds", funds));
    }

    void reverse(Context ctx) {
        String fund = api.postableFund(ctx, ctx.pathParam("fund"));
        Input in = api.input(ctx, Set.of("reason"));
        String reason = in.text("reason", true);
        in.done();
        long seq = Request.pathLong(ctx, "seq");
        api.post(ctx, 201, tx -> {
            FundRecord locked = Funds.lockActive(tx, fund);
            return Api.entryJson(tx, api.ledger.reversals.reverse(tx, locked, seq, reason, Request.actor(ctx, null)));
        });
    }
}
