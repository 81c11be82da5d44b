package io.jinchuang.ledger.api;

import java.util.Map;

/** The tolerance and exemption-report suite on the embedded default: H2 guarded by the transaction log. */
class ToleranceApiH2Test extends ToleranceApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }
}
