package io.jinchuang.ledger.reliability;

import io.jinchuang.ledger.api.TestDatabases;
import java.util.Map;

class H2ConcurrencyTest extends ConcurrencyTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }
}
