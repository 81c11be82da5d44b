package io.jinchuang.ledger.api;

import java.util.Map;

class H2FirstLossApiTest extends FirstLossApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }
}
