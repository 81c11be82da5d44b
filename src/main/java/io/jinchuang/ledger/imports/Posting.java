package io.jinchuang.ledger.imports;

import io.jinchuang.ledger.companies.Companies;
import io.jinchuang.ledger.companies.NewCompany;
import io.jinchuang.ledger.deals.CapitalCall;
import io.jinchuang.ledger.deals.Deals;
import io.jinchuang.ledger.deals.Investments;
import io.jinchuang.ledger.deals.NewDistribution;
import io.jinchuang.ledger.deals.NewExit;
import io.jinchuang.ledger.deals.NewInvestment;
import io.jinchuang.ledger.deals.NewMonitoringReport;
import io.jinchuang.ledger.deals.NewValuation;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.funds.NewFund;
import io.jinchuang.ledger.funds.NewPartner;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.store.Tx;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One call of a use case, read and checked from one row (or, for a capital call or an
 * allocated distribution, from consecutive rows: {@link #lines} holds each part's line).
 */
sealed interface Posting {
    /** The use cases of the HTTP API: the only way an import changes the ledger. */
    record UseCases(Funds funds, Companies companies, Deals deals, Investments investments) {}

    /** The line of the file the posting starts on. */
    int line();

    /** The line of each part, for a posting read from several rows. */
    default List<Integer> lines() {
        return List.of(line());
    }

    void post(UseCases u, Tx tx, Actor actor);

    /** The fund posted to (null for a company, or a fund being opened). */
    default String fund() {
        return null;
    }

    /** The company the row names, if any. */
    default String creditCode() {
        return null;
    }

    record OpenFund(int line, NewFund opened) implements Posting {
        public void post(UseCases u, Tx tx, Actor actor) {
            u.funds().open(tx, opened, actor);
        }
    }

    record AdmitPartner(int line, String fund, NewPartner partner) implements Posting {
        public void post(UseCases u, Tx tx, Actor actor) {
            u.funds().admit(tx, fund, partner, actor);
        }
    }

    record RegisterCompany(int line, NewCompany company) implements Posting {
        public String creditCode() {
            return company.creditCode();
        }

        public void post(UseCases u, Tx tx, Actor actor) {
            u.companies().register(tx, company.creditCode(), company.name(), company.sector());
        }
    }

    record Invest(int line, String fund, NewInvestment investment, String reference) implements Posting {
        public String creditCode() {
            return investment.creditCode();
        }

        public void post(UseCases u, Tx tx, Actor actor) {
            u.investments().invest(tx, fund, investment, actor.withReference(reference));
        }
    }

    record Exit(int line, String fund, NewExit exit, String reference) implements Posting {
        public String creditCode() {
            return exit.creditCode();
        }

        public void post(UseCases u, Tx tx, Actor actor) {
            u.investments().exit(tx, fund, exit, actor.withReference(reference));
        }
    }

    record Value(int line, String fund, NewValuation valuation) implements Posting {
        public String creditCode() {
            return valuation.creditCode();
        }

        public void post(UseCases u, Tx tx, Actor actor) {
            u.investments().value(tx, fund, valuation.creditCode(), valuation.date(), valuation.fairValue(), actor);
        }
    }

    record Monitor(int line, String fund, NewMonitoringReport report) implements Posting {
        public String creditCode() {
            return report.creditCode();
        }

        public void post(UseCases u, Tx tx, Actor actor) {
            u.investments().monitor(tx, fund, report.creditCode(), report.date(), report.reportRef(), actor);
        }
    }

    /** Pro rata (parts empty) or allocated (one part per line). */
    record Distribute(int line, String fund, LocalDate date, BigDecimal amount, List<CapitalCall.Contribution> parts,
                      List<Integer> lines, String reference) implements Posting {
        public void post(UseCases u, Tx tx, Actor actor) {
            u.deals().distribute(tx, fund, new NewDistribution(date, amount, parts.isEmpty() ? null : parts),
                    actor.withReference(reference));
        }
    }

    record Call(int line, String fund, LocalDate date, List<CapitalCall.Contribution> parts, List<Integer> lines,
                String reference) implements Posting {
        public void post(UseCases u, Tx tx, Actor actor) {
            u.deals().capitalCall(tx, fund, new CapitalCall(date, parts), actor.withReference(reference));
        }
    }
}
