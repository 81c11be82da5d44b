package io.jinchuang.ledger.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * A transaction's writes not yet sent to the database: inserts in order and each row's
 * last after-image. {@link #flush} sends them as JDBC batches, tables in foreign-key
 * order, through statements rendered by jOOQ once per table and kept prepared on their
 * connection (jOOQ's manual: cache the SQL it generates and prepare your own statements).
 * {@link Tx} flushes before every query of the transaction and before it commits, so no
 * read ever misses a write.
 */
final class DeferredWrites implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeferredWrites.class);
    private final DSLContext render;
    private final Connection connection;
    /** rank of the table (foreign-key order) → rows to insert, in order */
    private final TreeMap<Integer, List<TableRecord<?>>> inserts = new TreeMap<>();
    /** rank → primary key → index in {@link #inserts} of a new row a later write of the same key replaces */
    private final TreeMap<Integer, Map<List<Object>, Integer>> newRows = new TreeMap<>();
    /** rank → primary key → the last after-image of a row known to exist */
    private final TreeMap<Integer, Map<List<Object>, UpdatableRecord<?>>> updates = new TreeMap<>();
    /** rank → primary key → the last after-image of a row that may or may not exist */
    private final TreeMap<Integer, Map<List<Object>, UpdatableRecord<?>>> upserts = new TreeMap<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** The SQL of each statement per dialect: the same in every transaction, so rendered once per process. */
    private static final java.util.concurrent.ConcurrentMap<String, String> SQL =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final WriteSet writeSet;
    private int pending;

    /** Writes waiting (an upper bound: a row written twice may count twice). */
    int pending() {
        return pending;
    }

    /** Whether a flush sends its tables' rows in one round trip (see {@link #sendCombined}). */
    private final boolean combine;

    /** @param writeSet where inserted rows are logged once written (null: not logged) */
    DeferredWrites(DSLContext render, Connection connection, WriteSet writeSet) {
        this.render = render;
        this.combine = render.dialect().family() == org.jooq.SQLDialect.POSTGRES;
        this.connection = connection;
        this.writeSet = writeSet;
    }

    boolean isEmpty() {
        return pending == 0;
    }

    void insert(TableRecord<?> row) {
        inserts.computeIfAbsent(TableOrder.of(row.getTable()), k -> new ArrayList<>()).add(row);
        pending++;
    }

    /** A row the transaction knows is new: inserted, and a later write of its key changes what is inserted. */
    void insertNew(UpdatableRecord<?> row, List<Object> key) {
        int rank = TableOrder.of(row.getTable());
        List<TableRecord<?>> rows = inserts.computeIfAbsent(rank, k -> new ArrayList<>());
        newRows.computeIfAbsent(rank, k -> new HashMap<>()).put(key, rows.size());
        rows.add(row);
        pending++;
    }

    /** The after-image of a row the transaction knows exists (read, or new and maybe not yet inserted). */
    void update(UpdatableRecord<?> row, List<Object> key) {
        if (!replacedNew(row, key) && !replacedUpsert(row, key)) {
            updates.computeIfAbsent(TableOrder.of(row.getTable()), k -> new LinkedHashMap<>()).put(key, row);
            pending++;
        }
    }

    /** The after-image of a row that may or may not exist: updated, or else inserted. */
    void upsert(UpdatableRecord<?> row, List<Object> key) {
        if (replacedNew(row, key)) {
            return;
        }
        Map<List<Object>, UpdatableRecord<?>> known = updates.get(TableOrder.of(row.getTable()));
        if (known != null && known.containsKey(key)) {
            known.put(key, row);
            return;
        }
        upserts.computeIfAbsent(TableOrder.of(row.getTable()), k -> new LinkedHashMap<>()).put(key, row);
        pending++;
    }

    private boolean replacedNew(UpdatableRecord<?> row, List<Object> key) {
        int rank = TableOrder.of(row.getTable());
        Integer index = newRows.getOrDefault(rank, Map.of()).get(key);
        if (index == null) {
            return false;
        }
        inserts.get(rank).set(index, row); // not inserted yet: the insert carries the last image
        return true;
    }

    private boolean replacedUpsert(UpdatableRecord<?> row, List<Object> key) {
        Map<List<Object>, UpdatableRecord<?>> maybe = upserts.get(TableOrder.of(row.getTable()));
        if (maybe == null || !maybe.containsKey(key)) {
            return false;
        }
        maybe.put(key, row);
        return true;
    }

    void flush() {
        flush(null, null);
    }

    /**
     * Whether a write of the row of {@code table} with this primary key may be waiting: a
     * query of that one row must see it, and needs a flush only then. Answers yes when it
     * cannot tell: rows inserted with no key kept, or a key given in other types than the
     * rows' own (an Integer for a BIGINT column) that a map lookup would miss.
     */
    boolean writes(Table<?> table, List<Object> key) {
        int rank = TableOrder.of(table);
        Map<List<Object>, Integer> keyedNew = newRows.getOrDefault(rank, Map.of());
        List<TableRecord<?>> added = inserts.get(rank);
        if (added != null && added.size() > keyedNew.size()) {
            return true;
        }
        for (Map<List<Object>, ?> pendingKeys : List.of(keyedNew, updates.getOrDefault(rank, Map.of()),
                upserts.getOrDefault(rank, Map.of()))) {
            if (pendingKeys.isEmpty()) {
                continue;
            }
            if (pendingKeys.containsKey(key) || !sameTypes(pendingKeys.keySet().iterator().next(), key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameTypes(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) == null || b.get(i) == null || a.get(i).getClass() != b.get(i).getClass()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends the deferred writes a query must see: every write of the tables it reads
     * ({@code reads}), and the new rows of the tables their rows point to ({@code parents},
     * {@link TableOrder#withAncestors}), which foreign keys need first; or everything
     * ({@code null}). The rest wait: a balance updated a thousand times before anyone reads it
     * is written once.
     */
    void flush(Set<Integer> reads, Set<Integer> parents) {
        send(reads, parents, false);
    }

    /**
     * Sends every write and commits the transaction in the same round trip where it can
     * (PostgreSQL, see {@link #sendCombined}); otherwise sends them as {@link #flush()} does.
     *
     * @return whether the transaction is committed; if not, the caller commits it
     */
    boolean flushAndCommit() {
        return send(null, null, true);
    }

    private boolean send(Set<Integer> reads, Set<Integer> parents, boolean commit) {
        if (pending == 0) {
            return false;
        }
        List<List<TableRecord<?>>> inserted = new ArrayList<>();
        boolean committed = write(take(reads, parents, inserted), commit);
        // logged once the database took them: a caller that catches a refused write and goes on
        // must not commit a log that holds rows the database never had
        inserted.forEach(this::logInserted);
        return committed;
    }

    /**
     * Takes every deferred write out, as {@link #flush()} would send them, for another thread to
     * send with {@link #write} (see {@code Tx.flushWhenOver}): each row's values are copied now,
     * so that a write of the same row after this (a balance moving again) cannot reach the
     * database through this part, and the inserted rows go to the write set now, in order.
     */
    List<Step> takeAll() {
        return take(null, null, null);
    }

    /**
     * The writes {@link #send} sends, taken out of the transaction's hands (see {@link #takeAll});
     * the inserted rows go to {@code inserted} for the caller to log, or to the write set now
     * when it is null.
     */
    private List<Step> take(Set<Integer> reads, Set<Integer> parents, List<List<TableRecord<?>>> inserted) {
        java.util.SortedSet<Integer> ranks = new java.util.TreeSet<>(inserts.keySet());
        ranks.addAll(upserts.keySet());
        ranks.addAll(updates.keySet());
        List<Step> steps = new ArrayList<>();
        for (int rank : ranks) {
            boolean read = reads == null || reads.contains(rank);
            if (read || parents.contains(rank)) {
                List<TableRecord<?>> rows = inserts.remove(rank);
                newRows.remove(rank);
                if (rows != null) {
                    steps.add(Step.of(Kind.INSERT, rows));
                    if (inserted == null) {
                        logInserted(rows);
                    } else {
                        inserted.add(rows);
                    }
                }
                Map<List<Object>, UpdatableRecord<?>> maybe = upserts.remove(rank);
                if (maybe != null) {
                    steps.add(Step.of(Kind.UPSERT, maybe.values()));
                }
            }
            if (read) {
                Map<List<Object>, UpdatableRecord<?>> known = updates.remove(rank);
                if (known != null) { // a row known to exist is updated (else inserted)
                    steps.add(Step.of(Kind.UPDATE, known.values()));
                }
            }
        }
        pending = inserts.values().stream().mapToInt(List::size).sum()
                + upserts.values().stream().mapToInt(Map::size).sum()
                + updates.values().stream().mapToInt(Map::size).sum();
        return steps;
    }

    /**
     * Sends taken writes, in order, and commits with them when asked where the database takes
     * both in one round trip; returns whether it committed.
     */
    boolean write(List<Step> steps, boolean commit) {
        if (steps.isEmpty()) {
            return false;
        }
        try {
            if (combine && combinable(steps, commit)) {
                sendCombined(steps, commit);
                return commit;
            }
            for (Step step : steps) {
                if (step.kind() == Kind.INSERT) {
                    insertBatch(step.table(), step.rows());
                } else {
                    upsertBatch(step.table(), step.rows(), step.kind() == Kind.UPDATE);
                }
            }
            return false;
        } catch (SQLException e) {
            throw new DataAccessException("a deferred write failed: " + e.getMessage(), e);
        }
    }

    private enum Kind { INSERT, UPSERT, UPDATE }

    /**
     * One table's rows to insert, to update (known to exist), or to update or else insert:
     * each row's values in the table's column order, copied when the step was taken.
     */
    record Step(Kind kind, Table<?> table, List<Object[]> rows) {
        static Step of(Kind kind, java.util.Collection<? extends TableRecord<?>> records) {
            List<Object[]> rows = new ArrayList<>(records.size());
            Table<?> table = null;
            for (TableRecord<?> record : records) {
                table = record.getTable();
                Object[] values = new Object[record.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = record.get(i);
                }
                rows.add(values);
            }
            return new Step(kind, table, rows);
        }
    }

    /**
     * The most rows one round trip carries: a posting writes about ten; an import's thousands
     * go as one JDBC batch per table instead (pgjdbc sends each in one round trip too).
     */
    static final int COMBINED_ROWS_MAX = 64;

    /**
     * Whether the steps can go as one statement: more than one table (or a commit to send
     * with them), few rows, and no row that may be missing (an upsert must see its update's
     * count before it inserts, and a later row may point to it).
     */
    private static boolean combinable(List<Step> steps, boolean commit) {
        if (steps.size() < (commit ? 1 : 2)) {
            return false;
        }
        int rows = 0;
        for (Step step : steps) {
            if (step.kind() == Kind.UPSERT) {
                return false;
            }
            rows += step.rows().size();
        }
        return rows <= COMBINED_ROWS_MAX;
    }

    /**
     * PostgreSQL: every step, and the commit when asked, in one round trip. pgjdbc sends the
     * parts of a prepared statement of several statements (parse, bind and execute each) and
     * then one sync, and keeps each part's server-side plan in its statement cache, keyed by
     * the text; postings come in a few shapes (the tables and row counts of an investment, of
     * an exit…). A failing part fails the transaction, and the parts after it, the commit
     * too, are skipped. Before this a posting took about twelve round trips; each wakes the
     * server's process and the service's thread, which on two cores cost more than the
     * statements themselves.
     *
     * <p>An update of a row the transaction knows exists is sent guarded: it divides by the
     * number of rows it changed, so a row gone since it was read (the ledger deletes none)
     * fails the transaction before its commit instead of being skipped.
     */
    private void sendCombined(List<Step> steps, boolean commit) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Step step : steps) {
            String one = sqlOf(step);
            for (int i = 0; i < step.rows().size(); i++) {
                sql.append(sql.length() == 0 ? "" : ";\n").append(one);
            }
        }
        if (commit) {
            sql.append(";\ncommit");
        }
        List<Boolean> done = new ArrayList<>(); // per part: rows returned (a guarded update), or 1 row changed
        try (PreparedStatement statement = connection.unwrap(Connection.class).prepareStatement(sql.toString())) {
            int index = 1;
            for (Step step : steps) {
                Columns columns = step.kind() == Kind.INSERT ? Columns.all(step.table()) : Columns.update(step.table());
                for (Object[] row : step.rows()) {
                    index = bind(statement, index, columns, row);
                }
            }
            boolean rowsReturned = statement.execute();
            while (rowsReturned || statement.getUpdateCount() != -1) {
                done.add(rowsReturned || statement.getUpdateCount() == 1);
                rowsReturned = statement.getMoreResults();
            }
        }
        int parts = steps.stream().mapToInt(step -> step.rows().size()).sum();
        if (done.size() < parts || done.subList(0, parts).contains(false)) {
            // only a driver or server answering against the protocol gets here: every part
            // changes one row or fails, and a failure skips the commit
            if (commit) { // committed already: say so loudly rather than answer a committed posting with an error
                LOG.error("event=combined-write-count committed=true parts={} results={}", parts, done);
            } else {
                throw new IllegalStateException("a combined write did not write every row: " + done);
            }
        }
    }

    private String sqlOf(Step step) {
        Table<?> table = step.table();
        return step.kind() == Kind.INSERT
                ? sqlText("insert " + table.getName(), () -> insertSql(table))
                : sqlText("guarded update " + table.getName(), () -> "with changed as ("
                        + updateSql(table) + " returning 1) select 1 / count(*) from changed");
    }

    private void logInserted(List<? extends TableRecord<?>> rows) {
        if (writeSet != null) {
            rows.forEach(writeSet::inserted);
        }
    }

    private void insertBatch(Table<?> table, List<Object[]> rows) throws SQLException {
        PreparedStatement insert = statement("insert " + table.getName(), () -> insertSql(table));
        Columns columns = Columns.all(table);
        for (Object[] row : rows) {
            bind(insert, 1, columns, row);
            insert.addBatch();
        }
        insert.executeBatch();
    }

    /**
     * Updates each row by its key; inserts the ones that were not there, unless they must
     * exist ({@code mustExist}: rows the transaction read or wrote before, which the ledger
     * never deletes): then a missing one fails the transaction, as the guarded update does
     * on PostgreSQL ({@link #sendCombined}).
     */
    private void upsertBatch(Table<?> table, List<Object[]> rows, boolean mustExist) throws SQLException {
        PreparedStatement update = statement("update " + table.getName(),
                () -> updateSql(table));
        Columns columns = Columns.update(table);
        for (Object[] row : rows) {
            bind(update, 1, columns, row);
            update.addBatch();
        }
        int[] counts = update.executeBatch();
        List<Object[]> missing = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (counts[i] == Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("the driver did not say whether a row was updated");
            }
            if (counts[i] == 0) {
                if (mustExist) {
                    throw new IllegalStateException(table.getName() + " " + Columns.key(table, rows.get(i))
                            + " was read or written by this transaction and is gone: nothing of it is committed");
                }
                missing.add(rows.get(i));
            }
        }
        if (!missing.isEmpty()) {
            insertBatch(table, missing);
        }
    }

    /** Binds {@code row}'s values of {@code columns} from parameter {@code first} on; returns the next parameter. */
    private static int bind(PreparedStatement statement, int first, Columns columns, Object[] row)
            throws SQLException {
        int index = first;
        for (int i = 0; i < columns.positions().length; i++) {
            Object value = row[columns.positions()[i]];
            if (value == null) {
                statement.setNull(index, columns.sqlTypes()[i]);
            } else if (value instanceof String text) {
                statement.setString(index, text); // the typed setters spare the driver guessing the type
            } else if (value instanceof BigDecimal amount) {
                statement.setBigDecimal(index, amount);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value instanceof Integer number) {
                statement.setInt(index, number);
            } else if (value instanceof Boolean flag) {
                statement.setBoolean(index, flag);
            } else {
                statement.setObject(index, value);
            }
            index++;
        }
        return index;
    }

    /**
     * The columns a statement binds, as positions in a row's values, with their SQL types:
     * every column (an insert), or the other columns and then the key (an update). The same
     * for every row of a table, so found once.
     */
    private record Columns(int[] positions, int[] sqlTypes) {
        private static final Map<Table<?>, Columns> ALL = new ConcurrentHashMap<>();
        private static final Map<Table<?>, Columns> UPDATE = new ConcurrentHashMap<>();

        static Columns all(Table<?> table) {
            return ALL.computeIfAbsent(table, t -> of(t, t.fields()));
        }

        static Columns update(Table<?> table) {
            return UPDATE.computeIfAbsent(table, t -> {
                Field<?>[] key = keyFields(t);
                List<Field<?>> fields = new ArrayList<>(List.of(nonKeyFields(t)));
                fields.addAll(List.of(key));
                return of(t, fields.toArray(Field[]::new));
            });
        }

        private static Columns of(Table<?> table, Field<?>[] fields) {
            int[] positions = new int[fields.length];
            int[] types = new int[fields.length];
            for (int i = 0; i < fields.length; i++) {
                positions[i] = table.indexOf(fields[i]);
                types[i] = fields[i].getDataType().getSQLType();
            }
            return new Columns(positions, types);
        }

        /** The primary key's values of a row, for a message. */
        static List<Object> key(Table<?> table, Object[] row) {
            return java.util.Arrays.stream(keyFields(table)).map(field -> row[table.indexOf(field)]).toList();
        }
    }

    private interface Sql {
        String render();
    }

    private PreparedStatement statement(String name, Sql sql) throws SQLException {
        PreparedStatement statement = statements.get(name);
        if (statement == null) {
            statement = Statements.prepare(connection, sqlText(name, sql));
            statements.put(name, statement);
        }
        return statement;
    }

    /** The text of a statement, rendered once per process and dialect. */
    private String sqlText(String name, Sql sql) {
        return SQL.computeIfAbsent(name + " " + render.dialect(), k -> sql.render());
    }

    /** Each table's primary-key columns, and its other columns: the same for every row, so found once. */
    private static final Map<Table<?>, Field<?>[]> KEY_FIELDS = new ConcurrentHashMap<>();
    private static final Map<Table<?>, Field<?>[]> NON_KEY_FIELDS = new ConcurrentHashMap<>();

    private static Field<?>[] keyFields(Table<?> table) {
        return KEY_FIELDS.computeIfAbsent(table, t -> t.getPrimaryKey().getFields().toArray(Field[]::new));
    }

    private static Field<?>[] nonKeyFields(Table<?> table) {
        return NON_KEY_FIELDS.computeIfAbsent(table, t -> {
            List<Field<?>> key = List.of(keyFields(t));
            return java.util.Arrays.stream(t.fields()).filter(field -> !key.contains(field)).toArray(Field[]::new);
        });
    }

    private String insertSql(Table<?> table) {
        List<Param<?>> values = new ArrayList<>();
        for (Field<?> field : table.fields()) {
            values.add(DSL.param(field.getName(), field.getDataType()));
        }
        return render.render(render.insertInto(table).columns(table.fields()).values(values));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private String updateSql(Table<?> table) {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        for (Field<?> field : nonKeyFields(table)) {
            set.put(field, DSL.param(field.getName(), field.getDataType()));
        }
        org.jooq.Condition where = DSL.noCondition();
        for (Field<?> field : keyFields(table)) {
            where = where.and(((Field) field).eq(DSL.param(field.getName(), field.getDataType())));
        }
        return render.render(render.update(table).set(set).where(where));
    }

    @Override
    public void close() {
        statements.clear(); // the statements stay prepared on their connection (see Statements)
    }
}
