package io.jinchuang.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
