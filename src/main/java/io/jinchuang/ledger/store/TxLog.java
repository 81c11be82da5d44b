package io.jinchuang.ledger.store;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The embedded database's write-ahead log: an append-only file of committed write sets,
 * each record {@code [length][crc32c][payload]}. A transaction appends its write set and
 * waits until it is on disk (forced) before the database commits; the service answers
 * only after that. After a crash the H2 file is thrown away and rebuilt from this log, so
 * a crash can neither lose an acknowledged posting nor leave half of one visible
 * (H2 alone does both: see README, "Durability").
 *
 * <p>Appends from many threads share one force (group commit): a single writer thread
 * drains the queue, writes every waiting record, forces once and releases them all.
 */
public final class TxLog implements Closeable {
    private static final int HEADER_BYTES = 8;
    /** A record larger than this is a corrupt length field, not a write set. */
    public static final int RECORD_BYTES_MAX = 64 * 1024 * 1024;
    /** How many waiting appends one force may cover. */
    private static final int GROUP_SIZE_MAX = 1024;

    private final FileChannel channel;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    private record Pending(byte[] payload, CompletableFuture<Void> done) {}

    private TxLog(FileChannel channel) {
        this.channel = channel;
        this.writer = new Thread(this::writeLoop, "txlog-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Checks every complete record, cuts a torn tail off the file, and opens it for appends.
     * Records are not kept in memory: a rebuild reads them again, one at a time, from
     * {@link Recovered#records()} (a log is as large as the ledger; the heap may not be).
     */
    public static Recovered open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long[] count = new long[1];
        long validEnd = scan(channel, channel.size(), payload -> count[0]++);
        if (validEnd < channel.size()) {
            // an append that never finished: it was never forced, so never acknowledged
            channel.truncate(validEnd);
            channel.force(true);
        }
        channel.position(validEnd);
        return new Recovered(new TxLog(channel), file, validEnd, count[0]);
    }

    /** The log as found at open: its complete records end at {@code bytes}. */
    public record Recovered(TxLog log, Path file, long bytes, long count) {
        /** The complete records in order, read from the file as they are iterated. */
        public Iterable<byte[]> records() {
            return () -> {
                List<byte[]> batch = new ArrayList<>();
                return new java.util.Iterator<>() {
                    private long position;
                    private int next;

                    @Override
                    public boolean hasNext() {
                        if (next < batch.size()) {
                            return true;
                        }
                        batch.clear();
                        next = 0;
                        position = readSome(file, position, bytes, batch);
                        return !batch.isEmpty();
                    }

                    @Override
                    public byte[] next() {
                        if (!hasNext()) {
                            throw new java.util.NoSuchElementException();
                        }
                        return batch.get(next++);
                    }
                };
            };
        }

        public boolean isEmpty() {
            return count == 0;
        }
    }

    /** Up to a few records from {@code position}, appended to {@code into}; returns where the next starts. */
    private static long readSome(Path file, long position, long end, List<byte[]> into) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return scanFrom(channel, position, end, into::add, READ_AHEAD_RECORDS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the transaction log " + file, e);
        }
    }

    /** Records read per look at the file while a rebuild iterates them. */
    private static final int READ_AHEAD_RECORDS = 64;

    private static long scan(FileChannel channel, long size, java.util.function.Consumer<byte[]> each)
            throws IOException {
        return scanFrom(channel, 0, size, each, Integer.MAX_VALUE);
    }

    /** Walks complete, CRC-checked records from {@code position}; returns where the walk stopped. */
    private static long scanFrom(FileChannel channel, long position, long size,
                                 java.util.function.Consumer<byte[]> each, int recordsMax) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        int records = 0;
        while (records < recordsMax && position + HEADER_BYTES <= size) {
            header.clear();
            channel.read(header, position);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length < 0 || length > RECORD_BYTES_MAX || position + HEADER_BYTES + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            while (payload.hasRemaining()) {
                if (channel.read(payload, position + HEADER_BYTES + payload.position()) < 0) {
                    break;
                }
            }
            if (payload.hasRemaining() || crc(payload.array()) != crc) {
                break;
            }
            each.accept(payload.array());
            records++;
            position += HEADER_BYTES + length;
        }
        return position;
    }

    /** Appends one write set and returns once it is forced to disk. */
    public void append(byte[] payload) {
        if (closed) {
            throw new IllegalStateException("the transaction log is closed");
        }
        Pending pending = new Pending(payload, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the log was being forced", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the transaction log could not be written", e.getCause());
        }
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, GROUP_SIZE_MAX - 1);
                writeGroup(group);
                group.forEach(p -> p.done().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                group.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void writeGroup(List<Pending> group) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Pending pending : group) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            header.putInt(pending.payload().length).putInt(crc(pending.payload()));
            bytes.write(header.array(), 0, HEADER_BYTES);
            bytes.write(pending.payload(), 0, pending.payload().length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    private static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.force(true);
        channel.close();
    }

}
