package io.jinchuang.ledger.api;

import java.util.Map;

/** The export checked with ledger and hledger, on PostgreSQL (its cursor streams the journal). */
class PostgresLedgerExportTest extends LedgerExportTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
