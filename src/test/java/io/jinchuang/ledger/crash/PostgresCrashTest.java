package io.jinchuang.ledger.crash;

import io.jinchuang.ledger.api.TestDatabases;
import java.util.HashMap;
import java.util.Map;

/** kill -9 of the service in front of PostgreSQL (the database itself keeps running). */
class PostgresCrashTest extends CrashTests {
    @Override
    protected Map<String, String> database() {
        Map<String, String> database = new HashMap<>(TestDatabases.postgres());
        database.remove("ledger.data-dir");
        return database;
    }
}
