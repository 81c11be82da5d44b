package io.jinchuang.ledger.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPiecesTest {
    private static final String TEXT = "{\"id\":\"r\",\"report\":{\"name\":\"晋创谷 𠀀 fund\",\"x\":1}}";
    /** The text's bytes in pieces, some empty and some cutting a character in two (stored chunks are cut by bytes). */
    private static final List<byte[]> PIECES = pieces(TEXT.getBytes(StandardCharsets.UTF_8), 19, 19, 24, 29, 31, 40);

    private static List<byte[]> pieces(byte[] whole, int... cuts) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            pieces.add(java.util.Arrays.copyOfRange(whole, from, cut));
            from = cut;
        }
        pieces.add(java.util.Arrays.copyOfRange(whole, from, whole.length));
        return pieces;
    }

    /** The pieces in order, recording which were fetched. */
    private static java.util.Iterator<byte[]> fetching(List<Integer> fetched) {
        return new java.util.Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < PIECES.size();
            }

            @Override
            public byte[] next() {
                fetched.add(next);
                return PIECES.get(next++);
            }
        };
    }

    @Test
    void theBytesAreThoseOfTheWholeTextWhateverTheReadSize() throws IOException {
        byte[] whole = TEXT.getBytes(StandardCharsets.UTF_8);
        for (int size : new int[] {1, 2, 3, 7, 64, 1 << 16}) {
            List<Integer> fetched = new ArrayList<>();
            var in = new ReconciliationsApi.Pieces(fetching(fetched));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[size];
            for (int n; (n = in.read(buffer, 0, size)) != -1; ) {
                out.write(buffer, 0, n);
            }
            assertArrayEquals(whole, out.toByteArray(), "read size " + size);
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), fetched, "each piece fetched once, in order");
            assertEquals(-1, in.read());
        }
    }

    @Test
    void singleBytesToo() throws IOException {
        var in = new ReconciliationsApi.Pieces(fetching(new ArrayList<>()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            out.write(b);
        }
        assertEquals(TEXT, out.toString(StandardCharsets.UTF_8));
    }
}
