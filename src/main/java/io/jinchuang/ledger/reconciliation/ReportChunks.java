package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.RECONCILIATION_REPORT_CHUNK;

import io.jinchuang.ledger.db.tables.records.ReconciliationReportChunkRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.jooq.DSLContext;

/**
 * A stored report's text as deflated chunks ({@code reconciliation_report_chunk}, see its
 * migration): at most {@link #TEXT_BYTES_MAX} bytes of UTF-8 text each, so that the service
 * holds one chunk of a report at a time while it serves it, and the batch one fund's part,
 * deflated, while it stores it, whatever the report's size. The text is cut at byte
 * boundaries (a character may span two chunks): it is read back as bytes, in order, and
 * decoded as a whole.
 */
final class ReportChunks {
    /** Text bytes per chunk: a million-line ledger's fund is one chunk of 80-100 KB deflated. */
    static final int TEXT_BYTES_MAX = 1 << 20;

    private ReportChunks() {}

    /** A chunk's key: its section and its number within it. */
    record Key(int section, int chunkNo) {}

    /** The chunks of one section's text, read from {@code text} to its end. */
    static List<ReconciliationReportChunkRecord> deflate(String runId, int section, InputStream text)
            throws IOException {
        List<ReconciliationReportChunkRecord> chunks = new ArrayList<>();
        byte[] buffer = new byte[TEXT_BYTES_MAX];
        Deflater deflater = new Deflater(Deflater.BEST_SPEED); // 9.2 MB of 87 MB, against 8.1 MB at 3.5 times the CPU
        try {
            while (true) {
                int filled = text.readNBytes(buffer, 0, buffer.length);
                if (filled == 0 && !chunks.isEmpty()) {
                    return chunks;
                }
                deflater.reset();
                deflater.setInput(buffer, 0, filled);
                deflater.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, filled / 8));
                byte[] piece = new byte[16 * 1024];
                while (!deflater.finished()) {
                    out.write(piece, 0, deflater.deflate(piece));
                }
                ReconciliationReportChunkRecord chunk = new ReconciliationReportChunkRecord();
                chunk.setRunId(runId);
                chunk.setSection(section);
                chunk.setChunkNo(chunks.size());
                chunk.setData(out.toByteArray());
                chunks.add(chunk);
                if (filled < buffer.length) {
                    return chunks;
                }
            }
        } finally {
            deflater.end();
        }
    }

    /** The chunks of {@code text} (one section: the head, or the end). */
    static List<ReconciliationReportChunkRecord> deflate(String runId, int section, String text) {
        try {
            return deflate(runId, section,
                    new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // not from a byte array
        }
    }

    /** A chunk's text bytes; a chunk that does not inflate whole (or fails its checksum) is an error. */
    static byte[] inflate(byte[] data) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(TEXT_BYTES_MAX, data.length * 8L));
            byte[] piece = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(piece);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored report chunk is truncated");
                }
                out.write(piece, 0, n);
                if (out.size() > TEXT_BYTES_MAX) {
                    throw new IllegalStateException("a stored report chunk inflates past its limit");
                }
            }
            if (inflater.getRemaining() > 0) {
                throw new IllegalStateException("a stored report chunk has bytes after its end");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored report chunk is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** The keys of a run's chunks, in the text's order. */
    static List<Key> keys(DSLContext dsl, String runId) {
        var c = RECONCILIATION_REPORT_CHUNK;
        return dsl.select(c.SECTION, c.CHUNK_NO).from(c).where(c.RUN_ID.eq(runId))
                .orderBy(c.RUN_ID, c.SECTION, c.CHUNK_NO)
                .fetch(r -> new Key(r.value1(), r.value2()));
    }

    /**
     * Refuses a report whose chunks have a gap: sections 0 (the head) to the end's, each from
     * chunk 0 on. The head and the end are stored with the run's completion and every fund's
     * part before it, so a gap is damage, and would otherwise be served as valid JSON without
     * that fund.
     */
    static void checkWhole(String runId, List<Key> keys) {
        Key previous = null;
        for (Key key : keys) {
            boolean follows = previous == null ? key.section() == 0 && key.chunkNo() == 0
                    : key.section() == previous.section() && key.chunkNo() == previous.chunkNo() + 1
                    || key.section() == previous.section() + 1 && key.chunkNo() == 0;
            if (!follows) {
                throw new IllegalStateException("run " + runId + "'s stored report lacks a part before " + key);
            }
            previous = key;
        }
    }

    /** One chunk's text bytes. */
    static byte[] text(DSLContext dsl, String runId, Key key) {
        var c = RECONCILIATION_REPORT_CHUNK;
        byte[] data = dsl.select(c.DATA).from(c)
                .where(c.RUN_ID.eq(runId), c.SECTION.eq(key.section()), c.CHUNK_NO.eq(key.chunkNo()))
                .fetchOne(c.DATA);
        if (data == null) {
            throw new IllegalStateException("run " + runId + " has no report chunk " + key);
        }
        return inflate(data);
    }
}
