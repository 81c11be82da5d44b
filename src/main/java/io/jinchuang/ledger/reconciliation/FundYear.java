package io.jinchuang.ledger.reconciliation;

import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.tolerance.ToleranceResult;
import java.util.List;
import java.util.Map;

/** Everything the batch read about one fund and year, before it is judged and written. */
record FundYear(
        FundRecord fund,
        FiscalYear year,
        JournalPass.Result journal,
        Map<String, java.math.BigDecimal> kept,
        List<DealsOfYear.Investments> investments,
        List<DealsOfYear.Exits> exits,
        List<DealsOfYear.PartnerSum> capitalCalls,
        List<DealsOfYear.PartnerSum> distributions,
        Map<String, String> names,
        ToleranceResult tolerance,
        List<StatementLine> statement) {}
