package io.jinchuang.ledger.reconciliation;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A year-end report written to a temporary directory instead of held in memory: one file per
 * fund as each is reconciled, then the head. At a million journal lines the report is 87 MB of
 * JSON, which as a Java string (and its copies while it was assembled and stored) ran the
 * batch out of its 256 MB heap. The report's text is the head's fields, then a {@code funds}
 * array of the funds' parts in order: {@link #reader()} reads it so, straight from the files.
 * {@link #close()} deletes the files.
 */
public final class SpooledReport implements AutoCloseable {
    private final Path dir;
    private String head;
    private List<Path> funds;

    private SpooledReport(Path dir) {
        this.dir = dir;
    }

    /** A new, empty spool directory for one run. */
    static SpooledReport create() {
        try {
            return new SpooledReport(Files.createTempDirectory("ledger-reconcile-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the report", e);
        }
    }

    /** Where one fund's part goes (its JSON object, UTF-8). */
    Path fundFile(int index) {
        return dir.resolve("fund-" + index + ".json");
    }

    /** Completes the report: {@code headJson} (a JSON object of the head's fields) and the funds' parts in order. */
    void finish(String headJson, List<Path> funds) {
        if (!headJson.startsWith("{") || !headJson.endsWith("}") || headJson.length() < 3) {
            throw new IllegalArgumentException("the report's head is not a JSON object with fields");
        }
        this.head = headJson;
        this.funds = List.copyOf(funds);
    }

    /** The report's head (every field but the funds' parts) as a JSON object. */
    public String head() {
        return head;
    }

    /** How many funds' parts the report has. */
    int fundCount() {
        return funds.size();
    }

    /** The text before the first fund's part. */
    String opening() {
        return head.substring(0, head.length() - 1) + ",\"funds\":[";
    }

    /** What comes before fund {@code index}'s part in the text. */
    static String beforeFund(int index) {
        return index == 0 ? "" : ",";
    }

    /** The text after the last fund's part. */
    static String end() {
        return "]}";
    }

    /** The whole report as JSON text. */
    public Reader reader() throws IOException {
        List<InputStream> pieces = new ArrayList<>();
        pieces.add(new ByteArrayInputStream(opening().getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < funds.size(); i++) {
            pieces.add(new ByteArrayInputStream(beforeFund(i).getBytes(StandardCharsets.UTF_8)));
            pieces.add(new LazyFile(funds.get(i)));
        }
        pieces.add(new ByteArrayInputStream(end().getBytes(StandardCharsets.UTF_8)));
        return new BufferedReader(new InputStreamReader(new SequenceInputStream(Collections.enumeration(pieces)),
                StandardCharsets.UTF_8), 1 << 16);
    }

    /** Size of the report's text in bytes. */
    public long bytes() throws IOException {
        long bytes = opening().getBytes(StandardCharsets.UTF_8).length + end().length() + Math.max(0, funds.size() - 1);
        for (Path fund : funds) {
            bytes += Files.size(fund);
        }
        return bytes;
    }

    /** A file opened when first read and closed at its end, so a report of many funds holds one open at a time. */
    private static final class LazyFile extends InputStream {
        private final Path path;
        private InputStream in;

        LazyFile(Path path) {
            this.path = path;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                in = Files.newInputStream(path);
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the report's temporary files in " + dir, e);
        }
    }
}
