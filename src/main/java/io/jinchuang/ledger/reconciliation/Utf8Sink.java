package io.jinchuang.ledger.reconciliation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A {@link Writer} that encodes UTF-8 straight into its own byte buffer, for the year-end
 * files: ~650 MB over the benchmark's 100 funds, mostly ASCII figures and codes with Chinese
 * labels in every row. Through an {@code OutputStreamWriter} each chunk is copied into the
 * encoder's buffers and, holding non-Latin-1 text, encoded on its slow path, character by
 * character. The bytes are the same: characters outside the Basic Multilingual Plane as
 * four bytes, and a surrogate without its other half as {@code ?}, as Java's encoder writes
 * it. Not thread-safe, as a report file has one writer.
 */
final class Utf8Sink extends Writer {
    private static final int SIZE = 1 << 16;
    private final OutputStream out;
    private final byte[] buffer = new byte[SIZE];
    private int used;
    /** A high surrogate written last, waiting for its low half (the next character). */
    private char pendingHigh;
    private boolean closed;

    Utf8Sink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        ensureOpen();
        put((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        ensureOpen();
        for (int i = offset; i < offset + length; i++) {
            put(chars[i]);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        append(text, offset, offset + length);
    }

    @Override
    public void write(String text) throws IOException {
        append(text, 0, text.length());
    }

    /** Whole, well-formed text already encoded (a cached run of UTF-8), as it is. */
    void write(byte[] utf8) throws IOException {
        ensureOpen();
        if (utf8.length == 0) {
            return; // nothing follows a waiting high surrogate yet
        }
        if (pendingHigh != 0) {
            orphan();
        }
        if (utf8.length > SIZE - used) {
            drain();
            if (utf8.length > SIZE) {
                out.write(utf8);
                return;
            }
        }
        System.arraycopy(utf8, 0, buffer, used, utf8.length);
        used += utf8.length;
    }

    @Override
    public Writer append(CharSequence text) throws IOException {
        return append(text, 0, text.length());
    }

    @Override
    public Writer append(CharSequence text, int start, int end) throws IOException {
        ensureOpen();
        int i = start;
        while (i < end) {
            if (pendingHigh == 0) {
                // the common case: a run of ASCII copied while it fits
                int room = Math.min(end - i, SIZE - used);
                int stop = i + room;
                while (i < stop) {
                    char c = text.charAt(i);
                    if (c >= 0x80) {
                        break;
                    }
                    buffer[used++] = (byte) c;
                    i++;
                }
                if (i == end) {
                    break;
                }
                if (used == SIZE) {
                    drain();
                    continue;
                }
            }
            put(text.charAt(i++));
        }
        return this;
    }

    /** One UTF-16 unit: a surrogate pair becomes four bytes once its second half arrives. */
    private void put(char c) throws IOException {
        if (SIZE - used < 4) {
            drain();
        }
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                buffer[used++] = (byte) (0xF0 | cp >> 18);
                buffer[used++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buffer[used++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buffer[used++] = (byte) (0x80 | cp & 0x3F);
                return;
            }
            buffer[used++] = '?'; // a high surrogate alone
        }
        if (c < 0x80) {
            buffer[used++] = (byte) c;
        } else if (c < 0x800) {
            buffer[used++] = (byte) (0xC0 | c >> 6);
            buffer[used++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            buffer[used++] = '?'; // a low surrogate alone
        } else {
            buffer[used++] = (byte) (0xE0 | c >> 12);
            buffer[used++] = (byte) (0x80 | c >> 6 & 0x3F);
            buffer[used++] = (byte) (0x80 | c & 0x3F);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
    }

    private void drain() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    /** Writes what is buffered; a high surrogate still waiting for its other half stays. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        drain();
        out.flush();
    }

    /** A high surrogate whose other half never came: {@code ?}, as Java's encoder writes it. */
    private void orphan() throws IOException {
        pendingHigh = 0;
        if (used == SIZE) {
            drain();
        }
        buffer[used++] = '?';
    }

    /**
     * A high surrogate left waiting at the end is written as {@code ?}. The stream is closed
     * even when the last write fails, and the sink refuses writes from then on.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (pendingHigh != 0) {
                orphan();
            }
            drain();
        } finally {
            out.close();
        }
    }
}
