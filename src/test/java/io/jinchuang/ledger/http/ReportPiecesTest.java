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
    private static final List<String> PIECES = List.of("{\"id\":\"r\",\"report\":", "", "{\"name\":\"晋创谷",
            " 𠀀 fund\"", ",\"x\":1}", "}");

    @Test
    void theBytesAreThoseOfTheWholeTextWhateverTheReadSize() throws IOException {
        byte[] whole = String.join("", PIECES).getBytes(StandardCharsets.UTF_8);
        for (int size : new int[] {1, 2, 3, 7, 64, 1 << 16}) {
            List<Integer> fetched = new ArrayList<>();
            var in = new ReconciliationsApi.Pieces(PIECES.size(), n -> {
                fetched.add(n);
                return PIECES.get(n);
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[size];
            for (int n; (n = in.read(buffer, 0, size)) != -1; ) {
                out.write(buffer, 0, n);
            }
            assertArrayEquals(whole, out.toByteArray(), "read size " + size);
            assertEquals(List.of(0, 1, 2, 3, 4, 5), fetched, "each piece fetched once, in order");
            assertEquals(-1, in.read());
        }
    }

    @Test
    void singleBytesToo() throws IOException {
        var in = new ReconciliationsApi.Pieces(PIECES.size(), PIECES::get);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            out.write(b);
        }
        assertEquals(String.join("", PIECES), out.toString(StandardCharsets.UTF_8));
    }
}
