package io.jinchuang.ledger.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * One use case's transaction. Every write goes through here so that, on the embedded
 * database, the write set can be logged before the commit (see {@link TxLog}).
 *
 * <p>Writes are deferred ({@link DeferredWrites}) and sent in batches just before the next
 * query of the transaction runs (a jOOQ execute listener on {@link #dsl()}) and before it
 * commits: reads always see the transaction's own writes, and a run of postings with no
 * read in between (an import) costs one batch per table instead of a statement per row.
 *
 * <p>Rows read by primary key through {@link #find} and {@link #lock} are kept for the rest
 * of the transaction, and kept current by the transaction's own writes: a use case that
 * reads the same fund, partner or balance again (every row of an import does) asks the
 * database once. This is safe because a row read here cannot change under the transaction
 * except by its own writes: fund rows are locked, and the rows hanging off a fund (its
 * partners and balances) change only under that fund's lock, which the use cases take
 * before reading them.
 */
public final class Tx implements AutoCloseable {
    private final DSLContext dsl;
    private final DeferredWrites deferred;
    private final ConnectionProvider connections;
    private final Connection connection;
    /** What the log keeps of this transaction (null when there is no log: PostgreSQL). */
    private final WriteSet writeSet;
    /** Rows by table and primary key; an empty Optional: known to be absent. */
    private final Map<Key, Optional<UpdatableRecord<?>>> rows = new HashMap<>();
    private final Set<Key> locked = new HashSet<>();
    /** Tables read through {@link #find}: only their rows are worth keeping on write. */
    private final Set<Table<?>> keptTables = new HashSet<>();
    /** (table, leading key values) whose every row is in {@link #rows}: a miss there means absent. */
    private final Set<Key> complete = new HashSet<>();

    private record Key(Table<?> table, List<Object> values) {}

    /**
     * (table, first key value) → the keys of that table's rows kept here, in key order: the
     * rows of a prefix {@link #all} lists (only tables with a primary key of two or more columns).
     */
    private final Map<Key, java.util.SortedMap<String, Key>> byLeadingKey = new HashMap<>();

    /** Keeps what the transaction knows of one row (present, or absent). */
    private void put(Key key, Optional<UpdatableRecord<?>> row) {
        rows.put(key, row);
        if (key.values().size() > 1 && row.isPresent()) {
            byLeadingKey.computeIfAbsent(new Key(key.table(), List.of(key.values().get(0))), k -> new java.util.TreeMap<>())
                    .put(key.values().subList(1, key.values().size()).toString(), key);
        }
    }

    /** Queries rendered once per transaction and kept prepared (see {@link #fetch}). */
    private final Map<String, Prepared> prepared = new HashMap<>();

    /** A prepared query, the tables it reads, and those and every table they point to (ranks). */
    private record Prepared(PreparedStatement statement, Set<Integer> reads, Set<Integer> parents) {}

    /**
     * What a named query renders to, per dialect: the same for every transaction (its name
     * stands for one query shape), so rendered and parsed for table names once per process.
     */
    private record Rendered(String sql, Set<Integer> reads, Set<Integer> parents) {}

    private record RenderKey(String name, org.jooq.SQLDialect dialect) {}

    private static final java.util.concurrent.ConcurrentMap<RenderKey, Rendered> RENDERED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Keys per query in {@link #readEach}. */
    private static final int READ_EACH_BATCH = 1000;

    /**
     * A transaction H2 commits in parts of about {@code writes} rows, each log part handed to
     * {@code logPart} as soon as it is full (see {@link Database#writeInParts}).
     */
    record InParts(int writes, java.util.function.Consumer<byte[]> logPart) {
        InParts {
            if (writes < 1) {
                throw new IllegalArgumentException("a part holds at least one write, not " + writes);
            }
        }
    }

    /** Null unless the transaction is written in parts. */
    private final InParts inParts;
    /** Whether H2 has committed a part of this transaction. */
    private boolean committedPart;

    /** @param keyed tables whose rows are kept from the start (see {@link Database#keepByKey}) */
    Tx(Configuration configuration, Set<Table<?>> keyed, boolean logged) {
        this(configuration, keyed, logged, null);
    }

    Tx(Configuration configuration, Set<Table<?>> keyed, boolean logged, InParts inParts) {
        this.inParts = inParts;
        this.writeSet = logged ? new WriteSet(inParts == null ? null : inParts.logPart()) : null;
        this.connections = configuration.connectionProvider();
        this.connection = connections.acquire();
        this.deferred = new DeferredWrites(DSL.using(configuration), connection, writeSet);
        this.keptTables.addAll(keyed);
        this.dsl = DSL.using(configuration.derive().setAppending(new ExecuteListener() {
            @Override
            public void start(ExecuteContext ctx) {
                notCommitted();
                awaitPart();
                deferred.flush();
            }
        }));
    }

    /** Objects a use case hands to a later step of the same transaction (see {@link #attach}). */
    private final Map<Object, Object> attached = new HashMap<>();

    /**
     * Keeps {@code value} under {@code key} for the rest of the transaction: what one step
     * built (the entry it posted) and a later step would otherwise read back.
     */
    public void attach(Object key, Object value) {
        attached.put(key, value);
    }

    /** What {@link #attach} kept under {@code key}, or null. */
    public <T> T attached(Object key, Class<T> type) {
        Object value = attached.get(key);
        return type.isInstance(value) ? type.cast(value) : null;
    }

    /** Sends every deferred write: before the commit, and before any query (by the listener). */
    void flush() {
        awaitPart();
        deferred.flush();
    }

    /**
     * Sends every deferred write and commits with them where the database takes both in one
     * round trip (PostgreSQL); returns whether it committed (else the caller commits). Nothing
     * may run in the transaction after it.
     */
    boolean flushAndCommit() {
        notCommitted();
        awaitPart();
        committed = deferred.flushAndCommit();
        return committed;
    }

    /** Set once the writes carried the commit: a statement after it would run in a new transaction. */
    private boolean committed;

    private void notCommitted() {
        if (committed) {
            throw new IllegalStateException("the transaction is committed; nothing more may run in it");
        }
    }

    /**
     * Sends the deferred writes once more than {@code rows} are waiting: a transaction of
     * hundreds of thousands of rows (an import) then holds its written rows as the log's bytes,
     * not as records, until it commits. A transaction written in parts takes them out once
     * more than its part's size are waiting, if that is fewer, and hands them to a thread of
     * its own, which sends them and has H2 commit them while the use cases go on with the next
     * part; anything else that needs the connection waits for that part first (one part at a
     * time, in order). An import's use cases ask the database almost nothing once they have
     * read their funds, so the part's statements and commit, two thirds of the posting
     * thread's time, run beside them on the second core.
     */
    public void flushWhenOver(int rows) {
        int most = inParts == null ? rows : Math.min(rows, inParts.writes());
        if (deferred.pending() > most) {
            if (inParts == null) {
                deferred.flush();
                return;
            }
            List<DeferredWrites.Step> part = deferred.takeAll();
            awaitPart();
            committedPart = true; // before: a commit that fails may still have made the part visible
            if (partWriter == null) {
                partWriter = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "part-writer");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            partWritten = partWriter.submit(() -> {
                deferred.write(part, false);
                connection.commit();
                return null;
            });
        }
    }

    /** Sends and commits the parts of a transaction written in parts (null until its first part). */
    private java.util.concurrent.ExecutorService partWriter;
    /** The part {@link #partWriter} is writing, or null. */
    private java.util.concurrent.Future<?> partWritten;
    /**
     * Why a part failed, once one has: every later use of the transaction fails with it, so that
     * a caller that catches the failure and goes on can neither commit nor log what H2 refused.
     */
    private Throwable partFailure;

    /**
     * Waits until the part in hand is written and committed, so that the connection is this
     * thread's again and every query sees the part; a part that failed fails the caller.
     */
    private void awaitPart() {
        if (partFailure != null) {
            throw partFailed(partFailure);
        }
        java.util.concurrent.Future<?> written = partWritten;
        if (written == null) {
            return;
        }
        partWritten = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    written.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the part is on the connection: wait it out whatever happens
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            partFailure = cause;
            if (cause instanceof Error error) {
                throw error;
            }
            throw partFailed(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static org.jooq.exception.DataAccessException partFailed(Throwable cause) {
        return new org.jooq.exception.DataAccessException("writing a part of the transaction failed: "
                + cause.getMessage(), cause);
    }

    /**
     * Whether anything of this transaction got out before its end: a part H2 committed, or
     * a part handed to the log. Then a rollback no longer undoes it all.
     */
    boolean wroteAhead() {
        return committedPart || (writeSet != null && writeSet.handedOff());
    }

    /** Reads one row of a {@link #fetch} result (columns in the order the query selects them). */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * Runs a query this transaction runs again and again with other values: jOOQ builds and
     * renders it once (from the typed schema; {@code DSL.param}s become placeholders, bound
     * here in the order they appear), the statement stays prepared for the transaction, and
     * each run only binds and reads — jOOQ's manual suggests exactly this for hot queries.
     * Deferred writes are flushed first, as before any query.
     */
    public <T> List<T> fetch(String name, Function<DSLContext, ResultQuery<?>> build, RowReader<T> reader,
                             Object... binds) {
        return fetch(name, build, reader, true, binds);
    }

    /** {@link #fetch}, flushing the deferred writes the query reads only when {@code flushFirst}. */
    private <T> List<T> fetch(String name, Function<DSLContext, ResultQuery<?>> build, RowReader<T> reader,
                              boolean flushFirst, Object... binds) {
        notCommitted();
        awaitPart();
        try {
            Prepared query = prepared.get(name);
            if (query == null) {
                Rendered rendered = RENDERED.computeIfAbsent(new RenderKey(name, dsl.dialect()), key -> {
                    String sql = DSL.using(dsl.configuration()).render(build.apply(dsl));
                    List<Table<?>> named = TableOrder.namedIn(sql);
                    Set<Integer> reads = new HashSet<>();
                    named.forEach(table -> reads.add(TableOrder.of(table)));
                    return new Rendered(sql, Set.copyOf(reads), TableOrder.withAncestors(named));
                });
                query = new Prepared(Statements.prepare(connection, rendered.sql()), rendered.reads(), rendered.parents());
                prepared.put(name, query);
            }
            if (flushFirst) {
                deferred.flush(query.reads(), query.parents());
            }
            PreparedStatement statement = query.statement();
            for (int i = 0; i < binds.length; i++) {
                statement.setObject(i + 1, binds[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(reader.read(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DataAccessException("query " + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            awaitPart(); // nothing may use the connection after it goes back
        } finally {
            if (partWriter != null) {
                partWriter.shutdown();
            }
            prepared.clear(); // the statements stay prepared on their connection (see Statements)
            deferred.close();
            connections.release(connection);
        }
    }

    /**
     * Whether each query waits for another process (PostgreSQL), so that asking two things in
     * one query saves a round trip; H2 runs in the service's process, where two plain index
     * seeks are no dearer than one query asking both.
     */
    public boolean queriesAreRoundTrips() {
        return dsl.dialect().family() == org.jooq.SQLDialect.POSTGRES;
    }

    /** For reads (and locking reads) inside the transaction. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The row with this primary key (null when there is none), read once per transaction. */
    public <R extends UpdatableRecord<R>> R find(Table<R> table, Object... primaryKey) {
        keptTables.add(table);
        Key key = new Key(table, Arrays.asList(primaryKey));
        Optional<UpdatableRecord<?>> kept = rows.get(key);
        if (kept != null) {
            return table.getRecordType().cast(kept.orElse(null));
        }
        if (knownComplete(table, primaryKey)) {
            return null;
        }
        R row = selectByKey(table, primaryKey, false);
        put(key, Optional.ofNullable(row));
        return row;
    }

    private boolean knownComplete(Table<?> table, Object[] primaryKey) {
        for (int length = 1; length < primaryKey.length; length++) {
            if (complete.contains(new Key(table, Arrays.asList(primaryKey).subList(0, length)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads every row of {@code table} whose primary key starts with {@code keyPrefix}, so that
     * {@link #find} answers for all of them (and for absent ones) without the database. Call
     * it only while holding the lock that guards those rows (a fund's, for its balances and
     * partners): they must not change under the transaction.
     */
    public <R extends UpdatableRecord<R>> void readAll(Table<R> table, Object... keyPrefix) {
        keptTables.add(table);
        Key prefix = new Key(table, Arrays.asList(keyPrefix));
        if (complete.contains(prefix)) {
            return;
        }
        List<? extends TableField<R, ?>> fields = table.getPrimaryKey().getFields();
        Condition where = DSL.noCondition();
        for (int i = 0; i < keyPrefix.length; i++) {
            @SuppressWarnings("unchecked")
            Field<Object> field = (Field<Object>) fields.get(i);
            where = where.and(field.eq(keyPrefix[i]));
        }
        for (R row : dsl.selectFrom(table).where(where).fetch()) {
            Key key = new Key(table, primaryKey(row));
            if (!rows.containsKey(key)) {
                put(key, Optional.of(row));
            }
        }
        complete.add(prefix);
    }

    /**
     * Every row of {@code table} whose primary key starts with {@code leadingKey} (one
     * value: a fund's partners), in key order: read once ({@link #readAll}), then answered
     * from what the transaction knows. Same locking rule as {@link #readAll}.
     */
    public <R extends UpdatableRecord<R>> List<R> all(Table<R> table, Object leadingKey) {
        readAll(table, leadingKey);
        List<R> all = new ArrayList<>();
        for (Key key : byLeadingKey.getOrDefault(new Key(table, List.of(leadingKey)), java.util.Collections.emptySortedMap())
                .values()) {
            rows.get(key).ifPresent(row -> all.add(table.getRecordType().cast(row)));
        }
        return all;
    }

    /**
     * Reads the rows with these one-column primary keys at once; the ones not found are
     * known absent. For rows that are only ever inserted (a stale "absent" can only make a
     * later insert collide, which refuses the transaction).
     */
    public <R extends UpdatableRecord<R>> void readEach(Table<R> table, java.util.Collection<?> keys) {
        keptTables.add(table);
        @SuppressWarnings("unchecked")
        Field<Object> field = (Field<Object>) table.getPrimaryKey().getFields().get(0);
        List<Object> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += READ_EACH_BATCH) {
            List<Object> batch = all.subList(from, Math.min(all.size(), from + READ_EACH_BATCH));
            batch.forEach(k -> rows.putIfAbsent(new Key(table, List.of(k)), Optional.empty()));
            for (R row : dsl.selectFrom(table).where(field.in(batch)).fetch()) {
                put(new Key(table, List.of(row.get(field))), Optional.of(row));
            }
        }
    }

    /** The row with this primary key, locked (SELECT … FOR UPDATE) until the transaction ends. */
    public <R extends UpdatableRecord<R>> R lock(Table<R> table, Object... primaryKey) {
        keptTables.add(table);
        Key key = new Key(table, Arrays.asList(primaryKey));
        if (locked.contains(key)) {
            return table.getRecordType().cast(rows.get(key).orElseThrow());
        }
        R row = selectByKey(table, primaryKey, true);
        put(key, Optional.ofNullable(row));
        if (row != null) {
            locked.add(key);
        }
        return row;
    }

    /**
     * The row with this primary key (locked with {@code forUpdate}), through {@link #fetch}: the
     * hottest reads of every posting (its fund, balances, partners) are rendered once per
     * process and prepared once per transaction, not built and rendered by jOOQ each time.
     */
    private <R extends UpdatableRecord<R>> R selectByKey(Table<R> table, Object[] primaryKey, boolean forUpdate) {
        List<? extends TableField<R, ?>> keyFields = table.getPrimaryKey().getFields();
        if (keyFields.size() != primaryKey.length) {
            throw new IllegalArgumentException(table.getName() + "'s primary key has " + keyFields.size() + " columns");
        }
        Field<?>[] fields = table.fields();
        // the query reads this one row: the writes waiting for other rows (the cash balance a
        // posting just changed, when it then reads a holding's) need not be sent before it;
        // on PostgreSQL each send is a round trip
        boolean flushFirst = deferred.writes(table, Arrays.asList(primaryKey));
        List<R> found = fetch((forUpdate ? "lock " : "find ") + table.getName(), d -> {
            Condition where = DSL.noCondition();
            for (TableField<R, ?> field : keyFields) {
                @SuppressWarnings("unchecked")
                Field<Object> f = (Field<Object>) field;
                where = where.and(f.eq(DSL.param(field.getName(), f.getDataType())));
            }
            var select = d.select(fields).from(table).where(where);
            return forUpdate ? select.forUpdate() : select;
        }, rowOf(table), flushFirst, primaryKey);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Reads a row of {@code table} selected with all its fields, in their order. */
    private <R extends UpdatableRecord<R>> RowReader<R> rowOf(Table<R> table) {
        Field<?>[] fields = table.fields();
        return result -> {
            R row = dsl.newRecord(table);
            for (int i = 0; i < fields.length; i++) {
                @SuppressWarnings("unchecked")
                Field<Object> field = (Field<Object>) fields[i];
                row.set(field, result.getObject(i + 1, field.getType()));
            }
            row.changed(false);
            return row;
        };
    }

    /**
     * Reads, in one query, the rows of a table with a two-column primary key whose keys are
     * {@code leadingKey} and each of {@code seconds} (a fund's balances of a few accounts), so
     * that {@link #find} then answers for each, present or absent, without the database. Only
     * where a query costs a round trip (PostgreSQL): H2 runs in the process, and it answers an
     * IN list on the second column by scanning every row of the first, so there each row is
     * read by key when it is asked for. Same locking rule as {@link #readAll}.
     */
    public <R extends UpdatableRecord<R>> void prefetch(Table<R> table, Object leadingKey, List<?> seconds) {
        if (!queriesAreRoundTrips()) {
            return;
        }
        keptTables.add(table);
        List<? extends TableField<R, ?>> keyFields = table.getPrimaryKey().getFields();
        if (keyFields.size() != 2) {
            throw new IllegalArgumentException(table.getName() + "'s primary key does not have two columns");
        }
        List<Object> wanted = new ArrayList<>();
        boolean flushFirst = false;
        // in the columns' own types, as the rows found are kept under them
        Object leading = keyFields.get(0).getDataType().convert(leadingKey);
        for (Object given : new java.util.LinkedHashSet<>(seconds)) {
            Object second = keyFields.get(1).getDataType().convert(given);
            Object[] key = {leading, second};
            if (!rows.containsKey(new Key(table, Arrays.asList(key))) && !knownComplete(table, key)) {
                wanted.add(second);
                flushFirst |= deferred.writes(table, Arrays.asList(key));
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Object[] binds = new Object[wanted.size() + 1];
        binds[0] = leading;
        for (int i = 0; i < wanted.size(); i++) {
            binds[i + 1] = wanted.get(i);
        }
        int count = wanted.size();
        List<R> found = fetch("prefetch " + table.getName() + " " + count, d -> {
            @SuppressWarnings("unchecked")
            Field<Object> first = (Field<Object>) keyFields.get(0);
            @SuppressWarnings("unchecked")
            Field<Object> second = (Field<Object>) keyFields.get(1);
            List<org.jooq.Param<Object>> params = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                params.add(DSL.param(second.getName() + i, second.getDataType()));
            }
            return d.select(table.fields()).from(table)
                    .where(first.eq(DSL.param(first.getName(), first.getDataType())).and(second.in(params)));
        }, rowOf(table), flushFirst, binds);
        for (Object second : wanted) {
            rows.putIfAbsent(new Key(table, Arrays.asList(leading, second)), Optional.empty());
        }
        for (R row : found) {
            put(new Key(table, primaryKey(row)), Optional.of(row));
        }
    }

    /** The row's primary key values, in the key's column order (cheaper than jOOQ's key(), a new record). */
    static List<Object> primaryKey(TableRecord<?> row) {
        List<? extends TableField<?, ?>> fields = row.getTable().getPrimaryKey().getFields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(fields.get(i));
        }
        return Arrays.asList(values);
    }

    public void insert(TableRecord<?> row) {
        notCommitted();
        if (row instanceof UpdatableRecord<?> updatable && keptTables.contains(row.getTable())) {
            List<Object> key = primaryKey(updatable);
            deferred.insertNew(updatable, key);
            keep(updatable, key, true);
        } else {
            deferred.insert(row);
        }
        noChildrenYet(row);
    }

    /**
     * A row this transaction creates has no rows pointing at it yet but the ones the
     * transaction itself writes (no one else can see it): a child table whose primary key
     * begins with its foreign key to this row is complete for this row's key.
     */
    private void noChildrenYet(TableRecord<?> row) {
        List<Table<?>> children = ForeignKeys.childrenKeyedBy(row.getTable());
        if (children.isEmpty()) {
            return;
        }
        List<Object> parentKey = primaryKey(row);
        for (Table<?> child : children) {
            if (keptTables.contains(child)) {
                complete.add(new Key(child, parentKey));
            }
        }
    }

    public void insertAll(List<? extends TableRecord<?>> rows) {
        rows.forEach(this::insert);
    }

    /** Writes the row's full after-image: updates it when its key exists, inserts it otherwise. */
    public void upsert(UpdatableRecord<?> row) {
        notCommitted();
        List<Object> key = primaryKey(row);
        Optional<UpdatableRecord<?>> known = keptTables.contains(row.getTable())
                ? rows.get(new Key(row.getTable(), key)) : null;
        if (known != null && known.isPresent()) {
            deferred.update(row, key); // read or written before: it exists (or is about to)
        } else if (keptTables.contains(row.getTable())
                && (known != null || knownComplete(row.getTable(), key.toArray()))) {
            deferred.insertNew(row, key); // known absent: no UPDATE to try first
        } else {
            deferred.upsert(row, key);
        }
        if (writeSet != null) {
            writeSet.upserted(row, key);
        }
        keep(row, key, false);
    }

    /**
     * A row this transaction wrote is what a later read in it must see; a row it created, it
     * holds (no one else can see it before the commit).
     */
    private void keep(UpdatableRecord<?> updatable, List<Object> primaryKey, boolean created) {
        if (!keptTables.contains(updatable.getTable())) {
            return;
        }
        Key key = new Key(updatable.getTable(), primaryKey);
        Optional<UpdatableRecord<?>> before = rows.get(key);
        put(key, Optional.of(updatable));
        if (created || (before != null && before.isEmpty())) {
            locked.add(key);
        }
        if (created) {
            createdHere.add(key);
        }
    }

    /** Rows of the kept tables this transaction inserted. */
    private final Set<Key> createdHere = new HashSet<>();

    /**
     * Whether this transaction inserted the row with this primary key (tables kept by key
     * only, see {@link Database#keepByKey}): nothing outside the transaction can refer to
     * it yet, so whatever hangs off it is what the transaction itself wrote.
     */
    public boolean createdHere(Table<?> table, Object... primaryKey) {
        return createdHere.contains(new Key(table, Arrays.asList(primaryKey)));
    }

    /** The write set's parts for the log, after the last flush; empty when nothing was written. */
    List<byte[]> logParts() {
        if (partFailure != null) {
            throw partFailed(partFailure); // the write set holds rows of the part H2 refused
        }
        return writeSet == null || writeSet.isEmpty() ? List.of() : writeSet.finish();
    }
}
