package io.jinchuang.ledger.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jinchuang.ledger.db.DefaultSchema;
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
    static final int COMMIT_ROWS = 50_000;

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
                    for (var node : JSON.readTree(record)) {
                        TableRecord<?> row = decode(dsl, node);
                        if (node.get("k").asText().equals("I")) {
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

    private static TableRecord<?> decode(DSLContext trx, com.fasterxml.jackson.databind.JsonNode node) {
        Table<?> table = DefaultSchema.DEFAULT_SCHEMA.getTable(node.get("t").asText());
        if (table == null) {
            throw new IllegalStateException("the transaction log names an unknown table " + node.get("t"));
        }
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
