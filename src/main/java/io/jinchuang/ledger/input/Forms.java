package io.jinchuang.ledger.input;

import io.jinchuang.ledger.companies.CreditCode;
import io.jinchuang.ledger.companies.NewCompany;
import io.jinchuang.ledger.deals.CapitalCall;
import io.jinchuang.ledger.deals.ExitType;
import io.jinchuang.ledger.deals.NewDistribution;
import io.jinchuang.ledger.deals.NewExit;
import io.jinchuang.ledger.deals.NewInvestment;
import io.jinchuang.ledger.deals.NewMonitoringReport;
import io.jinchuang.ledger.deals.NewValuation;
import io.jinchuang.ledger.funds.FundKind;
import io.jinchuang.ledger.funds.NewFund;
import io.jinchuang.ledger.funds.NewPartner;
import io.jinchuang.ledger.funds.PartnerRole;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each kind of posting reads, and the rule of every field: one place, used by the
 * HTTP handlers (a JSON body) and by the CSV import (a row), so both refuse exactly the same
 * input with the same messages. Each reader records problems in its {@link Input}; the
 * caller ends with {@link Input#done()} (HTTP) or collects {@link Input#errors()} (import).
 */
public final class Forms {
    public static final Pattern FUND_CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,31}");
    public static final String FUND_CODE_SHAPE = "2 to 32 characters of A-Z, 0-9 and '-', not starting with '-'";
    public static final Pattern PARTNER_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    public static final String PARTNER_CODE_SHAPE = "1 to 32 characters of letters, digits, '.', '_' and '-'";
    public static final Pattern REFERENCE = Pattern.compile("[\\p{L}\\p{N} ._:/#-]{1,100}");
    public static final String REFERENCE_SHAPE = "1 to 100 letters, digits, spaces or . _ : / # -";
    /** The columns these are kept in are narrower than other free text (sql/V1__ledger.sql). */
    public static final int SECTOR_LENGTH_MAX = 100;
    public static final int ROUND_LENGTH_MAX = 50;
    /** A capital call or distribution names each partner once; more than this is not a real call. */
    public static final int PARTS_MAX = 200;

    public static final Set<String> FUND = Set.of("code", "name", "nameZh", "kind", "manager", "vintage",
            "toleranceRate");
    public static final Set<String> PARTNER = Set.of("partnerCode", "name", "role", "committed", "date");
    public static final Set<String> COMPANY = Set.of("creditCode", "name", "sector");
    public static final Set<String> CAPITAL_CALL = Set.of("date", "contributions", "reference");
    public static final Set<String> PART = Set.of("partnerCode", "amount");
    public static final Set<String> INVESTMENT = Set.of("creditCode", "date", "amount", "round", "dueDiligenceRef",
            "decisionRef", "decisionDate", "conflictOfInterest", "reference");
    public static final Set<String> EXIT = Set.of("creditCode", "date", "type", "proceeds", "costReleased", "reference");
    public static final Set<String> VALUATION = Set.of("creditCode", "date", "fairValue");
    public static final Set<String> MONITORING_REPORT = Set.of("creditCode", "date", "reportRef");
    public static final Set<String> DISTRIBUTION = Set.of("date", "amount", "allocations", "reference");

    private Forms() {}

    public static NewFund fund(Input in) {
        return new NewFund(in.code("code", true, FUND_CODE, FUND_CODE_SHAPE), in.text("name", true),
                in.text("nameZh", false), in.choice("kind", true, FundKind.class), in.text("manager", true),
                in.date("vintage", true), in.rate("toleranceRate"));
    }

    public static NewPartner partner(Input in) {
        return new NewPartner(in.code("partnerCode", true, PARTNER_CODE, PARTNER_CODE_SHAPE), in.text("name", true),
                in.choice("role", true, PartnerRole.class), in.amount("committed", true, Input.Sign.POSITIVE),
                in.date("date", false));
    }

    public static NewCompany company(Input in) {
        return new NewCompany(creditCode(in, "creditCode"), in.text("name", true),
                in.text("sector", true, SECTOR_LENGTH_MAX));
    }

    public static NewInvestment investment(Input in) {
        return new NewInvestment(creditCode(in, "creditCode"), in.date("date", true),
                in.amount("amount", true, Input.Sign.POSITIVE), in.text("round", false, ROUND_LENGTH_MAX),
                in.text("dueDiligenceRef", false), in.text("decisionRef", false), in.date("decisionDate", false),
                in.bool("conflictOfInterest", false));
    }

    public static NewExit exit(Input in) {
        return new NewExit(creditCode(in, "creditCode"), in.date("date", true), in.choice("type", true, ExitType.class),
                in.amount("proceeds", true, Input.Sign.NON_NEGATIVE),
                in.amount("costReleased", false, Input.Sign.POSITIVE));
    }

    public static NewValuation valuation(Input in) {
        return new NewValuation(creditCode(in, "creditCode"), in.date("date", true),
                in.amount("fairValue", true, Input.Sign.NON_NEGATIVE));
    }

    public static NewMonitoringReport monitoringReport(Input in) {
        return new NewMonitoringReport(creditCode(in, "creditCode"), in.date("date", true),
                in.text("reportRef", true));
    }

    public static CapitalCall capitalCall(Input in) {
        return new CapitalCall(in.date("date", true), parts(in, "contributions", true));
    }

    public static NewDistribution distribution(Input in) {
        return new NewDistribution(in.date("date", true), in.amount("amount", true, Input.Sign.POSITIVE),
                parts(in, "allocations", false));
    }

    /** One partner's part of a capital call or distribution: {partnerCode, amount}. */
    public static CapitalCall.Contribution part(Input in) {
        String partner = partnerCode(in);
        BigDecimal amount = partAmount(in);
        return partner == null || amount == null ? null : new CapitalCall.Contribution(partner, amount);
    }

    public static String partnerCode(Input in) {
        return in.code("partnerCode", true, PARTNER_CODE, PARTNER_CODE_SHAPE);
    }

    private static BigDecimal partAmount(Input in) {
        return in.amount("amount", true, Input.Sign.POSITIVE);
    }

    /** The bank's transaction reference a money-moving posting may carry. */
    public static String reference(Input in) {
        return in.code("reference", false, REFERENCE, REFERENCE_SHAPE);
    }

    /** A credit code field, its check digit verified (GB 32100-2015). */
    public static String creditCode(Input in, String field) {
        String code = in.text(field, true);
        if (code != null && CreditCode.problem(code) != null) {
            in.reject(field, CreditCode.problem(code));
            return null;
        }
        return code;
    }

    /** [{partnerCode, amount}], each partner at most once. */
    private static List<CapitalCall.Contribution> parts(Input in, String field, boolean required) {
        List<CapitalCall.Contribution> parts = new ArrayList<>();
        List<Input> items = in.objects(field, required, PARTS_MAX, PART);
        if (required && items.isEmpty() && in.has(field)) {
            in.reject(field, "must name at least one partner");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String partner = partnerCode(items.get(i));
            BigDecimal amount = partAmount(items.get(i));
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
