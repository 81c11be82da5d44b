package io.jinchuang.ledger.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's files while they are written: funds first (from any thread), the head last. */
class ReportFilesDraftTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode head(boolean clean) throws IOException {
        return (ObjectNode) JSON.readTree("{\"year\":2025,\"periodStart\":\"2025-01-01\",\"periodEnd\":\"2025-12-31\","
                + "\"generatedAt\":\"2026-01-02T03:04:05Z\",\"clean\":" + clean + ",\"discrepancies\":"
                + (clean ? 0 : 1) + ",\"fundsSummary\":[{\"fund\":\"F1\"},{\"fund\":\"F2\"}]}");
    }

    private static ObjectNode fund(String code) throws IOException {
        return (ObjectNode) JSON.readTree("{\"fund\":\"" + code + "\",\"name\":\"Fund " + code + "\",\"clean\":true,"
                + "\"balances\":[{\"account\":\"Assets:Cash\",\"opening\":\"1.00\",\"closing\":\"2.50\"}]}");
    }

    private List<String> names(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void fundsWrittenBeforeTheHeadGiveTheSameFilesAsTheWholeReportParsed() throws IOException {
        Path target = dir.resolve("drafted");
        ObjectNode head = head(false);
        try (ReportFiles.Draft draft = ReportFiles.Draft.begin(target)) {
            draft.fund(head, fund("F2")); // in any order: the funds' threads finish when they finish
            draft.fund(head, fund("F1"));
            assertFalse(Files.exists(target), "nothing under the target's name before the end");
            draft.finish(head);
        }
        ObjectNode whole = head.deepCopy();
        whole.putArray("funds").add(fund("F1")).add(fund("F2"));
        Path parsed = dir.resolve("parsed");
        ReportFiles.write(parsed, JSON.writeValueAsString(whole));
        assertEquals(List.of("funds/F1.csv", "funds/F1.html", "funds/F1.json", "funds/F2.csv", "funds/F2.html",
                "funds/F2.json", "index.html", "summary.csv", "summary.json"), names(target));
        for (String name : names(parsed)) {
            assertEquals(Files.readString(parsed.resolve(name)), Files.readString(target.resolve(name)), name);
        }
        String csv = Files.readString(target.resolve("funds/F1.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFfund,section,section_label,item,measure,measure_label,value\r\n"), csv);
        assertTrue(csv.contains("F1,run,"), "the run's head opens the fund's CSV: " + csv);
        assertTrue(csv.contains(",clean,") && csv.contains(",false\r\n"), csv);
    }

    @Test
    void aDraftClosedUnfinishedLeavesNothing() throws IOException {
        Path target = dir.resolve("report");
        try (ReportFiles.Draft draft = ReportFiles.Draft.begin(target)) {
            draft.fund(head(true), fund("F1"));
        }
        assertEquals(List.of(), names(dir));
        assertFalse(Files.exists(target));
    }

    @Test
    void aFundTwiceIsRefused() throws IOException {
        try (ReportFiles.Draft draft = ReportFiles.Draft.begin(dir.resolve("twice"))) {
            draft.fund(head(true), fund("F1"));
            assertThrows(IOException.class, () -> draft.fund(head(true), fund("F1")));
        }
    }
}
