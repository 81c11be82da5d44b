package io.jinchuang.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log keeps a large write set as a group of records: recovery keeps a group only when it is whole. */
class TxLogTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> recovered(Path file) throws IOException {
        TxLog.Recovered recovered = TxLog.open(file, true);
        List<String> records = new ArrayList<>();
        recovered.records().forEach(r -> records.add(new String(r, StandardCharsets.UTF_8)));
        recovered.log().close();
        return records;
    }

    @Test
    void groupsAndSingleRecordsComeBackInOrder() throws IOException {
        Path file = dir.resolve("ledger.txlog");
        TxLog log = TxLog.open(file, true).log();
        log.append(bytes("[1]"));
        log.append(List.of(bytes("[2a]"), bytes("[2b]"), bytes("[2c]")));
        log.append(bytes("[3]"));
        log.close();
        assertEquals(List.of("[1]", "[2a]", "[2b]", "[2c]", "[3]"), recovered(file));
        // a clean reopen does not read the log at all, and appends after it
        TxLog.Recovered clean = TxLog.open(file, false);
        assertEquals(false, clean.records().iterator().hasNext());
        clean.log().append(bytes("[4]"));
        clean.log().close();
        assertEquals(List.of("[1]", "[2a]", "[2b]", "[2c]", "[3]", "[4]"), recovered(file));
    }

    @Test
    void aTornGroupIsCutOffWhole() throws IOException {
        Path file = dir.resolve("ledger.txlog");
        TxLog log = TxLog.open(file, true).log();
        log.append(bytes("[1]"));
        long afterFirst = Files.size(file);
        log.append(List.of(bytes("[2a]"), bytes("[2b]"), bytes("[2c-the-last-part]")));
        log.close();
        long whole = Files.size(file);
        // the crash came while the last part was being written, and after the first parts were complete
        for (long cut : List.of(whole - 3, whole - "[2c-the-last-part]".length() - 8, afterFirst + 9)) {
            Path torn = dir.resolve("torn-" + cut);
            Files.copy(file, torn);
            try (FileChannel channel = FileChannel.open(torn, StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }
            assertEquals(List.of("[1]"), recovered(torn), "cut at " + cut);
            assertEquals(afterFirst, Files.size(torn), "the torn group is cut off the file");
        }
    }

    @Test
    void aFailedWriteIsCutOffAndStopsTheLogSoNothingAcknowledgedFollowsDebris() throws IOException {
        Path file = dir.resolve("ledger.txlog");
        FailingChannel channel = new FailingChannel(FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE));
        TxLog log = TxLog.appendingTo(channel);
        log.append(bytes("[1]"));
        long afterFirst = Files.size(file);
        channel.tearNextWrite = true; // the header reaches the file, then the write fails (a full disk)
        assertThrows(IllegalStateException.class, () -> log.append(bytes("[2-refused]")));
        assertFalse(log.healthy());
        assertEquals(afterFirst, Files.size(file), "the torn record was cut off again");
        // the disk has room again: the log still refuses, as after a failed force nothing is sure
        assertThrows(IllegalStateException.class, () -> log.append(bytes("[3]")));
        assertEquals(afterFirst, Files.size(file));
        log.close();
        assertEquals(List.of("[1]"), recovered(file));
    }

    @Test
    void anInterruptedAppendStillWaitsForItsForceAndKeepsTheInterrupt() throws IOException {
        Path file = dir.resolve("ledger.txlog");
        TxLog log = TxLog.open(file, true).log();
        Thread.currentThread().interrupt();
        log.append(bytes("[1]")); // returns only once forced: its transaction may then commit
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        log.close();
        assertEquals(List.of("[1]"), recovered(file));
    }

    @Test
    void aZeroedHeaderIsNotARecord() throws IOException {
        Path file = dir.resolve("ledger.txlog");
        TxLog log = TxLog.open(file, true).log();
        log.append(bytes("[1]"));
        log.close();
        long afterFirst = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.allocate(64)); // a tail of zeros, as a lost page leaves it
        }
        assertEquals(List.of("[1]"), recovered(file));
        assertEquals(afterFirst, Files.size(file), "the zeros are cut off");
    }

    /** A file channel that, when told to, writes part of a gathering write and then fails. */
    private static final class FailingChannel extends FileChannel {
        private final FileChannel file;
        volatile boolean tearNextWrite;

        FailingChannel(FileChannel file) {
            this.file = file;
        }

        @Override
        public long write(java.nio.ByteBuffer[] sources, int offset, int length) throws IOException {
            if (tearNextWrite) {
                tearNextWrite = false;
                file.write(sources[offset]);
                throw new IOException("No space left on device");
            }
            return file.write(sources, offset, length);
        }

        @Override
        public int read(java.nio.ByteBuffer destination) throws IOException {
            return file.read(destination);
        }

        @Override
        public long read(java.nio.ByteBuffer[] destinations, int offset, int length) throws IOException {
            return file.read(destinations, offset, length);
        }

        @Override
        public int write(java.nio.ByteBuffer source) throws IOException {
            return file.write(source);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long position) throws IOException {
            file.position(position);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, java.nio.channels.WritableByteChannel target)
                throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(java.nio.channels.ReadableByteChannel source, long position, long count)
                throws IOException {
            return file.transferFrom(source, position, count);
        }

        @Override
        public int read(java.nio.ByteBuffer destination, long position) throws IOException {
            return file.read(destination, position);
        }

        @Override
        public int write(java.nio.ByteBuffer source, long position) throws IOException {
            return file.write(source, position);
        }

        @Override
        public java.nio.MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public java.nio.channels.FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public java.nio.channels.FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
