package io.jinchuang.ledger.api;

import java.util.Map;

/** The import suite on the embedded default. */
class H2ImportApiTest extends ImportApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }
}
