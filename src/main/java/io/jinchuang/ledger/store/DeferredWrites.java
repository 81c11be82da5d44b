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
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Table;
import org.jooq.TableField;
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

    /** @param writeSet where inserted rows are logged once written (null: not logged) */
    DeferredWrites(DSLContext render, Connection connection, WriteSet writeSet) {
        this.render = render;
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
     * Sends the deferred writes a query must see: every write of the tables it reads
     * ({@code reads}), and the new rows of the tables their rows point to ({@code parents},
     * {@link TableOrder#withAncestors}), which foreign keys need first; or everything
     * ({@code null}). The rest wait: a balance updated a thousand times before anyone reads it
     * is written once.
     */
    void flush(Set<Integer> reads, Set<Integer> parents) {
        if (pending == 0) {
            return;
        }
        try {
            java.util.SortedSet<Integer> ranks = new java.util.TreeSet<>(inserts.keySet());
            ranks.addAll(upserts.keySet());
            ranks.addAll(updates.keySet());
            for (int rank : ranks) {
                boolean read = reads == null || reads.contains(rank);
                if (read || parents.contains(rank)) {
                    flushInserts(rank);
                    flushUpserts(upserts.remove(rank));
                }
                if (read) {
                    flushUpserts(updates.remove(rank)); // a row known to exist is updated (else inserted)
                }
            }
            pending = inserts.values().stream().mapToInt(List::size).sum()
                    + upserts.values().stream().mapToInt(Map::size).sum()
                    + updates.values().stream().mapToInt(Map::size).sum();
        } catch (SQLException e) {
            throw new DataAccessException("a deferred write failed: " + e.getMessage(), e);
        }
    }

    private void flushInserts(int rank) throws SQLException {
        List<TableRecord<?>> rows = inserts.remove(rank);
        newRows.remove(rank);
        if (rows != null) {
            insertBatch(rows);
            if (writeSet != null) {
                rows.forEach(writeSet::inserted);
            }
        }
    }

    private void flushUpserts(Map<List<Object>, UpdatableRecord<?>> images) throws SQLException {
        if (images != null) {
            upsertBatch(new ArrayList<>(images.values()));
        }
    }

    private void insertBatch(List<? extends TableRecord<?>> rows) throws SQLException {
        Table<?> table = rows.get(0).getTable();
        PreparedStatement insert = statement("insert " + table.getName(), () -> insertSql(table));
        for (TableRecord<?> row : rows) {
            bind(insert, 1, table.fields(), row);
            insert.addBatch();
        }
        insert.executeBatch();
    }

    /** Updates each row by its key; inserts the ones that were not there. */
    private void upsertBatch(List<UpdatableRecord<?>> rows) throws SQLException {
        Table<?> table = rows.get(0).getTable();
        List<TableField<?, ?>> key = new ArrayList<>(table.getPrimaryKey().getFields());
        List<Field<?>> rest = new ArrayList<>();
        for (Field<?> field : table.fields()) {
            if (!key.contains(field)) {
                rest.add(field);
            }
        }
        PreparedStatement update = statement("update " + table.getName(), () -> updateSql(table, key, rest));
        for (UpdatableRecord<?> row : rows) {
            int next = bind(update, 1, rest.toArray(Field[]::new), row);
            bind(update, next, key.toArray(Field[]::new), row);
            update.addBatch();
        }
        int[] counts = update.executeBatch();
        List<UpdatableRecord<?>> missing = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (counts[i] == Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("the driver did not say whether a row was updated");
            }
            if (counts[i] == 0) {
                missing.add(rows.get(i));
            }
        }
        if (!missing.isEmpty()) {
            insertBatch(missing);
        }
    }

    /** jOOQ's getSQLType() builds a configuration on every call: one lookup per column type instead. */
    private static final Map<DataType<?>, Integer> SQL_TYPES = new ConcurrentHashMap<>();

    private static int sqlType(Field<?> field) {
        return SQL_TYPES.computeIfAbsent(field.getDataType(), DataType::getSQLType);
    }

    private static int bind(PreparedStatement statement, int first, Field<?>[] fields, TableRecord<?> row)
            throws SQLException {
        int index = first;
        for (Field<?> field : fields) {
            Object value = row.get(field);
            if (value == null) {
                statement.setNull(index, sqlType(field));
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

    private interface Sql {
        String render();
    }

    private PreparedStatement statement(String name, Sql sql) throws SQLException {
        PreparedStatement statement = statements.get(name);
        if (statement == null) {
            String text = SQL.computeIfAbsent(name + " " + render.dialect(), k -> sql.render());
            statement = Statements.prepare(connection, text);
            statements.put(name, statement);
        }
        return statement;
    }

    private String insertSql(Table<?> table) {
        List<Param<?>> values = new ArrayList<>();
        for (Field<?> field : table.fields()) {
            values.add(DSL.param(field.getName(), field.getDataType()));
        }
        return render.render(render.insertInto(table).columns(table.fields()).values(values));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private String updateSql(Table<?> table, List<TableField<?, ?>> key, List<Field<?>> rest) {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        for (Field<?> field : rest) {
            set.put(field, DSL.param(field.getName(), field.getDataType()));
        }
        org.jooq.Condition where = DSL.noCondition();
        for (TableField<?, ?> field : key) {
            where = where.and(((Field) field).eq(DSL.param(field.getName(), field.getDataType())));
        }
        return render.render(render.update(table).set(set).where(where));
    }

    @Override
    public void close() {
        statements.clear(); // the statements stay prepared on their connection (see Statements)
    }
}
