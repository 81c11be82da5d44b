package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.auth.Principal;
import io.jinchuang.ledger.auth.Role;
import io.jinchuang.ledger.companies.Companies;
import io.jinchuang.ledger.companies.NewCompany;
import io.jinchuang.ledger.db.tables.records.CompanyRecord;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.db.tables.records.PartnerRecord;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.funds.NewFund;
import io.jinchuang.ledger.funds.NewPartner;
import io.jinchuang.ledger.input.Forms;
import io.jinchuang.ledger.input.Input;
import io.jinchuang.ledger.journal.Accounts;
import io.jinchuang.ledger.journal.Balances;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Funds, partners and companies. */
final class FundsApi {
    private final Api api;

    FundsApi(Api api) {
        this.api = api;
    }

    void create(Context ctx) {
        Input in = api.input(ctx, Forms.FUND);
        NewFund fund = Forms.fund(in);
        in.done();
        Principal principal = Request.principal(ctx);
        if (principal.role() == Role.MANAGER && !fund.manager().equals(principal.manager())) {
            throw Rejection.forbidden("a manager opens funds only under its own name (" + principal.manager() + ")");
        }
        api.post(ctx, 201, tx -> fundJson(tx.dsl(), api.ledger.funds.open(tx, fund, Request.actor(ctx, null))));
    }

    void list(Context ctx) {
        Request.onlyParams(ctx);
        Principal principal = Request.principal(ctx);
        List<Map<String, Object>> funds = api.ledger.db.read(dsl -> Funds.all(dsl).stream()
                .filter(principal::canRead).map(f -> fundJson(dsl, f)).toList());
        api.ok(ctx, Json.obj("funds", funds));
    }

    void get(Context ctx) {
        Request.onlyParams(ctx);
        FundRecord fund = api.readableFund(ctx, ctx.pathParam("code"));
        api.ok(ctx, api.ledger.db.read(dsl -> fundJson(dsl, fund)));
    }

    void addPartner(Context ctx) {
        String code = api.postableFund(ctx, ctx.pathParam("code"));
        Input in = api.input(ctx, Forms.PARTNER);
        NewPartner partner = Forms.partner(in);
        in.done();
        if (partner.role() == io.jinchuang.ledger.funds.PartnerRole.GUIDANCE) {
            // its calls and distributions post in the guidance fund's books too: the caller must
            // be allowed to post there as well, or a manager could draw another manager's cash
            FundRecord guidance = api.ledger.db.read(dsl -> Funds.find(dsl, partner.partnerCode()));
            if (guidance != null) { // else admit's 422: the code must be a guidance fund's
                Request.principal(ctx).requirePost(guidance);
            }
        }
        api.post(ctx, 201, tx -> partnerJson(tx.dsl(), api.ledger.funds.admit(tx, code, partner,
                Request.actor(ctx, null))));
    }

    void registerCompany(Context ctx) {
        Input in = api.input(ctx, Forms.COMPANY);
        NewCompany company = Forms.company(in);
        in.done();
        api.post(ctx, 201, tx -> companyJson(api.ledger.companies.register(tx, company.creditCode(), company.name(),
                company.sector())));
    }

    void getCompany(Context ctx) {
        Request.onlyParams(ctx);
        String creditCode = ctx.pathParam("creditCode");
        CompanyRecord company = api.ledger.db.read(dsl -> Companies.find(dsl, creditCode));
        if (company == null) {
            throw Rejection.notFound("no company " + creditCode);
        }
        api.ok(ctx, companyJson(company));
    }

    static Map<String, Object> fundJson(DSLContext dsl, FundRecord f) {
        List<Map<String, Object>> partners = new ArrayList<>();
        for (PartnerRecord p : Funds.partners(dsl, f.getCode())) {
            partners.add(partnerJson(dsl, p));
        }
        return Json.obj("code", f.getCode(), "name", f.getName(), "nameZh", f.getNameZh(), "kind", f.getKind(),
                "manager", f.getManager(), "vintage", f.getVintage().toString(),
                "toleranceRate", f.getToleranceRate() == null ? null : Json.ratio(f.getToleranceRate()),
                "status", f.getStatus(), "journalHead", Json.obj("seq", f.getHeadSeq(), "hash", f.getHeadHash()),
                "partners", partners);
    }

    static Map<String, Object> partnerJson(DSLContext dsl, PartnerRecord p) {
        BigDecimal paidIn = Balances.current(dsl, p.getFundCode(), Accounts.paidIn(p.getPartnerCode())).negate();
        return Json.obj("fund", p.getFundCode(), "partnerCode", p.getPartnerCode(), "name", p.getName(),
                "role", p.getRole(), "committed", Json.money(p.getCommitted()), "paidIn", Json.money(paidIn));
    }

    static Map<String, Object> companyJson(CompanyRecord c) {
        return Json.obj("creditCode", c.getCreditCode(), "name", c.getName(), "sector", c.getSector());
    }
}
