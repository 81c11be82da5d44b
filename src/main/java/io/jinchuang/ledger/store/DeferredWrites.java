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
import org.jooq.DSLContext;
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
 * order, through statements rendered by jOOQ once per table and prepared once per
 * transaction (jOOQ's manual: cache the SQL it generates and prepare your own statements).
 * {@link Tx} flushes before every query of the transaction and before it commits, so no
 * read ever misses a write.
 */
final class DeferredWrites implements AutoCloseable {
    private final DSLContext render;
    private final Connection connection;
    /** rank of the table (foreign-key order) → rows to insert, in order */
    private final TreeMap<Integer, List<TableRecord<?>>> inserts = new TreeMap<>();
    /** rank of the table → primary key → the row's last after-image */
    private final TreeMap<Integer, Map<List<Object>, UpdatableRecord<?>>> upserts = new TreeMap<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final WriteSet writeSet;
    private int pending;

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

    void upsert(UpdatableRecord<?> row, List<Object> key) {
        upserts.computeIfAbsent(TableOrder.of(row.getTable()), k -> new LinkedHashMap<>()).put(key, row);
        pending++;
    }

    void flush() {
        flush(null);
    }

    /**
     * Sends the deferred writes of the tables with these ranks ({@link TableOrder#withAncestors}:
     * what a query reads, and every table those rows point to), or all of them ({@code null}).
     * The rest wait: a balance updated a thousand times before anyone reads it is written once.
     */
    void flush(Set<Integer> only) {
        if (pending == 0) {
            return;
        }
        try {
            java.util.SortedSet<Integer> ranks = new java.util.TreeSet<>(inserts.keySet());
            ranks.addAll(upserts.keySet());
            if (only != null) {
                ranks.retainAll(only);
            }
            for (int rank : ranks) {
                List<TableRecord<?>> rows = inserts.remove(rank);
                if (rows != null) {
                    insertBatch(rows);
                    if (writeSet != null) {
                        rows.forEach(writeSet::inserted);
                    }
                }
                Map<List<Object>, UpdatableRecord<?>> images = upserts.remove(rank);
                if (images != null) {
                    upsertBatch(new ArrayList<>(images.values()));
                }
            }
            pending = inserts.values().stream().mapToInt(List::size).sum()
                    + upserts.values().stream().mapToInt(Map::size).sum();
        } catch (SQLException e) {
            throw new DataAccessException("a deferred write failed: " + e.getMessage(), e);
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

    private static int bind(PreparedStatement statement, int first, Field<?>[] fields, TableRecord<?> row)
            throws SQLException {
        int index = first;
        for (Field<?> field : fields) {
            Object value = row.get(field);
            if (value == null) {
                statement.setNull(index, field.getDataType().getSQLType());
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
            statement = connection.prepareStatement(sql.render());
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
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the transaction is over; its connection goes back to the pool either way
            }
        }
        statements.clear();
    }
}
