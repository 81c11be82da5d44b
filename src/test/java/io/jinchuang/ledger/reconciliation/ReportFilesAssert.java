package io.jinchuang.ledger.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Compares two report directories file by file, byte for byte but for the lines that carry the run's time stamp. */
public final class ReportFilesAssert {
    private ReportFilesAssert() {}

    public static List<String> files(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertSameButTimeStamp(Path expected, Path actual) {
        List<String> names = files(expected);
        assertEquals(names, files(actual));
        assertTrue(names.containsAll(List.of("summary.json", "summary.csv", "index.html")), names::toString);
        for (String name : names) {
            List<String> a = lines(expected.resolve(name));
            List<String> b = lines(actual.resolve(name));
            assertEquals(a.size(), b.size(), name);
            int stamps = 0;
            for (int i = 0; i < a.size(); i++) {
                if (isTimeStamp(a.get(i))) {
                    stamps++;
                    assertTrue(isTimeStamp(b.get(i)), name + " line " + (i + 1));
                } else {
                    assertEquals(a.get(i), b.get(i), name + " line " + (i + 1));
                }
            }
            assertEquals(1, stamps, name + " carries the run's time stamp on exactly one line");
        }
    }

    /** The run time stamp: "generatedAt" in JSON and CSV, "Generated at" in HTML. */
    static boolean isTimeStamp(String line) {
        return line.contains("generatedAt") || line.contains("Generated at");
    }

    private static List<String> lines(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertFalse(text.isEmpty(), file::toString);
            return List.of(text.split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
