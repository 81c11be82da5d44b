package io.jinchuang.ledger;

import io.jinchuang.ledger.auth.Tokens;
import io.jinchuang.ledger.companies.Companies;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.db.Tables;
import io.jinchuang.ledger.deals.Deals;
import io.jinchuang.ledger.deals.Investments;
import io.jinchuang.ledger.firstloss.Liquidations;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.imports.Imports;
import io.jinchuang.ledger.journal.Journal;
import io.jinchuang.ledger.journal.Reversals;
import io.jinchuang.ledger.store.Database;
import io.jinchuang.ledger.tolerance.FailureBasis;
import java.time.Clock;

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
        // a reversal takes the original's business date (period close, when it exists, moves it forward)
        this.reversals = new Reversals(journal, (tx, originalDate) -> originalDate);
        this.tokens = new Tokens(clock);
        this.liquidations = new Liquidations(journal, settings);
        this.failureBasis = FailureBasis.valueOf(settings.string("tolerance.failure-basis"));
        this.imports = new Imports(funds, companies, deals, investments, settings.integer("limits.text-length-max"),
                settings.integer("limits.import-rows-max"));
    }

    public static Ledger open(Settings settings) {
        return new Ledger(settings, Clock.systemUTC(), Database.open(settings));
    }

    @Override
    public void close() {
        db.close();
    }
}
