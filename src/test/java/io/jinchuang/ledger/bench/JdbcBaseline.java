package io.jinchuang.ledger.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jinchuang.ledger.store.TxLog;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * The baseline the HTTP figures are divided by: the same journal rows (one entry, two
 * lines, two balance updates, the chain head) written by plain JDBC from the same number
 * of threads, one transaction per entry, with the same durability — on H2 the write set
 * is forced to a log before the commit, as the service does; PostgreSQL commits durably.
 */
final class JdbcBaseline {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private JdbcBaseline() {}

    static PostingBench.Result run(String pgUrl, int funds, int postings, int threads) throws Exception {
        Path dir = Files.createTempDirectory("ledger-baseline-");
        String prefix = "BASE" + RUNS.incrementAndGet() + "-";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pgUrl != null ? pgUrl : "jdbc:h2:file:" + dir.resolve("baseline") + ";LOCK_TIMEOUT=10000");
        config.setMaximumPoolSize(Math.max(2, threads)); // Flyway holds two connections while it migrates
        config.setAutoCommit(false);
        TxLog.Recovered log = pgUrl == null ? TxLog.open(dir.resolve("baseline.txlog"), false) : null;
        try (HikariDataSource ds = new HikariDataSource(config)) {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            createFunds(ds, prefix, funds);
            for (int i = 0; i < PostingBench.WARMUP; i++) { // warmed like the service
                post(ds, log == null ? null : log.log(), prefix + (i % funds));
            }
            long[] latencies = new long[postings];
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long started = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < postings) {
                        long begin = System.nanoTime();
                        post(ds, log == null ? null : log.log(), prefix + (i % funds));
                        latencies[i] = System.nanoTime() - begin;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
            return PostingBench.Result.of(postings, (System.nanoTime() - started) / 1e9, latencies);
        } finally {
            if (log != null) {
                log.log().close();
            }
            PostingBench.deleteTree(dir);
        }
    }

    private static void createFunds(HikariDataSource ds, String prefix, int funds) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO fund (code, name, kind, manager, vintage, status, created_at, head_seq, head_hash) "
                        + "VALUES (?, 'baseline', 'SEED', 'Bench', DATE '2021-01-01', 'ACTIVE', ?, 0, ?)")) {
            for (int f = 0; f < funds; f++) {
                insert.setString(1, prefix + f);
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.setString(3, "0".repeat(64));
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
    }

    private static void post(HikariDataSource ds, TxLog log, String fund) throws SQLException {
        try (Connection c = ds.getConnection()) {
            long seq;
            try (PreparedStatement lock = c.prepareStatement("SELECT head_seq FROM fund WHERE code = ? FOR UPDATE")) {
                lock.setString(1, fund);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    seq = rs.getLong(1) + 1;
                }
            }
            try (PreparedStatement entry = c.prepareStatement("INSERT INTO journal_entry (fund_code, seq, entry_date, "
                    + "recorded_at, type, actor, payload, prev_hash, hash) VALUES (?, ?, DATE '2022-01-31', ?, "
                    + "'INVESTMENT', 'bench', '{}', ?, ?)")) {
                entry.setString(1, fund);
                entry.setLong(2, seq);
                entry.setTimestamp(3, Timestamp.from(Instant.now()));
                entry.setString(4, "0".repeat(64));
                entry.setString(5, "1".repeat(64));
                entry.executeUpdate();
            }
            try (PreparedStatement line = c.prepareStatement("INSERT INTO journal_line (fund_code, seq, line_no, account, "
                    + "debit, credit) VALUES (?, ?, ?, ?, ?, ?)")) {
                addLine(line, fund, seq, 1, "Assets:Investments:X", new BigDecimal("2.00"), BigDecimal.ZERO);
                addLine(line, fund, seq, 2, "Assets:Cash", BigDecimal.ZERO, new BigDecimal("2.00"));
                line.executeBatch();
            }
            balance(c, fund, "Assets:Investments:X", new BigDecimal("2.00"));
            balance(c, fund, "Assets:Cash", new BigDecimal("-2.00"));
            try (PreparedStatement head = c.prepareStatement("UPDATE fund SET head_seq = ?, head_hash = ? WHERE code = ?")) {
                head.setLong(1, seq);
                head.setString(2, "1".repeat(64));
                head.setString(3, fund);
                head.executeUpdate();
            }
            if (log != null) {
                log.append((fund + "/" + seq).getBytes(StandardCharsets.UTF_8));
            }
            c.commit();
        }
    }

    private static void addLine(PreparedStatement line, String fund, long seq, int no, String account, BigDecimal debit,
                                BigDecimal credit) throws SQLException {
        line.setString(1, fund);
        line.setLong(2, seq);
        line.setInt(3, no);
        line.setString(4, account);
        line.setBigDecimal(5, debit);
        line.setBigDecimal(6, credit);
        line.addBatch();
    }

    private static void balance(Connection c, String fund, String account, BigDecimal delta) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE account_balance SET balance = balance + ? WHERE fund_code = ? AND account = ?")) {
            update.setBigDecimal(1, delta);
            update.setString(2, fund);
            update.setString(3, account);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO account_balance (fund_code, account, balance) VALUES (?, ?, ?)")) {
            insert.setString(1, fund);
            insert.setString(2, account);
            insert.setBigDecimal(3, delta);
            insert.executeUpdate();
        }
    }
}
