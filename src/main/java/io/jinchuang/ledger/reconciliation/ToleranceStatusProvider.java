package io.jinchuang.ledger.reconciliation;

import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.tolerance.ToleranceResult;
import java.time.LocalDate;
import org.jooq.DSLContext;

/**
 * A fund's fault-tolerance figures (SPEC §4, scope DIRECT) on a date, for the year-end report.
 * An interface so that the report uses whatever the tolerance endpoints use.
 */
public interface ToleranceStatusProvider {
    ToleranceResult statusOn(DSLContext dsl, FundRecord fund, LocalDate asOf);
}
