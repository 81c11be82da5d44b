package io.jinchuang.ledger.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jinchuang.ledger.config.Settings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.ParamCastMode;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: PostgreSQL when {@code ledger.db.url} names one, otherwise an H2 file
 * under the data directory guarded by {@link TxLog}. One shared {@link DSLContext};
 * {@link #write} runs one use case in one transaction.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static final String H2_NAME = "ledger";
    static final String LOG_FILE = "ledger.txlog";
    /** Present while a process has the H2 database open: found at start, it means a crash. */
    static final String OPEN_MARKER = "ledger.open";
    static final String LOCK_FILE = "ledger.lock";
    /**
     * Parsed statements H2 keeps per connection (its default is 8, fewer than the distinct
     * statements of one posting, so every statement was parsed again).
     */
    private static final int H2_QUERY_CACHE_SIZE = 128;
    /** H2's error code for "database is already closed". */
    private static final int H2_DATABASE_CLOSED = 90121;

    /** Data directories this process has open (their real paths): one process-wide fact, hence static. */
    private static final java.util.Set<Path> OPEN_HERE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The embedded database is open in another process (H2 allows one): a command can then
     * ask the running service instead (the year-end batch does).
     */
    public static final class InUse extends IllegalStateException {
        InUse(String message) {
            super(message);
        }
    }

    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final SQLDialect dialect;
    private final Embedded embedded;
    private volatile Set<Table<?>> keyed = Set.of();

    /** The embedded database's guard: the process lock, the crash marker and the log. */
    private record Embedded(Path dataDir, Path openHere, FileChannel lockChannel, FileLock lock, TxLog txLog,
                            MVStore store) {
        /**
         * Whether H2 itself failed: its store "panicked" (H2 2.5.252 did, on its own, under a
         * year-end batch: a NullPointerException in its page writer) and closed without
         * writing what it had last committed. The log holds those commits; only a rebuild
         * from it brings them back.
         */
        boolean h2Failed() {
            return store.getPanicException() != null;
        }
    }

    private Database(HikariDataSource dataSource, SQLDialect dialect, Embedded embedded, int statementTimeoutSeconds) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.embedded = embedded;
        org.jooq.conf.Settings jooq = new org.jooq.conf.Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                // H2 runs a SET QUERY_TIMEOUT for a statement's own timeout, and every SET makes it
                // recompile every prepared statement: there the timeout is the session's (URL)
                .withQueryTimeout(dialect == SQLDialect.H2 ? 0 : statementTimeoutSeconds)
                // jOOQ casts every bind on H2 ("x = cast(? as date)"), which keeps H2 from seeking an
                // index on the cast column: a range over a holding's dates became a scan of the holding
                .withParamCastMode(dialect == SQLDialect.H2 ? ParamCastMode.NEVER : ParamCastMode.DEFAULT)
                .withExecuteLogging(false);
        this.dsl = DSL.using(dataSource, dialect, jooq);
    }

    public static Database open(Settings settings) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        String url = settings.stringOrNull("ledger.db.url");
        int timeout = settings.integer("limits.statement-timeout-seconds");
        int poolSize = settings.integer("limits.db-pool-size-max");
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            HikariDataSource ds = pool(url, settings.stringOrNull("ledger.db.user"),
                    settings.stringOrNull("ledger.db.password"), poolSize, timeout,
                    // a lock wait ends as on H2 (LOCK_TIMEOUT): also for the statements prepared
                    // outside jOOQ, which carry no query timeout (the fund locks, the deferred
                    // batches); not statement_timeout, which would cut the year-end batch's long reads
                    "SET lock_timeout = " + Math.max(1, timeout) * 1000L);
            migrate(ds);
            return new Database(ds, SQLDialect.POSTGRES, null, timeout);
        }
        if (url != null) {
            throw new IllegalStateException("ledger.db.url must be empty (embedded H2) or a jdbc:postgresql: URL, not " + url);
        }
        turnOffH2ValueCache();
        long heap = Runtime.getRuntime().maxMemory();
        return openEmbedded(Path.of(settings.string("ledger.data-dir")), poolSize, timeout,
                new H2Memory(h2CacheKb(settings.integer("ledger.h2-cache-size-kb"), heap),
                        h2StoreThresholdBytes(settings.integer("ledger.h2-store-threshold-mb"), heap)));
    }

    /** H2's system property for its value caches (read once, when org.h2.engine.SysProperties initialises). */
    private static final String H2_VALUE_CACHE = "h2.objectCache";

    /**
     * H2 looks every value it decodes from its file, and every parameter, up in small shared
     * caches, to hand out one object for equal values; it hashes the whole text for that. The
     * year-end batch decodes every entry's payload: without the caches it took 20.1–23.4 s
     * against 22.3–26.0 s in five alternating pairs of runs (the same ledger, -Xmx256m). Off
     * unless the JVM was started with the property; it must be set before H2 reads its
     * settings, so it is set before the embedded database's first connection.
     */
    private static void turnOffH2ValueCache() {
        if (System.getProperty(H2_VALUE_CACHE) == null) {
            System.setProperty(H2_VALUE_CACHE, "false");
        }
    }

    /** How much heap the embedded H2 may use: its page cache, and its pending page versions. */
    private record H2Memory(int cacheKb, long storeThresholdBytes) {}

    /**
     * H2's page cache: as configured, but never more than a 32nd of the heap. Cached pages
     * live long enough to be copied by every young collection and then die old: the year-end
     * batch in 256 MB of heap (the benchmark's cap) spent 7.3–7.8 s in collections with 64 MiB
     * of cache and 5.1–5.3 s with 8 MiB, and finished 2–4 s sooner.
     */
    static int h2CacheKb(int configuredKb, long maxHeapBytes) {
        return (int) Math.min(configuredKb, Math.max(1024, maxHeapBytes / 32 / 1024)); // a floor of 1 MiB for the cap
    }

    /**
     * H2 multiplies its store threshold by up to 8 in {@code int} arithmetic (its idle
     * compaction), so anything above this would wrap around.
     */
    static final long H2_STORE_THRESHOLD_MAX = Integer.MAX_VALUE / 8;

    /**
     * How much changed page data H2 lets pile up in memory before it writes its file: as
     * configured, but at most a 16th of the heap and at most {@link #H2_STORE_THRESHOLD_MAX}.
     * H2 still writes every WRITE_DELAY (500 ms) as well. The log already makes every
     * transaction durable, so H2's file is written only to bound that memory (and whole at a
     * clean stop). H2's own threshold, 19 MiB on a heap of 304 MiB or more, made it rewrite the
     * same hot B-tree pages several times a second under load; over 50 funds its page writing
     * took about a fifth of the service's CPU.
     */
    static long h2StoreThresholdBytes(int configuredMb, long maxHeapBytes) {
        return Math.min(Math.min(configuredMb * 1024L * 1024, maxHeapBytes / 16), H2_STORE_THRESHOLD_MAX);
    }

    /**
     * Raises H2's store threshold (the MVStore's autoCommitMemory) to {@code bytes}, never lowers
     * it. H2's URL has no setting for it, so it is set on the open store; an H2 that does not
     * have it keeps its own threshold, with a warning.
     */
    static void raiseStoreThreshold(DataSource ds, long bytes) {
        try (Connection connection = ds.getConnection()) {
            MVStore store = mvStore(connection);
            int h2sOwn = store.getAutoCommitMemory();
            if (bytes <= h2sOwn) {
                return;
            }
            Field threshold = MVStore.class.getDeclaredField("autoCommitMemory");
            threshold.setAccessible(true);
            threshold.setInt(store, (int) Math.min(H2_STORE_THRESHOLD_MAX, bytes));
            log.debug("event=h2-store-threshold bytes={} h2Own={}", store.getAutoCommitMemory(), h2sOwn);
        } catch (ReflectiveOperationException | SQLException | RuntimeException | LinkageError e) {
            log.warn("event=h2-store-threshold-unchanged wanted={}", bytes, e);
        }
    }

    /** The embedded H2's store behind {@code connection}. */
    static MVStore mvStore(Connection connection) throws SQLException {
        return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }

    private static Database openEmbedded(Path dataDir, int poolSize, int timeout, H2Memory memory) {
        Path openHere;
        try {
            Files.createDirectories(dataDir);
            openHere = dataDir.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the ledger in " + dataDir.toAbsolutePath(), e);
        }
        // the file lock only keeps other processes out; within this one, a second open (or even
        // a second channel on the lock file, closed again) would break the first's lock
        if (!OPEN_HERE.add(openHere)) {
            throw new InUse("this process already has the ledger in " + openHere + " open");
        }
        try {
            return openEmbedded(dataDir, openHere, poolSize, timeout, memory);
        } catch (RuntimeException e) {
            OPEN_HERE.remove(openHere);
            throw e;
        }
    }

    private static Database openEmbedded(Path dataDir, Path openHere, int poolSize, int timeout, H2Memory memory) {
        try {
            Files.createDirectories(dataDir);
            FileChannel lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                lockChannel.close();
                throw new InUse("another process has the ledger in " + dataDir.toAbsolutePath()
                        + " open; stop it first (or point LEDGER_DATA_DIR elsewhere)");
            }
            Path dbFile = dataDir.resolve(H2_NAME + ".mv.db");
            Path marker = dataDir.resolve(OPEN_MARKER);
            boolean crashed = Files.exists(marker);
            boolean hasLog = Files.exists(dataDir.resolve(LOG_FILE));
            if (Files.exists(dbFile) && !hasLog) {
                throw new IllegalStateException(dbFile + " has no transaction log beside it; refusing to run unguarded");
            }
            boolean rebuild = crashed || !Files.exists(dbFile);
            TxLog.Recovered recovered = TxLog.open(dataDir.resolve(LOG_FILE), rebuild);
            if (rebuild) {
                // the marker first: a rebuild cut short (it commits as it goes) is done again next time
                Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
                deleteH2Files(dataDir);
            }
            String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(H2_NAME)
                    // a lock wait ends with the statement timeout, as on PostgreSQL (lock_timeout)
                    + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=" + Math.max(1, timeout) * 1000L
                    + ";TRACE_LEVEL_FILE=0;QUERY_CACHE_SIZE=" + H2_QUERY_CACHE_SIZE
                    + ";QUERY_TIMEOUT=" + timeout * 1000L + ";CACHE_SIZE=" + memory.cacheKb();
            HikariDataSource ds = pool(url, "sa", "", poolSize, timeout, null);
            raiseStoreThreshold(ds, memory.storeThresholdBytes());
            migrate(ds);
            MVStore store;
            try (Connection connection = ds.getConnection()) {
                store = mvStore(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the ledger in " + dataDir.toAbsolutePath(), e);
            }
            Database db = new Database(ds, SQLDialect.H2,
                    new Embedded(dataDir, openHere, lockChannel, lock, recovered.log(), store), timeout);
            if (rebuild && recovered.bytes() > 0) {
                long started = System.nanoTime();
                int applied = new Replay(db.dsl).apply(recovered.records());
                log.warn("event=recovered reason={} transactions={} ms={}", crashed ? "unclean-shutdown" : "no-database",
                        applied, (System.nanoTime() - started) / 1_000_000);
            }
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
            return db;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the ledger in " + dataDir.toAbsolutePath(), e);
        }
    }

    private static void deleteH2Files(Path dataDir) throws IOException {
        try (var files = Files.list(dataDir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(H2_NAME + ".") && (name.endsWith(".db") || name.endsWith(".temp"))) {
                    Files.delete(file);
                }
            }
        }
    }

    private static HikariDataSource pool(String url, String user, String password, int poolSize, int timeoutSeconds,
                                         String initSql) {
        HikariConfig config = new HikariConfig();
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(false);
        config.setPoolName("ledger");
        config.setConnectionTimeout(Math.max(1, timeoutSeconds) * 1000L);
        return new HikariDataSource(config);
    }

    private static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    /** Runs one use case in one transaction; on the embedded database the write set is logged first. */
    public <T> T write(Function<Tx, T> work) {
        refuseDuringWriteInParts();
        boolean[] logged = new boolean[1];
        try {
            return dsl.transactionResult(configuration -> {
                try (Tx tx = new Tx(configuration, keyed, embedded != null)) {
                    T result = work.apply(tx);
                    if (embedded == null) {
                        // PostgreSQL: the writes and the commit in one round trip; when the writes
                        // carried the commit, the driver's commit below sends nothing (pgjdbc sends
                        // none outside a transaction)
                        tx.flushAndCommit();
                        return result;
                    }
                    logged[0] = flushAndLog(tx);
                    return result;
                }
            });
        } catch (RuntimeException e) {
            if (logged[0]) {
                // the log holds a transaction H2 failed to commit: the log is the truth, so stop
                // posting and keep the crash marker, and the next start rebuilds H2 from the log
                embedded.txLog().stop(new IllegalStateException("H2 failed to commit a logged transaction", e));
            }
            throw e;
        }
    }

    /**
     * The embedded database's step before the commit: sends the transaction's last writes and
     * appends its write set to the log, returning once it is forced; false when it wrote nothing.
     */
    private boolean flushAndLog(Tx tx) {
        tx.flush();
        List<byte[]> parts = tx.logParts();
        if (parts.isEmpty()) {
            return false;
        }
        embedded.txLog().append(parts);
        return true;
    }

    /**
     * Set while {@link #writeInParts} runs, and left set when it fails after anything of it got
     * out: nothing else may read or write then (the next open rebuilds H2 from the log).
     */
    private final java.util.concurrent.atomic.AtomicBoolean writingInParts = new java.util.concurrent.atomic.AtomicBoolean();
    /** Whether the last failed {@link #writeInParts} had reached the log whole (H2 then failed). */
    private volatile boolean partsLogged;

    private void refuseDuringWriteInParts() {
        if (writingInParts.get()) {
            throw new IllegalStateException("a transaction written in parts holds the database, or failed and left it "
                    + "to be rebuilt from its log; nothing else may use it");
        }
    }

    /**
     * Runs one very large use case (the command-line import) as one transaction of the
     * ledger that H2 commits in parts of about {@code partWrites} rows, and whose log parts go
     * to the log as they fill. H2 commits a large transaction row by row from its undo log,
     * reading back pages it had already written out: 13.5-16 s of the benchmark's
     * million-line import (58-63 s) went to that one commit. In parts of 2,000 rows the whole
     * import took 41-44 s (README, "Import").
     *
     * <p>All or nothing still holds, through the log, which is the ledger's truth on the
     * embedded database. The transaction is in the log only once its last part is there, and
     * the log keeps a transaction whole or not at all (a torn group is cut off). If the work
     * fails after anything of it got out (a part H2 may have committed, a part handed to the
     * log), the log is stopped and this database refuses everything until it is closed, which
     * leaves the crash marker, so that the next open rebuilds H2 from the log ({@link #healthy}
     * says so meanwhile); with the log whole ({@link #partsLogged}) the rebuild has the
     * transaction, else not. The same holds when the process dies. It fails safe: whatever
     * fails on the way (even an OutOfMemoryError while it handles a failure), the database is
     * left to be rebuilt. No one else may see the parts in between: this is only for a
     * process that is the database's one user (the command line, holding the data
     * directory's lock); a read or write that starts here while it runs is refused.
     * On PostgreSQL, which takes a large transaction whole, it is {@link #write}.
     */
    public <T> T writeInParts(int partWrites, Function<Tx, T> work) {
        if (embedded == null) {
            return write(work);
        }
        Tx.InParts inParts = new Tx.InParts(partWrites, embedded.txLog()::appendContinuing);
        if (!writingInParts.compareAndSet(false, true)) {
            throw new IllegalStateException("a transaction written in parts holds the database already");
        }
        Tx[] running = new Tx[1];
        boolean[] logged = new boolean[1];
        boolean agree = false; // whether H2 and the log agree when this ends
        try {
            T result = dsl.transactionResult(configuration -> {
                try (Tx tx = new Tx(configuration, keyed, true, inParts)) {
                    running[0] = tx;
                    T done = work.apply(tx);
                    logged[0] = flushAndLog(tx);
                    return done;
                }
            });
            agree = true;
            return result;
        } catch (RuntimeException | Error e) {
            partsLogged = logged[0];
            // nothing got out: the rollback undid it all
            agree = !logged[0] && (running[0] == null || !running[0].wroteAhead());
            if (!agree) {
                // H2 may hold committed parts the log will never have (or the log holds all of it
                // and H2 failed to commit): the log is the truth, and the next open rebuilds H2 from it
                embedded.txLog().stop(e instanceof Exception failure ? failure : new IllegalStateException(e));
            }
            throw e;
        } finally {
            running[0] = null;
            if (agree) {
                writingInParts.set(false);
            }
        }
    }

    /** Whether the last failed {@link #writeInParts} was in the log whole, so that the rebuild keeps it. */
    public boolean partsLogged() {
        return partsLogged;
    }

    /**
     * False once the embedded database and its log may disagree (a failed write in parts, a
     * failed log write): it then takes no more writes, and the next open rebuilds it from the log.
     */
    public boolean healthy() {
        return embedded == null || (embedded.txLog().healthy() && !writingInParts.get() && !embedded.h2Failed());
    }

    /**
     * Tables whose rows the use cases read by primary key again and again (funds, partners,
     * balances…): every transaction keeps the ones it reads or writes (see {@link Tx#find}).
     */
    public void keepByKey(Set<Table<?>> tables) {
        this.keyed = Set.copyOf(tables);
    }

    public <T> T read(Function<DSLContext, T> work) {
        refuseDuringWriteInParts();
        return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
    }

    /** The embedded database's log (null on PostgreSQL). */
    TxLog log() {
        return embedded == null ? null : embedded.txLog();
    }

    public DSLContext dsl() {
        return dsl;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Database readiness for /health. */
    public boolean ready() {
        if (embedded != null && !embedded.txLog().healthy()) {
            return false; // the log stopped after a failed write: no posting can be made durable
        }
        if (embedded != null && embedded.h2Failed()) {
            return false; // H2 closed itself: only a restart (a rebuild from the log) brings it back
        }
        try {
            return dsl.transactionResult(c -> c.dsl().selectOne().fetchOne() != null);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Closes H2 itself (flushing its file) before the marker may say it closed cleanly. */
    private void shutdownH2() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            // after SHUTDOWN every open handle reports "database closed": that is the goal reached
            if (e.getErrorCode() != H2_DATABASE_CLOSED) {
                throw new IllegalStateException("H2 did not shut down cleanly", e);
            }
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                shutdownH2(); // a failed H2 answers with its failure, or "database closed" as when it is done
            } catch (IllegalStateException e) {
                if (!embedded.h2Failed()) {
                    throw e;
                }
            }
            if (embedded.h2Failed()) { // the marker stays (below): H2's file lacks what it committed last
                log.error("event=h2-failed the embedded database closed itself ({}); the next start rebuilds it "
                        + "from the transaction log", embedded.store().getPanicException().getMessage());
            }
        }
        dataSource.close();
        if (embedded == null) {
            return;
        }
        try {
            boolean consistent = healthy(); // H2 may also have failed in its SHUTDOWN's own last store
            embedded.txLog().close();
            if (consistent) { // else the marker stays: the next start rebuilds the database from the log
                Files.deleteIfExists(embedded.dataDir().resolve(OPEN_MARKER));
            }
            embedded.lock().release();
            embedded.lockChannel().close();
            OPEN_HERE.remove(embedded.openHere());
        } catch (IOException e) {
            throw new IllegalStateException("cannot close the ledger cleanly", e);
        }
    }
}
