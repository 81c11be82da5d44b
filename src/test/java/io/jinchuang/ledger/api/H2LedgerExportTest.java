package io.jinchuang.ledger.api;

import java.util.Map;

/** The export checked with ledger and hledger, on the embedded default. */
class H2LedgerExportTest extends LedgerExportTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }
}
