package io.jinchuang.ledger.api;

import java.util.Map;

class H2ReconciliationApiTest extends ReconciliationApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }
}
