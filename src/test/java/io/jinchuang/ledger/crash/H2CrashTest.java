package io.jinchuang.ledger.crash;

import java.util.Map;

/** kill -9 on the embedded default: H2 rebuilt from the transaction log. */
class H2CrashTest extends CrashTests {
    @Override
    protected Map<String, String> database() {
        return Map.of("ledger.db.url", "");
    }
}
