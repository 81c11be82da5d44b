package io.jinchuang.ledger.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jinchuang.ledger.db.DefaultSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Encodes a transaction's write set for {@link TxLog} and rebuilds a fresh database from
 * the logged write sets: every insert in log order, then the last after-image of every
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

    static byte[] encode(List<Tx.Op> ops) {
        ArrayNode array = JSON.createArrayNode();
        for (Tx.Op op : ops) {
            ObjectNode node = array.addObject();
            node.put("t", op.row().getTable().getName());
            node.put("k", String.valueOf(op.kind()));
            ObjectNode values = node.putObject("v");
            for (Field<?> field : op.row().fields()) {
                Object value = op.row().get(field);
                values.put(field.getName(), value == null ? null : value.toString());
            }
        }
        try {
            return JSON.writeValueAsBytes(array);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return how many logged transactions were applied (read one at a time: the log may not fit the heap) */
    int apply(Iterable<byte[]> records) {
        int[] applied = {0};
        Map<String, TableRecord<?>> finalImages = new LinkedHashMap<>();
        dsl.transaction(configuration -> {
            DSLContext trx = configuration.dsl();
            List<TableRecord<?>> batch = new ArrayList<>();
            for (byte[] record : records) {
                applied[0]++;
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
        return applied[0];
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
