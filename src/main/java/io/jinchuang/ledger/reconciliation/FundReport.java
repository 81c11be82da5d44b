package io.jinchuang.ledger.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jinchuang.ledger.deals.Holdings;
import io.jinchuang.ledger.journal.Accounts;
import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Judges one fund's year and writes its part of the report as ordered JSON values: every
 * list sorted, every amount with two fraction digits, every ratio with four, so the same
 * ledger gives the same bytes.
 */
final class FundReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVESTMENT_PREFIX = Accounts.investment("");
    private static final String FUND_INVESTMENT_PREFIX = Accounts.fundInvestment("");
    private static final String RETURNED_SUFFIX = Accounts.fundReturned("").substring(FUND_INVESTMENT_PREFIX.length());

    record Built(Map<String, Object> json, List<Discrepancy> discrepancies) {}

    private FundReport() {}

    static Built build(FundYear y) {
        List<Discrepancy> found = new ArrayList<>();
        Map<String, Object> fund = obj("fund", y.fund().getCode(), "name", y.fund().getName(),
                "nameZh", y.fund().getNameZh(), "kind", y.fund().getKind(), "manager", y.fund().getManager(),
                "status", y.fund().getStatus());
        fund.put("clean", null);
        fund.put("journal", journal(y.journal(), found));
        fund.put("balances", balances(y.journal().accounts()));
        fund.put("keptBalances", kept(y.journal().accounts(), y.kept(), found));
        fund.put("rollForward", rollForward(y, found));
        fund.put("capitalCalls", partners(y.capitalCalls()));
        fund.put("investments", investments(y));
        fund.put("exits", exits(y));
        fund.put("distributions", partners(y.distributions()));
        fund.put("realisedGains", realised(y.exits()));
        fund.put("tolerance", tolerance(y));
        fund.put("firstLossSettlements", settlements(y.journal().settlements()));
        fund.put("bank", bank(y.journal().cash(), y.statement(), found));
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Discrepancy d : found) {
            listed.add(obj("kind", d.kind().name(), "subject", d.subject(), "detail", d.detail()));
        }
        fund.put("clean", found.isEmpty());
        fund.put("discrepancies", listed);
        return new Built(fund, found);
    }

    private static Map<String, Object> journal(JournalPass.Result pass, List<Discrepancy> found) {
        var chain = pass.chain();
        if (!chain.ok()) {
            found.add(new Discrepancy(Discrepancy.Kind.CHAIN, "seq " + chain.firstBreakSeq(), chain.problem()));
        }
        for (Long seq : pass.unbalanced()) {
            found.add(new Discrepancy(Discrepancy.Kind.UNBALANCED_ENTRY, "seq " + seq,
                    "the entry's debits do not equal its credits"));
        }
        if (pass.unbalancedCount() > pass.unbalanced().size()) {
            found.add(new Discrepancy(Discrepancy.Kind.UNBALANCED_ENTRY, "more",
                    (pass.unbalancedCount() - pass.unbalanced().size()) + " more unbalanced entries are not listed"));
        }
        return obj("entries", pass.entries(), "headSeq", chain.headSeq(), "headHash", chain.headHash(),
                "chainOk", chain.ok(), "firstBreakSeq", chain.firstBreakSeq(), "problem", chain.problem(),
                "unbalancedEntries", pass.unbalancedCount());
    }

    /** Opening and closing balance of every account that existed by the year's end (had a line by then). */
    private static List<Map<String, Object>> balances(SortedMap<String, JournalPass.AccountSums> accounts) {
        List<Map<String, Object>> rows = new ArrayList<>();
        accounts.forEach((account, sums) -> {
            if (sums.byYearEnd()) {
                rows.add(obj("account", account, "opening", money(sums.opening), "debits", money(sums.debits),
                        "credits", money(sums.credits), "closing", money(sums.closing())));
            }
        });
        return rows;
    }

    /** Every account's lines, whatever their date, against the balance the service keeps. */
    private static Map<String, Object> kept(SortedMap<String, JournalPass.AccountSums> accounts,
                                            Map<String, BigDecimal> kept, List<Discrepancy> found) {
        SortedMap<String, BigDecimal[]> both = new TreeMap<>();
        accounts.forEach((account, sums) -> both.put(account, new BigDecimal[] {sums.total(), Money.ZERO}));
        kept.forEach((account, balance) -> both.computeIfAbsent(account, a -> new BigDecimal[] {Money.ZERO, Money.ZERO})[1]
                = balance);
        List<Map<String, Object>> mismatches = new ArrayList<>();
        both.forEach((account, pair) -> {
            if (pair[0].compareTo(pair[1]) != 0) {
                BigDecimal difference = pair[1].subtract(pair[0]);
                mismatches.add(obj("account", account, "journal", money(pair[0]), "kept", money(pair[1]),
                        "difference", money(difference)));
                found.add(new Discrepancy(Discrepancy.Kind.KEPT_BALANCE, account, "the kept balance "
                        + money(pair[1]) + " differs from the journal's " + money(pair[0]) + " by " + money(difference)));
            }
        });
        return obj("accounts", both.size(), "mismatches", mismatches);
    }

    /** One holding's cost through the year, from the deals, against its account in the journal. */
    private static final class Holding {
        String kind;
        BigDecimal invOpening = Money.ZERO;
        BigDecimal invested = Money.ZERO;
        BigDecimal invReversed = Money.ZERO;
        BigDecimal relOpening = Money.ZERO;
        BigDecimal released = Money.ZERO;
        BigDecimal relReversed = Money.ZERO;
    }

    private static List<Map<String, Object>> rollForward(FundYear y, List<Discrepancy> found) {
        SortedMap<String, Holding> holdings = new TreeMap<>();
        for (DealsOfYear.Investments i : y.investments()) {
            Holding h = holdings.computeIfAbsent(i.holding(), k -> new Holding());
            h.kind = i.kind();
            h.invOpening = h.invOpening.add(i.opening());
            h.invested = h.invested.add(i.invested());
            h.invReversed = h.invReversed.add(i.reversedPrior());
        }
        for (DealsOfYear.Exits e : y.exits()) {
            Holding h = holdings.computeIfAbsent(e.holding(), k -> new Holding());
            h.relOpening = h.relOpening.add(e.releasedOpening());
            h.released = h.released.add(e.released());
            h.relReversed = h.relReversed.add(e.reversedPrior());
        }
        y.journal().accounts().keySet().forEach(account -> {
            String holding = holdingOf(account);
            if (holding != null) {
                Holding h = holdings.computeIfAbsent(holding, k -> new Holding());
                if (h.kind == null) {
                    h.kind = account.startsWith(FUND_INVESTMENT_PREFIX) ? Holdings.KIND_FUND : Holdings.KIND_COMPANY;
                }
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        holdings.forEach((holding, h) -> {
            Map<String, Object> row = rollForwardRow(y, holding, h, found);
            if (row != null) {
                rows.add(row);
            }
        });
        return rows;
    }

    private static Map<String, Object> rollForwardRow(FundYear y, String holding, Holding h, List<Discrepancy> found) {
        String kind = h.kind == null ? Holdings.KIND_COMPANY : h.kind;
        String account = kind.equals(Holdings.KIND_FUND) ? Accounts.fundInvestment(holding) : Accounts.investment(holding);
        JournalPass.AccountSums sums = y.journal().accounts().get(account);
        BigDecimal ledgerOpening = sums == null ? Money.ZERO : sums.opening;
        BigDecimal ledgerClosing = sums == null ? Money.ZERO : sums.closing();
        BigDecimal opening = h.invOpening.subtract(h.relOpening);
        // reversals dated in the year of deals dated before it: an investment's takes cost off, an exit's puts it back
        BigDecimal reversals = h.relReversed.subtract(h.invReversed);
        BigDecimal closing = opening.add(h.invested).subtract(h.released).add(reversals);
        boolean idle = opening.signum() == 0 && h.invested.signum() == 0 && h.released.signum() == 0
                && reversals.signum() == 0 && ledgerOpening.signum() == 0 && ledgerClosing.signum() == 0;
        if (idle) {
            return null;
        }
        boolean agrees = opening.compareTo(ledgerOpening) == 0 && closing.compareTo(ledgerClosing) == 0;
        if (!agrees) {
            found.add(new Discrepancy(Discrepancy.Kind.ROLL_FORWARD, holding, "opening " + money(opening)
                    + " + invested " + money(h.invested) + " − released " + money(h.released) + " + reversals "
                    + money(reversals) + " = " + money(closing) + ", but " + account + " opens at "
                    + money(ledgerOpening) + " and closes at " + money(ledgerClosing)));
        }
        return obj("holding", holding, "kind", kind, "name", y.names().get(holding), "opening", money(opening),
                "invested", money(h.invested), "costReleased", money(h.released), "reversals", money(reversals),
                "closing", money(closing), "ledgerOpening", money(ledgerOpening), "ledgerClosing", money(ledgerClosing),
                "agrees", agrees);
    }

    /** The holding an account is the cost of, or null for any other account. */
    static String holdingOf(String account) {
        if (account.startsWith(INVESTMENT_PREFIX)) {
            return account.substring(INVESTMENT_PREFIX.length());
        }
        if (account.startsWith(FUND_INVESTMENT_PREFIX) && !account.endsWith(RETURNED_SUFFIX)) {
            return account.substring(FUND_INVESTMENT_PREFIX.length());
        }
        return null;
    }

    private static Map<String, Object> partners(List<DealsOfYear.PartnerSum> sums) {
        BigDecimal total = Money.ZERO;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DealsOfYear.PartnerSum s : sums) {
            total = total.add(s.amount());
            rows.add(obj("partnerCode", s.partnerCode(), "name", s.name(), "amount", money(s.amount()),
                    "count", s.count()));
        }
        return obj("total", money(total), "partners", rows);
    }

    private static Map<String, Object> investments(FundYear y) {
        BigDecimal total = Money.ZERO;
        long count = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DealsOfYear.Investments i : y.investments()) {
            if (i.count() == 0) {
                continue;
            }
            total = total.add(i.invested());
            count += i.count();
            rows.add(obj("holding", i.holding(), "kind", i.kind(), "name", y.names().get(i.holding()),
                    "amount", money(i.invested()), "count", i.count()));
        }
        return obj("total", money(total), "count", count, "holdings", rows);
    }

    private static Map<String, Object> exits(FundYear y) {
        BigDecimal proceeds = Money.ZERO;
        BigDecimal released = Money.ZERO;
        long count = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DealsOfYear.Exits e : y.exits()) {
            if (e.count() == 0) {
                continue;
            }
            proceeds = proceeds.add(e.proceeds());
            released = released.add(e.released());
            count += e.count();
            rows.add(obj("holding", e.holding(), "name", y.names().get(e.holding()), "type", e.type(),
                    "count", e.count(), "proceeds", money(e.proceeds()), "costReleased", money(e.released()),
                    "gain", money(e.proceeds().subtract(e.released()))));
        }
        return obj("proceeds", money(proceeds), "costReleased", money(released), "count", count, "holdings", rows);
    }

    private static Map<String, Object> realised(List<DealsOfYear.Exits> exits) {
        BigDecimal gains = Money.ZERO;
        BigDecimal losses = Money.ZERO;
        for (DealsOfYear.Exits e : exits) {
            gains = gains.add(e.gains());
            losses = losses.add(e.losses());
        }
        return obj("gains", money(gains), "losses", money(losses), "net", money(gains.add(losses)));
    }

    private static Map<String, Object> tolerance(FundYear y) {
        var t = y.tolerance();
        return obj("asOf", y.year().end().toString(), "scope", "DIRECT", "basis", t.basis().name(),
                "projects", t.projects(), "failedProjects", t.failedProjects(), "failureRate", t.failureRateText(),
                "threshold", t.thresholdText(), "status", t.status().name(), "headroom", t.headroom(),
                "lossRateByAmount", t.lossRateByAmountText());
    }

    private static List<Map<String, Object>> settlements(List<JournalPass.Settlement> settlements) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JournalPass.Settlement s : settlements) {
            rows.add(obj("seq", s.seq(), "date", s.date().toString(), "type", s.type(), "reference", s.reference(),
                    "details", parse(s.payload())));
        }
        return rows;
    }

    private static Map<String, Object> bank(List<CashMovement> cash, List<StatementLine> statement,
                                            List<Discrepancy> found) {
        BigDecimal in = Money.ZERO;
        BigDecimal out = Money.ZERO;
        for (CashMovement m : cash) {
            if (m.amount().signum() > 0) {
                in = in.add(m.amount());
            } else {
                out = out.add(m.amount());
            }
        }
        Map<String, Object> bank = obj("statementGiven", statement != null, "cashMovements", cash.size(),
                "cashIn", money(in), "cashOut", money(out));
        if (statement == null) {
            return bank;
        }
        StatementMatcher.Result result = StatementMatcher.match(cash, statement);
        List<Map<String, Object>> matches = new ArrayList<>();
        for (StatementMatcher.Match m : result.matches()) {
            matches.add(obj("line", m.line().lineNo(), "seq", m.movement().seq(), "by", m.by().name()));
        }
        List<Map<String, Object>> ledgerLeft = new ArrayList<>();
        for (CashMovement m : result.unmatchedLedger()) {
            ledgerLeft.add(obj("seq", m.seq(), "date", m.date().toString(), "amount", money(m.amount()),
                    "reference", m.reference(), "type", m.type()));
            found.add(new Discrepancy(Discrepancy.Kind.BANK_UNMATCHED_LEDGER, "seq " + m.seq(), m.type() + " of "
                    + m.date() + " moved " + money(m.amount()) + " cash" + (m.reference() == null ? ""
                    : " (reference " + m.reference() + ")") + "; no statement line matches it"));
        }
        List<Map<String, Object>> statementLeft = new ArrayList<>();
        for (StatementLine l : result.unmatchedStatement()) {
            statementLeft.add(obj("line", l.lineNo(), "date", l.date().toString(), "amount", money(l.amount()),
                    "reference", l.reference()));
            found.add(new Discrepancy(Discrepancy.Kind.BANK_UNMATCHED_STATEMENT, "line " + l.lineNo(), "the bank shows "
                    + money(l.amount()) + " on " + l.date() + (l.reference() == null ? ""
                    : " (reference " + l.reference() + ")") + "; no cash movement of the year matches it"));
        }
        bank.put("statementLines", statement.size());
        bank.put("matchedByReference", result.count(StatementMatcher.By.REFERENCE));
        bank.put("matchedByAmountAndDate", result.count(StatementMatcher.By.AMOUNT_AND_DATE));
        bank.put("matches", matches);
        bank.put("unmatchedLedger", ledgerLeft);
        bank.put("unmatchedStatement", statementLeft);
        List<Map<String, Object>> reversed = new ArrayList<>();
        for (CashMovement m : result.reversedInYear()) {
            reversed.add(obj("seq", m.seq(), "date", m.date().toString(), "amount", money(m.amount()),
                    "reference", m.reference(), "type", m.type(), "reverses", m.reverses()));
        }
        bank.put("reversedInYear", reversed);
        return bank;
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored payload is not JSON", e);
        }
    }

    static String money(BigDecimal amount) {
        return Money.format(amount);
    }

    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
