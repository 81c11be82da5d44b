package io.jinchuang.ledger.reconciliation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.db.tables.records.ReconciliationReportChunkRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReportChunksTest {
    /** Report-like text: repeated keys and Chinese labels, with numbers that vary. */
    private static byte[] text(int bytes) {
        StringBuilder text = new StringBuilder();
        Random random = new Random(7);
        while (text.length() < bytes) {
            text.append("{\"account\":\"投资成本:91140100MA0").append(random.nextInt(100_000))
                    .append("\",\"opening\":\"").append(random.nextInt(1_000_000)).append(".00\"},");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] inflated(List<ReconciliationReportChunkRecord> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ReconciliationReportChunkRecord chunk : chunks) {
            out.writeBytes(ReportChunks.inflate(chunk.getData()));
        }
        return out.toByteArray();
    }

    @Test
    void aSectionLargerThanAChunkIsCutIntoNumberedChunksThatInflateToItsBytes() throws IOException {
        byte[] whole = text(ReportChunks.TEXT_BYTES_MAX * 2 + 12_345);
        List<ReconciliationReportChunkRecord> chunks =
                ReportChunks.deflate("run", 5, new ByteArrayInputStream(whole));
        assertEquals(3, chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals("run", chunks.get(i).getRunId());
            assertEquals(5, chunks.get(i).getSection());
            assertEquals(i, chunks.get(i).getChunkNo());
        }
        assertArrayEquals(whole, inflated(chunks));
        int stored = chunks.stream().mapToInt(c -> c.getData().length).sum();
        assertTrue(stored < whole.length / 4, "deflated to " + stored + " of " + whole.length + " bytes");
    }

    @Test
    void exactlyOneChunkOfTextAndNoTextAreOneChunkEach() throws IOException {
        byte[] one = text(ReportChunks.TEXT_BYTES_MAX + 100);
        byte[] full = Arrays.copyOf(one, ReportChunks.TEXT_BYTES_MAX);
        List<ReconciliationReportChunkRecord> chunks = ReportChunks.deflate("run", 1, new ByteArrayInputStream(full));
        assertEquals(1, chunks.size());
        assertArrayEquals(full, inflated(chunks));
        List<ReconciliationReportChunkRecord> empty = ReportChunks.deflate("run", 0, "");
        assertEquals(1, empty.size());
        assertEquals(0, ReportChunks.inflate(empty.get(0).getData()).length);
        assertArrayEquals("]}".getBytes(StandardCharsets.UTF_8), inflated(ReportChunks.deflate("run", 9, "]}")));
    }

    @Test
    void aStoredReportIsWholeOnlyWithEverySectionAndChunkFromTheHeadOn() {
        var k = (java.util.function.BiFunction<Integer, Integer, ReportChunks.Key>) ReportChunks.Key::new;
        ReportChunks.checkWhole("run", List.of(k.apply(0, 0), k.apply(1, 0), k.apply(1, 1), k.apply(2, 0)));
        ReportChunks.checkWhole("run", List.of(k.apply(0, 0), k.apply(1, 0)));
        for (List<ReportChunks.Key> broken : List.of(
                List.of(k.apply(1, 0), k.apply(2, 0)),                  // no head
                List.of(k.apply(0, 1), k.apply(1, 0)),                  // the head's first chunk missing
                List.of(k.apply(0, 0), k.apply(2, 0), k.apply(3, 0)),   // a fund's section missing
                List.of(k.apply(0, 0), k.apply(1, 0), k.apply(1, 2)),   // a chunk missing
                List.of(k.apply(0, 0), k.apply(1, 1), k.apply(2, 0)),   // a section's first chunk missing
                List.of(k.apply(0, 0), k.apply(0, 0)))) {               // twice
            assertThrows(IllegalStateException.class, () -> ReportChunks.checkWhole("run", broken), broken::toString);
        }
    }

    @Test
    void aDamagedChunkIsAnErrorNotOtherText() {
        byte[] data = ReportChunks.deflate("run", 0, new String(text(50_000), StandardCharsets.UTF_8)).get(0).getData();
        byte[] flipped = data.clone();
        flipped[data.length / 2] ^= 0x10;
        assertThrows(IllegalStateException.class, () -> ReportChunks.inflate(flipped));
        byte[] checksum = data.clone();
        checksum[data.length - 1] ^= 0x01; // the zlib trailer's Adler-32
        assertThrows(IllegalStateException.class, () -> ReportChunks.inflate(checksum));
        assertThrows(IllegalStateException.class, () -> ReportChunks.inflate(Arrays.copyOf(data, data.length - 5)));
        byte[] longer = Arrays.copyOf(data, data.length + 3);
        assertThrows(IllegalStateException.class, () -> ReportChunks.inflate(longer));
    }
}
