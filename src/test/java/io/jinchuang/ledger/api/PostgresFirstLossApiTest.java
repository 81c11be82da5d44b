package io.jinchuang.ledger.api;

import java.util.Map;

class PostgresFirstLossApiTest extends FirstLossApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
