package io.jinchuang.ledger.api;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh databases for one test class: an H2 data directory, or a new database in one embedded PostgreSQL. */
public final class TestDatabases {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {}

    public static Map<String, String> h2() {
        try {
            Path dir = Files.createTempDirectory("ledger-h2-");
            return Map.of("ledger.data-dir", dir.toString(), "ledger.db.url", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A new, empty PostgreSQL database (the server starts once per test JVM). */
    public static synchronized Map<String, String> postgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the data directory is temporary
                    }
                }));
            }
            String name = "ledger_test_" + COUNTER.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return Map.of("ledger.db.url", postgres.getJdbcUrl("postgres", name), "ledger.db.user", "postgres",
                    "ledger.db.password", "postgres", "ledger.data-dir", Files.createTempDirectory("ledger-pg-").toString());
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }
}
