package io.jinchuang.ledger.api;

import java.util.Map;

class H2PeriodCloseApiTest extends PeriodCloseApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }
}
