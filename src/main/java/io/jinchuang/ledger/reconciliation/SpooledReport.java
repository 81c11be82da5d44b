package io.jinchuang.ledger.reconciliation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A year-end report written to a temporary directory instead of held in memory: one file per
 * fund as each is reconciled, then the whole report (the head's fields, then the funds' parts
 * in order) streamed into one file. At a million journal lines the report is 87 MB of JSON,
 * which as a Java string (and its copies while it was assembled and stored) ran the batch out
 * of its 256 MB heap. Read it with {@link #reader()}; {@link #close()} deletes the files.
 */
public final class SpooledReport implements AutoCloseable {
    private final Path dir;
    private final Path report;
    private String head;

    private SpooledReport(Path dir) {
        this.dir = dir;
        this.report = dir.resolve("report.json");
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

    /**
     * Writes the report: {@code headJson} (a JSON object of the head's fields) with a
     * {@code funds} array of the given parts appended, each part's file copied as it is and
     * deleted once copied.
     */
    void assemble(String headJson, List<Path> funds) {
        if (!headJson.startsWith("{") || !headJson.endsWith("}") || headJson.length() < 3) {
            throw new IllegalArgumentException("the report's head is not a JSON object with fields");
        }
        this.head = headJson;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(report), 1 << 16)) {
            out.write(headJson.substring(0, headJson.length() - 1).getBytes(StandardCharsets.UTF_8));
            out.write(",\"funds\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < funds.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                Files.copy(funds.get(i), out);
                Files.delete(funds.get(i));
            }
            out.write("]}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + report, e);
        }
    }

    /** The report's head (every field but the funds' parts) as a JSON object. */
    public String head() {
        return head;
    }

    /** The whole report as JSON text. */
    public Reader reader() throws IOException {
        return new BufferedReader(Files.newBufferedReader(report, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Size of the report file in bytes. */
    public long bytes() throws IOException {
        return Files.size(report);
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
