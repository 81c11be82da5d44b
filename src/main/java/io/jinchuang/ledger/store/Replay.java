package io.jinchuang.ledger.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jinchuang.ledger.db.DefaultSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;

/**
 * Rebuilds a fresh database from the write sets {@link TxLog} kept ({@link WriteSet}
 * encodes them), in log order: every inserted row, and the last after-image of every
 * upserted row (only non-key columns ever change, so an image may wait for later rows).
 * The rows go through {@link DeferredWrites} (prepared JDBC batches, tables in foreign-key
 * order) and are committed every {@link #COMMIT_ROWS}: one transaction for a whole ledger
 * made H2 keep an undo log of every row and then commit them one by one. A rebuild that
 * stops half-way is never served: the database's open marker is written before it starts,
 * so the next start rebuilds again (see {@link Database}).
 */
final class Replay {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows written per commit while rebuilding. */
    private static final int COMMIT_ROWS = 50_000;

    private final DSLContext dsl;

    Replay(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** @return how many logged transactions were applied */
    int apply(Iterable<byte[]> records) {
        int[] count = new int[1];
        dsl.connection(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (DeferredWrites writes = new DeferredWrites(dsl, connection, null)) {
                for (byte[] record : records) {
                    count[0]++;
                    List<Columns> named = new ArrayList<>(); // the part's tables, in the order it names them
                    for (JsonNode node : JSON.readTree(record)) {
                        TableRecord<?> row;
                        String kind;
                        if (node.isArray()) {
                            row = named.get(node.get(1).asInt()).row(dsl, node);
                            kind = node.get(0).asText();
                        } else if (node.has("c")) {
                            named.add(Columns.of(node.get("c")));
                            continue;
                        } else { // the format before the parts named their columns once
                            row = decode(dsl, node);
                            kind = node.get("k").asText();
                        }
                        if (kind.equals("I")) {
                            writes.insert(row);
                        } else {
                            writes.upsert((UpdatableRecord<?>) row, Tx.primaryKey(row));
                        }
                    }
                    if (writes.pending() >= COMMIT_ROWS) {
                        writes.flush();
                        connection.commit();
                    }
                }
                writes.flush();
                connection.commit();
            } catch (RuntimeException | java.sql.SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
        return count[0];
    }

    /** A table and the columns a part named for it, each with its reader of the logged text. */
    private record Columns(Table<?> table, Field<?>[] fields, List<Function<String, Object>> readers) {
        static Columns of(JsonNode names) {
            Table<?> table = namedTable(names.get(0).asText());
            Field<?>[] fields = new Field<?>[names.size() - 1];
            List<Function<String, Object>> readers = new ArrayList<>(fields.length);
            for (int i = 0; i < fields.length; i++) {
                Field<?> field = table.field(names.get(i + 1).asText());
                if (field == null) {
                    throw new IllegalStateException("the transaction log names an unknown column " + names.get(i + 1)
                            + " of " + table.getName());
                }
                fields[i] = field;
                readers.add(reader(field));
            }
            return new Columns(table, fields, readers);
        }

        /** A row {@code [kind, table number, value…]}. */
        TableRecord<?> row(DSLContext dsl, JsonNode node) {
            TableRecord<?> row = (TableRecord<?>) dsl.newRecord(table);
            for (int i = 0; i < fields.length; i++) {
                JsonNode value = node.get(i + 2);
                set(row, fields[i], value == null || value.isNull() ? null : readers.get(i).apply(value.asText()));
            }
            row.changed(true);
            return row;
        }

        @SuppressWarnings("unchecked")
        private static <T> void set(TableRecord<?> row, Field<T> field, Object value) {
            row.set(field, (T) value);
        }

        /** The schema's column types read directly; anything else through jOOQ's conversion. */
        private static Function<String, Object> reader(Field<?> field) {
            Class<?> type = field.getType();
            if (type == String.class) {
                return text -> text;
            } else if (type == BigDecimal.class) {
                return BigDecimal::new;
            } else if (type == Long.class) {
                return Long::valueOf;
            } else if (type == Integer.class) {
                return Integer::valueOf;
            } else if (type == LocalDate.class) {
                return LocalDate::parse;
            } else if (type == OffsetDateTime.class) {
                return OffsetDateTime::parse;
            } else if (type == Boolean.class) {
                return Boolean::valueOf;
            } else if (type == byte[].class) {
                return text -> java.util.Base64.getDecoder().decode(text);
            }
            return text -> field.getDataType().convert(text);
        }
    }

    private static Table<?> namedTable(String name) {
        Table<?> table = DefaultSchema.DEFAULT_SCHEMA.getTable(name);
        if (table == null) {
            throw new IllegalStateException("the transaction log names an unknown table " + name);
        }
        return table;
    }

    private static TableRecord<?> decode(DSLContext trx, JsonNode node) {
        Table<?> table = namedTable(node.get("t").asText());
        TableRecord<?> row = (TableRecord<?>) trx.newRecord(table);
        var values = node.get("v");
        for (Field<?> field : table.fields()) {
            var value = values.get(field.getName());
            setConverted(row, field, value == null || value.isNull() ? null : value.asText());
        }
        row.changed(true);
        return row;
    }

    private static <T> void setConverted(TableRecord<?> row, Field<T> field, String text) {
        row.set(field, text == null ? null : field.getDataType().convert(text));
    }
}
