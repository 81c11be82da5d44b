package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.deals.CapitalCall;
import io.jinchuang.ledger.deals.ExitType;
import io.jinchuang.ledger.deals.NewDistribution;
import io.jinchuang.ledger.deals.NewExit;
import io.jinchuang.ledger.deals.NewInvestment;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.journal.EntryRef;
import io.jinchuang.ledger.store.Tx;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** The deals a fund manager posts; each answers 201 with the journal entry it posted. */
final class DealsApi {
    /** A capital call or distribution names each partner once; more than this is not a real call. */
    static final int PARTS_MAX = 200;
    static final Pattern REFERENCE = Pattern.compile("[\\p{L}\\p{N} ._:/#-]{1,100}");
    static final String REFERENCE_SHAPE = "1 to 100 letters, digits, spaces or . _ : / # -";

    private final Api api;

    DealsApi(Api api) {
        this.api = api;
    }

    void capitalCall(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Set.of("date", "contributions", "reference"));
        LocalDate date = in.date("date", true);
        String reference = reference(in);
        List<CapitalCall.Contribution> contributions = parts(in, "contributions", true);
        in.done();
        post(ctx, reference, (tx, actor) -> api.ledger.deals.capitalCall(tx, fund(ctx),
                new CapitalCall(date, contributions), actor));
    }

    void invest(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Set.of("creditCode", "date", "amount", "round", "dueDiligenceRef", "decisionRef",
                "decisionDate", "conflictOfInterest", "reference"));
        NewInvestment investment = new NewInvestment(FundsApi.creditCode(in, "creditCode"), in.date("date", true),
                in.amount("amount", true, Input.Sign.POSITIVE), in.text("round", false),
                in.text("dueDiligenceRef", false), in.text("decisionRef", false), in.date("decisionDate", false),
                in.bool("conflictOfInterest", false));
        String reference = reference(in);
        in.done();
        post(ctx, reference, (tx, actor) -> api.ledger.investments.invest(tx, fund(ctx), investment, actor));
    }

    void exit(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Set.of("creditCode", "date", "type", "proceeds", "costReleased", "reference"));
        NewExit exit = new NewExit(FundsApi.creditCode(in, "creditCode"), in.date("date", true),
                in.choice("type", true, ExitType.class), in.amount("proceeds", true, Input.Sign.NON_NEGATIVE),
                in.amount("costReleased", false, Input.Sign.POSITIVE));
        String reference = reference(in);
        in.done();
        post(ctx, reference, (tx, actor) -> api.ledger.investments.exit(tx, fund(ctx), exit, actor));
    }

    void valuation(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Set.of("creditCode", "date", "fairValue"));
        String creditCode = FundsApi.creditCode(in, "creditCode");
        LocalDate date = in.date("date", true);
        BigDecimal fairValue = in.amount("fairValue", true, Input.Sign.NON_NEGATIVE);
        in.done();
        post(ctx, null, (tx, actor) -> api.ledger.investments.value(tx, fund(ctx), creditCode, date, fairValue, actor));
    }

    void monitoringReport(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Set.of("creditCode", "date", "reportRef"));
        String creditCode = FundsApi.creditCode(in, "creditCode");
        LocalDate date = in.date("date", true);
        String reportRef = in.text("reportRef", true);
        in.done();
        post(ctx, null, (tx, actor) -> api.ledger.investments.monitor(tx, fund(ctx), creditCode, date, reportRef, actor));
    }

    void distribution(Context ctx) {
        api.postableFund(ctx, fund(ctx));
        Input in = api.input(ctx, Set.of("date", "amount", "allocations", "reference"));
        LocalDate date = in.date("date", true);
        BigDecimal amount = in.amount("amount", true, Input.Sign.POSITIVE);
        List<CapitalCall.Contribution> allocations = parts(in, "allocations", false);
        String reference = reference(in);
        in.done();
        post(ctx, reference, (tx, actor) -> api.ledger.deals.distribute(tx, fund(ctx),
                new NewDistribution(date, amount, allocations), actor));
    }

    private static String fund(Context ctx) {
        return ctx.pathParam("code");
    }

    private void post(Context ctx, String reference, BiFunction<Tx, Actor, EntryRef> work) {
        Actor actor = Request.actor(ctx, reference);
        api.post(ctx, 201, tx -> Api.entryJson(tx, work.apply(tx, actor)));
    }

    private static String reference(Input in) {
        return in.code("reference", false, REFERENCE, REFERENCE_SHAPE);
    }

    /** [{partnerCode, amount}], each partner at most once. */
    private static List<CapitalCall.Contribution> parts(Input in, String field, boolean required) {
        List<CapitalCall.Contribution> parts = new ArrayList<>();
        List<Input> items = in.objects(field, required, PARTS_MAX, Set.of("partnerCode", "amount"));
        if (required && items.isEmpty() && in.has(field)) {
            in.reject(field, "must name at least one partner");
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Input item = items.get(i);
            String partner = item.code("partnerCode", true, FundsApi.PARTNER_CODE, FundsApi.PARTNER_CODE_SHAPE);
            BigDecimal amount = item.amount("amount", true, Input.Sign.POSITIVE);
            if (partner != null && !seen.add(partner)) {
                in.reject(field + "[" + i + "].partnerCode", "names the same partner twice");
            }
            if (partner != null && amount != null) {
                parts.add(new CapitalCall.Contribution(partner, amount));
            }
        }
        return parts;
    }
}
