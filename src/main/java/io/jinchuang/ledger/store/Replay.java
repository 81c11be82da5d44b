package io.jinchuang.ledger.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jinchuang.ledger.db.DefaultSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;
import org.jooq.UpdatableRecord;

/**
 * Rebuilds a fresh database from the write sets {@link TxLog} kept ({@link WriteSet}
 * encodes them): every insert in log order, then the last after-image of every
 * updated row (only non-key columns ever change, so the order of the two is safe).
 */
final class Replay {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows inserted per JDBC batch while rebuilding. */
    private static final int BATCH_ROWS = 2_000;

    private final DSLContext dsl;

    Replay(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** @return how many logged transactions were applied */
    int apply(Iterable<byte[]> records) {
        Map<String, TableRecord<?>> finalImages = new LinkedHashMap<>();
        int[] count = new int[1];
        dsl.transaction(configuration -> {
            DSLContext trx = configuration.dsl();
            List<TableRecord<?>> batch = new ArrayList<>();
            for (byte[] record : records) {
                count[0]++;
                for (var node : JSON.readTree(record)) {
                    TableRecord<?> row = decode(trx, node);
                    if (node.get("k").asText().equals("I")) {
                        batch.add(row);
                        if (batch.size() >= BATCH_ROWS) {
                            flush(trx, batch);
                        }
                    } else {
                        finalImages.put(row.getTable().getName() + "/" + key(row), row);
                    }
                }
            }
            flush(trx, batch);
            for (TableRecord<?> row : finalImages.values()) {
                UpdatableRecord<?> updatable = (UpdatableRecord<?>) row;
                updatable.changed(true);
                if (trx.executeUpdate(updatable) == 0) {
                    trx.executeInsert(updatable);
                }
            }
        });
        return count[0];
    }

    private static void flush(DSLContext trx, List<TableRecord<?>> batch) {
        // a JDBC batch needs one statement shape: split where the table changes
        int start = 0;
        for (int i = 1; i <= batch.size(); i++) {
            if (i == batch.size() || batch.get(i).getTable() != batch.get(start).getTable()) {
                trx.batchInsert(batch.subList(start, i)).execute();
                start = i;
            }
        }
        batch.clear();
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

    private static String key(TableRecord<?> row) {
        UniqueKey<?> primaryKey = row.getTable().getPrimaryKey();
        StringBuilder key = new StringBuilder();
        for (Field<?> field : primaryKey.getFields()) {
            key.append(row.get(field)).append('\u0000');
        }
        return key.toString();
    }
}
