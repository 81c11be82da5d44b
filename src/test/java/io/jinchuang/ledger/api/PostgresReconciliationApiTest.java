package io.jinchuang.ledger.api;

import java.util.Map;

class PostgresReconciliationApiTest extends ReconciliationApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
