package io.jinchuang.ledger.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;

/**
 * A transaction's write set as {@link TxLog} keeps it, encoded as the transaction goes so
 * that a large one (an import) holds bytes, not records: every inserted row in order, then
 * the last after-image of every upserted row. It is cut into parts of at most
 * {@link #PART_BYTES_MAX}; each part is a JSON array that {@link Replay} reads on its own,
 * and the log keeps the parts of one transaction together. A part names each table's
 * columns once, {@code {"c":["TABLE","COL_1",…]}} (the n-th such names table n of the part),
 * and then has one array per row, {@code ["I"|"U", n, "value 1", …]}, values as text (bytes
 * in base64) or null: a little over half the bytes of naming every column in every row (430–451 MB
 * against 772 MB for the benchmark's import). {@link Replay} still reads that format
 * before, {@code {"t":"TABLE","k":"I","v":{"COL":"value",…}}}, in older logs.
 *
 * <p>A transaction written in parts ({@link Database#writeInParts}) hands each part to the
 * log as soon as it is full, instead of keeping it until the commit.
 */
final class WriteSet {
    /** Far below {@link TxLog#RECORD_BYTES_MAX}: a part is one log record. */
    static final int PART_BYTES_MAX = 8 * 1024 * 1024;
    private static final JsonFactory JSON = new JsonFactory();
    /**
     * A posting's write set is a KiB or two; the buffer doubles from here for an import's
     * parts (a 64 KiB one was 15% of everything the service allocated under the posting benchmark).
     */
    private static final int BUFFER_BYTES_FIRST = 4 * 1024;

    private final List<byte[]> parts = new ArrayList<>();
    /** The tables the current part has named, by name: their number in the part. */
    private final Map<String, Integer> named = new java.util.HashMap<>();
    private final Map<List<Object>, UpdatableRecord<?>> images = new LinkedHashMap<>();
    private ByteArrayOutputStream buffer;
    private JsonGenerator json;
    private boolean empty = true;
    /** Where a full part goes before the commit (null: kept for {@link #finish}). */
    private java.util.function.Consumer<byte[]> early;
    private boolean handedOff;

    WriteSet() {
        this(null);
    }

    /** @param early takes each part as soon as it is full (null: every part waits for {@link #finish}) */
    WriteSet(java.util.function.Consumer<byte[]> early) {
        this.early = early;
    }

    /** Whether a part has gone to the log already, ahead of the commit. */
    boolean handedOff() {
        return handedOff;
    }

    void inserted(TableRecord<?> row) {
        write('I', row);
    }

    /** Keeps the row's after-image; only the last one of each row is logged. */
    void upserted(UpdatableRecord<?> row, List<Object> primaryKey) {
        List<Object> key = new ArrayList<>(primaryKey.size() + 1);
        key.add(row.getTable().getName());
        key.addAll(primaryKey);
        images.remove(key); // the last write decides the row's place too
        images.put(key, row);
        empty = false;
    }

    boolean isEmpty() {
        return empty;
    }

    /**
     * The encoded parts not yet handed off; nothing may be added afterwards. After parts were
     * handed off there is always a last one, if only an empty array: it ends the transaction
     * in the log.
     */
    List<byte[]> finish() {
        early = null;
        images.values().forEach(row -> write('U', row));
        images.clear();
        closePart();
        if (handedOff && parts.isEmpty()) {
            parts.add("[]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return parts;
    }

    private void write(char kind, TableRecord<?> row) {
        try {
            if (json == null) {
                buffer = new ByteArrayOutputStream(BUFFER_BYTES_FIRST);
                json = JSON.createGenerator(buffer, JsonEncoding.UTF8);
                json.writeStartArray();
            }
            Field<?>[] fields = row.fields();
            String table = row.getTable().getName();
            Integer number = named.get(table);
            if (number == null) {
                number = named.size();
                named.put(table, number);
                json.writeStartObject();
                json.writeArrayFieldStart("c");
                json.writeString(table);
                for (Field<?> field : fields) {
                    json.writeString(field.getName());
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeStartArray();
            json.writeString(String.valueOf(kind));
            json.writeNumber(number);
            for (Field<?> field : fields) {
                Object value = row.get(field);
                if (value == null) {
                    json.writeNull();
                } else if (value instanceof byte[] bytes) {
                    json.writeString(java.util.Base64.getEncoder().encodeToString(bytes));
                } else {
                    json.writeString(value.toString());
                }
            }
            json.writeEndArray();
            empty = false;
            // the generator's own buffer (a few KiB) may not have reached the stream yet: a part
            // ends that much later, far below a record's limit
            if (buffer.size() >= PART_BYTES_MAX) {
                closePart();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closePart() {
        if (json == null) {
            return;
        }
        try {
            json.writeEndArray();
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (early != null) {
            early.accept(buffer.toByteArray());
            handedOff = true;
        } else {
            parts.add(buffer.toByteArray());
        }
        json = null;
        buffer = null;
        named.clear(); // each part names its tables again: it is read on its own
    }
}
