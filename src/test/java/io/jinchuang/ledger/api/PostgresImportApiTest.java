package io.jinchuang.ledger.api;

import java.util.Map;

/** The import suite on PostgreSQL. */
class PostgresImportApiTest extends ImportApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
