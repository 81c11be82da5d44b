package io.jinchuang.ledger.store;

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
 * each record {@code [length][crc32c][payload]}. A write set too large for one record
 * (an import) is several records written together: every one but the last has
 * {@link #CONTINUED} set in its length, and recovery keeps a group only when its last
 * record is whole (a torn group is cut off like a torn record). A transaction appends its write set and
 * waits until it is on disk (forced) before the database commits; the service answers
 * only after that. After a crash the H2 file is thrown away and rebuilt from this log, so
 * a crash can neither lose an acknowledged posting nor leave half of one visible
 * (H2 alone does both: see README, "Durability").
 *
 * <p>Appends from many threads share one force (group commit): a single writer thread
 * drains the queue, writes every waiting record, forces once and releases them all.
 *
 * <p>When a write or a force fails, the group's bytes are cut off again and the log stops:
 * every later append fails (the service must be restarted), since after a failed force
 * nothing says what reached the disk, and a later acknowledged record written after
 * debris would be cut off with it at the next recovery.
 */
public final class TxLog implements Closeable {
    private static final int HEADER_BYTES = 8;
    /** A record larger than this is a corrupt length field, not a write set. */
    public static final int RECORD_BYTES_MAX = 64 * 1024 * 1024;
    /** Set in a record's length when the next record belongs to the same transaction. */
    private static final int CONTINUED = 0x8000_0000;
    /** How many waiting appends one force may cover. */
    private static final int GROUP_SIZE_MAX = 1024;

    private final FileChannel channel;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    /** The failure that stopped the log; null while it works. */
    private volatile Exception failed;

    /** {@code openEnded}: the transaction goes on in later records (its last part too is CONTINUED). */
    private record Pending(List<byte[]> parts, CompletableFuture<Void> done, boolean openEnded) {}

    private TxLog(FileChannel channel) {
        this.channel = channel;
        this.writer = new Thread(this::writeLoop, "txlog-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Opens the log for appends. With {@code recover} (after a crash, or with no database
     * beside it) it first checks every record, cuts a torn tail off the file, and offers the
     * whole groups for replay, read again from the file one at a time (a large log is never
     * held in memory). Without, the last run closed cleanly and the log is whole.
     */
    public static Recovered open(Path file, boolean recover) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (!recover) {
            channel.position(channel.size());
            return new Recovered(new TxLog(channel), List.of(), channel.size());
        }
        long validEnd = scan(channel, channel.size(), null);
        if (validEnd < channel.size()) {
            // an append that never finished: it was never forced, so never acknowledged
            channel.truncate(validEnd);
            channel.force(true);
        }
        channel.position(validEnd);
        Iterable<byte[]> records = () -> new RecordIterator(channel, validEnd);
        return new Recovered(new TxLog(channel), records, validEnd);
    }

    public record Recovered(TxLog log, Iterable<byte[]> records, long bytes) {}

    /** A log appending to {@code channel} as it is (tests give it one that fails on demand). */
    static TxLog appendingTo(FileChannel channel) throws IOException {
        channel.position(channel.size());
        return new TxLog(channel);
    }

    /**
     * Reads records from the start up to {@code end}, handing each whole group's payloads to
     * {@code sink} (null: only check them).
     *
     * @return where the last whole group of records ends
     */
    private static long scan(FileChannel channel, long end, java.util.function.Consumer<byte[]> sink)
            throws IOException {
        long position = 0;
        long groupStart = 0;
        List<byte[]> group = new ArrayList<>();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        while (position + HEADER_BYTES <= end) {
            header.clear();
            channel.read(header, position);
            header.flip();
            int framed = header.getInt();
            int crc = header.getInt();
            int length = framed & ~CONTINUED;
            // no write set is empty: a zeroed header (whose empty payload has CRC 0) is not a record
            if (length == 0 || length > RECORD_BYTES_MAX || position + HEADER_BYTES + length > end) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            channel.read(payload, position + HEADER_BYTES);
            if (crc(payload.array()) != crc) {
                break;
            }
            if (sink != null) {
                group.add(payload.array());
            }
            position += HEADER_BYTES + length;
            if ((framed & CONTINUED) == 0) {
                if (sink != null) {
                    group.forEach(sink);
                    group.clear();
                }
                groupStart = position;
            }
        }
        return groupStart;
    }

    /** The payloads of a checked log, read one record at a time. */
    private static final class RecordIterator implements java.util.Iterator<byte[]> {
        private final FileChannel channel;
        private final long end;
        private long position;

        RecordIterator(FileChannel channel, long end) {
            this.channel = channel;
            this.end = end;
        }

        @Override
        public boolean hasNext() {
            return position < end;
        }

        @Override
        public byte[] next() {
            try {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                channel.read(header, position);
                header.flip();
                int length = header.getInt() & ~CONTINUED;
                ByteBuffer payload = ByteBuffer.allocate(length);
                channel.read(payload, position + HEADER_BYTES);
                position += HEADER_BYTES + length;
                return payload.array();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("the transaction log could not be read again", e);
            }
        }
    }

    /** Appends one write set and returns once it is forced to disk. */
    public void append(byte[] payload) {
        append(List.of(payload));
    }

    /** Appends one write set cut into parts (kept together, as one) and returns once it is forced to disk. */
    public void append(List<byte[]> parts) {
        if (closed) {
            throw new IllegalStateException("the transaction log is closed");
        }
        refuseWhenFailed();
        for (byte[] part : parts) {
            if (part.length > RECORD_BYTES_MAX) {
                throw new IllegalArgumentException("a log record of " + part.length + " bytes is over the limit");
            }
        }
        Pending pending = new Pending(List.copyOf(parts), new CompletableFuture<>(), false);
        queue.add(pending);
        // not interruptible: once queued the record will be written, so the caller must learn
        // whether it was before its transaction commits or rolls back (an interrupted caller
        // that rolled back would leave in the log a transaction the database never had)
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    pending.done().get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("the transaction log could not be written", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Queues one part of a transaction that goes on, and returns without waiting: its later
     * parts and its end come with the next {@link #append}, which waits for all of them. Until
     * that end is on disk the parts are a torn group that recovery cuts off. Only for a
     * process that is the log's one writer meanwhile ({@link Database#writeInParts}): an
     * append of another transaction in between would end this one's group.
     */
    void appendContinuing(byte[] part) {
        if (closed) {
            throw new IllegalStateException("the transaction log is closed");
        }
        refuseWhenFailed();
        if (part.length > RECORD_BYTES_MAX) {
            throw new IllegalArgumentException("a log record of " + part.length + " bytes is over the limit");
        }
        queue.add(new Pending(List.of(part), new CompletableFuture<>(), true));
    }

    /** Whether appends still work (false once a write or force failed). */
    public boolean healthy() {
        return failed == null;
    }

    /** Stops appends: the database and the log no longer agree (see {@link Database#write}). */
    void stop(Exception cause) {
        if (failed == null) {
            failed = cause;
        }
    }

    private void refuseWhenFailed() {
        Exception cause = failed;
        if (cause != null) {
            throw new IllegalStateException("the transaction log stopped after a failed write (" + cause
                    + "); restart the service", cause);
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
                if (failed != null) {
                    throw new IOException("the transaction log stopped after a failed write", failed);
                }
                long start = channel.position();
                try {
                    writeGroup(group);
                } catch (IOException | RuntimeException | Error e) {
                    failed = e instanceof Exception failure ? failure : new IllegalStateException(e);
                    cutOff(start);
                    throw e;
                }
                group.forEach(p -> p.done().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException | Error e) {
                // an Error too: the writer must live on to fail every later append, not leave them waiting
                group.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    /** After a failed group: its bytes off the file again, as far as the file lets us. */
    private void cutOff(long start) {
        try {
            channel.truncate(start);
            channel.position(start);
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            failed.addSuppressed(e); // the log is stopped either way; recovery checks every record
        }
    }

    private void writeGroup(List<Pending> group) throws IOException {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (Pending pending : group) {
            for (int i = 0; i < pending.parts().size(); i++) {
                byte[] part = pending.parts().get(i);
                boolean continued = i < pending.parts().size() - 1 || pending.openEnded();
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                header.putInt(continued ? part.length | CONTINUED : part.length).putInt(crc(part)).flip();
                buffers.add(header);
                buffers.add(ByteBuffer.wrap(part));
            }
        }
        ByteBuffer[] all = buffers.toArray(ByteBuffer[]::new);
        long remaining = buffers.stream().mapToLong(ByteBuffer::remaining).sum();
        while (remaining > 0) {
            remaining -= channel.write(all);
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
