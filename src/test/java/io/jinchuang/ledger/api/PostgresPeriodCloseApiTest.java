package io.jinchuang.ledger.api;

import java.util.Map;

class PostgresPeriodCloseApiTest extends PeriodCloseApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
