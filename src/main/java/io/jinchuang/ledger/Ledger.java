package io.jinchuang.ledger;

import io.jinchuang.ledger.auth.Tokens;
import io.jinchuang.ledger.companies.Companies;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.db.Tables;
import io.jinchuang.ledger.deals.Deals;
import io.jinchuang.ledger.deals.Investments;
import io.jinchuang.ledger.firstloss.Liquidations;
import io.jinchuang.ledger.exemption.ExemptionReports;
import io.jinchuang.ledger.exemption.ExemptionRole;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.journal.ClosedPeriods;
import io.jinchuang.ledger.imports.Imports;
import io.jinchuang.ledger.journal.Journal;
import io.jinchuang.ledger.journal.Reversals;
import io.jinchuang.ledger.metrics.FundTolerance;
import io.jinchuang.ledger.reconciliation.Reconciliations;
import io.jinchuang.ledger.reconciliation.ToleranceStatusProvider;
import io.jinchuang.ledger.reconciliation.YearEndBatch;
import io.jinchuang.ledger.store.Database;
import io.jinchuang.ledger.tolerance.FailureBasis;
import io.jinchuang.ledger.tolerance.Thresholds;
import io.jinchuang.ledger.tolerance.ToleranceSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The use cases, wired once at start and passed to the HTTP layer and the command line. */
public final class Ledger implements AutoCloseable {
    public final Settings settings;
    public final Clock clock;
    public final Database db;
    public final Journal journal;
    public final Funds funds;
    public final Companies companies;
    public final Deals deals;
    public final Investments investments;
    public final Reversals reversals;
    public final Tokens tokens;
    public final Liquidations liquidations;
    public final FailureBasis failureBasis;
    public final FundTolerance.Terms toleranceTerms;
    public final ExemptionReports exemptionReports;
    public final ToleranceStatusProvider toleranceStatus;
    public final Reconciliations reconciliations;
    public final Imports imports;

    public Ledger(Settings settings, Clock clock, Database db) {
        this.settings = settings;
        this.clock = clock;
        this.db = db;
        // the rows every posting reads by key: a fund's chain head, its partners and balances, companies
        db.keepByKey(java.util.Set.of(Tables.FUND, Tables.PARTNER, Tables.COMPANY, Tables.ACCOUNT_BALANCE));
        this.journal = new Journal(clock);
        this.funds = new Funds(journal, clock);
        this.companies = new Companies(clock);
        this.deals = new Deals(journal);
        this.investments = new Investments(journal);
        // a reversal takes the original's business date, or the first open day when that year is closed
        this.reversals = new Reversals(journal, (tx, originalDate) -> ClosedPeriods.reversalDate(tx, originalDate));
        this.tokens = new Tokens(clock);
        this.liquidations = new Liquidations(journal, settings);
        this.failureBasis = FailureBasis.valueOf(settings.string("tolerance.failure-basis"));
        this.toleranceTerms = toleranceTerms(settings, failureBasis);
        this.exemptionReports = new ExemptionReports(toleranceTerms, exemptionRoles(settings));
        // the year-end report's status on 31 December is what the tolerance endpoint says
        this.toleranceStatus = (dsl, fund, asOf) -> FundTolerance.status(dsl, fund, io.jinchuang.ledger.tolerance.Scope.DIRECT, asOf,
                toleranceTerms);
        this.reconciliations = new Reconciliations(db, new YearEndBatch(db, toleranceStatus, clock,
                settings.integer("reconcile.statement-timeout-seconds"), reconcileThreads(settings)), clock);
        this.imports = new Imports(funds, companies, deals, investments, settings.integer("limits.text-length-max"),
                settings.integer("limits.import-rows-max"));
    }

    /** SPEC §4 configuration, checked at start: a bad rate stops the service instead of skewing a report. */
    private static FundTolerance.Terms toleranceTerms(Settings settings, FailureBasis basis) {
        BigDecimal warningRate = settings.decimal("tolerance.warning-rate");
        if (warningRate.signum() < 0 || warningRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalStateException("tolerance.warning-rate must be within [0, 1]: " + warningRate);
        }
        return new FundTolerance.Terms(new ToleranceSettings(basis, warningRate), Thresholds.of(settings::decimal));
    }

    /** SPEC §5 {@code exemption.roles}: names of §1's roles, in the order the report lists them. */
    private static List<ExemptionRole> exemptionRoles(Settings settings) {
        List<ExemptionRole> roles = new ArrayList<>();
        for (String name : settings.list("exemption.roles")) {
            try {
                roles.add(ExemptionRole.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("exemption.roles names an unknown role " + name + "; known: "
                        + List.of(ExemptionRole.values()), e);
            }
        }
        if (roles.isEmpty() || roles.stream().distinct().count() != roles.size()) {
            throw new IllegalStateException("exemption.roles must name at least one role, each once: " + roles);
        }
        return roles;
    }

    /** {@code reconcile.threads}, 0 meaning one per processor, at most half the connection pool. */
    private static int reconcileThreads(Settings settings) {
        int configured = settings.integer("reconcile.threads");
        int threads = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(threads, settings.integer("limits.db-pool-size-max") / 2));
    }

    public static Ledger open(Settings settings) {
        return new Ledger(settings, Clock.systemUTC(), Database.open(settings));
    }

    @Override
    public void close() {
        reconciliations.close();
        db.close();
    }
}
