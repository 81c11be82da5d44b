package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.FUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.journal.JournalQueries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two scans that read a fund's whole journal in order (the year-end batch's journal pass
 * and the chain check) stream from H2's key index as it is ordered. When the ORDER BY leaves
 * out the leading key column, H2 gathers and sorts every row of the fund instead, spilling
 * to disk, and the batch's journal pass took 12% longer (README, "Year-end benchmark").
 */
class OrderedJournalScansTest {
    @TempDir
    Path dataDir;

    @Test
    void theJournalPassAndTheChainCheckReadEachFundInIndexOrderWithoutSorting() {
        try (Ledger ledger = LedgerFixture.openEmbedded(dataDir)) {
            LedgerFixture.seed(ledger, 2, 30, 4, 2024, 2025, 11L);
            List<String> plans = ledger.db.read(dsl -> {
                List<Query> ordered = new ArrayList<>();
                ExecuteListener watch = new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        String sql = ctx.sql().toLowerCase(Locale.ROOT);
                        if (sql.contains("journal_") && sql.contains("order by")) {
                            ordered.add(ctx.query());
                        }
                    }
                };
                DSLContext watched = dsl.configuration().derive(new DefaultExecuteListenerProvider(watch)).dsl();
                FundRecord fund = watched.selectFrom(FUND).where(FUND.CODE.eq(LedgerFixture.fundCode(1))).fetchOne();
                assertTrue(JournalPass.run(watched, fund, new FiscalYear(2025), 60).chain().ok());
                assertTrue(JournalQueries.verify(watched, fund).ok());
                List<String> explained = new ArrayList<>();
                for (Query query : ordered) {
                    explained.add(dsl.fetchValue("EXPLAIN " + dsl.renderInlined(query)).toString());
                }
                return explained;
            });
            assertEquals(4, plans.size(), "entries and lines, for the pass and for the check: " + plans);
            for (String plan : plans) {
                assertTrue(plan.contains("/* index sorted */"), "H2 sorts this scan instead of streaming it:\n" + plan);
            }
        }
    }
}
