package io.jinchuang.ledger.reliability;

import io.jinchuang.ledger.api.TestDatabases;
import java.util.Map;

class PostgresConcurrencyTest extends ConcurrencyTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
