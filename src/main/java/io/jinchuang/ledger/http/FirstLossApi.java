package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.input.Forms;
import io.jinchuang.ledger.input.Input;
import io.jinchuang.ledger.firstloss.Liquidations;
import io.jinchuang.ledger.firstloss.PartnerSettlement;
import io.jinchuang.ledger.firstloss.Settlement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SPEC §6: the first-loss preview and the liquidation that posts it. */
final class FirstLossApi {
    private final Api api;

    FirstLossApi(Api api) {
        this.api = api;
    }

    void preview(Context ctx) {
        Request.onlyParams(ctx, "netProceeds", "approvedAmount");
        FundRecord fund = api.readableFund(ctx, ctx.pathParam("code"));
        BigDecimal netProceeds = Request.amountParam(ctx, "netProceeds", true);
        BigDecimal approved = Request.amountParam(ctx, "approvedAmount", false);
        Settlement settlement = api.ledger.db.read(dsl -> api.ledger.liquidations.preview(dsl, fund, netProceeds, approved));
        api.ok(ctx, settlementJson(fund.getCode(), settlement));
    }

    void liquidate(Context ctx) {
        String code = api.postableFund(ctx, ctx.pathParam("code"));
        Input in = api.input(ctx, Set.of("date", "netProceeds", "approvedAmount", "reference"));
        LocalDate date = in.date("date", true);
        BigDecimal netProceeds = in.amount("netProceeds", true, Input.Sign.NON_NEGATIVE);
        BigDecimal approved = in.amount("approvedAmount", false, Input.Sign.NON_NEGATIVE);
        String reference = Forms.reference(in);
        in.done();
        api.post(ctx, 201, tx -> {
            Liquidations.Posted posted = api.ledger.liquidations.liquidate(tx, code, date, netProceeds, approved,
                    Request.actor(ctx, reference));
            Map<String, Object> body = settlementJson(code, posted.settlement());
            body.put("date", date.toString());
            body.put("entry", Api.entryJson(tx, posted.entry()));
            return body;
        });
    }

    static Map<String, Object> settlementJson(String fund, Settlement s) {
        List<Map<String, Object>> partners = new ArrayList<>();
        for (PartnerSettlement p : s.partners()) {
            partners.add(Json.obj("partnerCode", p.partnerCode(), "role", p.role(), "paidIn", Json.money(p.paidIn()),
                    "distributedBefore", Json.money(p.distributedBefore()), "lossBorne", Json.money(p.lossBorne()),
                    "entitlement", Json.money(p.entitlement()), "finalCash", Json.money(p.finalCash())));
        }
        return Json.obj("fund", fund, "paidIn", Json.money(s.paidIn()), "distributedBefore",
                Json.money(s.distributedBefore()), "netProceeds", Json.money(s.netProceeds()), "loss", Json.money(s.loss()),
                "cap", Json.money(s.cap()), "guidanceFirstLoss", Json.money(s.guidanceFirstLoss()),
                "noBeneficiary", s.noBeneficiary(), "partners", partners);
    }
}
