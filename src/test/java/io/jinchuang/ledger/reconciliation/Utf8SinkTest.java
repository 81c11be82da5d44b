package io.jinchuang.ledger.reconciliation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The year-end files' writer writes exactly the bytes Java's own UTF-8 writer writes, through
 * every way of writing to it, across its buffer's edges, for ASCII, Chinese, characters
 * outside the Basic Multilingual Plane and surrogates without their other half.
 */
class Utf8SinkTest {
    private static final String[] PIECES = {"Assets:Cash", "1668461696.09", ",", "\r\n", "账户期初期末余额 Account balances",
            "期初", "é", "ß", "\u07FF", "\u0800", "\uFFFF", "😀", "𠀋", "\uD83D", "\uDE00", "\uD800\uD800", "\uDC00\uD800",
            "<td class=\"num\">", "\uFEFF", "", "a"};

    @Test
    void writesTheBytesOfJavasUtf8WriterWhicheverWayTextArrives() throws IOException {
        Random random = new Random(20261127L);
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            try (Writer reference = new OutputStreamWriter(expected, StandardCharsets.UTF_8);
                 Utf8Sink sink = new Utf8Sink(actual)) {
                int writes = 1 + random.nextInt(round < 5 ? 60_000 : 400); // some rounds cross the 64 KiB buffer often
                for (int i = 0; i < writes; i++) {
                    String text = text(random);
                    reference.write(text);
                    switch (random.nextInt(7)) {
                        case 0 -> sink.write(text);
                        case 1 -> sink.append(new StringBuilder(text));
                        case 2 -> sink.write(text.toCharArray(), 0, text.length());
                        case 3 -> {
                            for (char c : text.toCharArray()) {
                                sink.write(c);
                            }
                        }
                        case 4 -> {
                            int cut = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
                            sink.write(text, 0, cut);
                            sink.append("x" + text + "y", cut + 1, text.length() + 1);
                        }
                        case 5 -> {
                            // encoded runs (the CSV's cached fields) are whole, well-formed text
                            if (wellFormed(text)) {
                                sink.write(text.getBytes(StandardCharsets.UTF_8));
                            } else {
                                sink.write(text);
                            }
                        }
                        default -> {
                            sink.write(text);
                            sink.flush();
                            reference.flush();
                        }
                    }
                }
            }
            assertArrayEquals(expected.toByteArray(), actual.toByteArray(), "round " + round);
        }
    }

    @Test
    void closesItsStreamWhenTheLastWriteFailsAndRefusesWritesOnceClosed() throws IOException {
        boolean[] closed = {false};
        OutputStream full = new OutputStream() { // a disk that is full
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        Utf8Sink sink = new Utf8Sink(full);
        sink.write("held in the buffer until the end");
        assertThrows(IOException.class, sink::close);
        assertTrue(closed[0], "the file is closed all the same");
        assertThrows(IOException.class, () -> sink.write("more"));
        assertThrows(IOException.class, () -> sink.write(new byte[] {'x'}));
        assertThrows(IOException.class, sink::flush);
        sink.close(); // closing again does nothing
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(4); n >= 0; n--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        if (random.nextInt(50) == 0) {
            text.append("x".repeat(70_000)); // longer than the buffer
        }
        return text.toString();
    }

    private static boolean wellFormed(String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }
}
