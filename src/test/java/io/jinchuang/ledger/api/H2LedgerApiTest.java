package io.jinchuang.ledger.api;

import java.util.Map;

/** The API suite on the embedded default: H2 guarded by the transaction log. */
class H2LedgerApiTest extends LedgerApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }
}
