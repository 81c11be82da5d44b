package io.jinchuang.ledger.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The year-end CSV defuses text a spreadsheet would run as a formula, and leaves numbers alone. */
class ReportCsvTest {
    @Test
    void aNameOrReferenceThatLooksLikeAFormulaGetsAnApostropheAndAmountsStayNumbers() throws Exception {
        var report = new ObjectMapper().readTree("""
                {"fund":"F1","name":"=HYPERLINK(\\"http://x\\",\\"y\\")","manager":"@SUM(A1)",
                 "balances":[{"account":"Assets:Cash","closing":"-100.00"}],
                 "bank":{"unmatchedStatement":[{"line":1,"date":"2025-01-02","amount":"-5.00","reference":"-A1"}]}}""");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportCsv.body(new Utf8Sink(out), "F1", report);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), csv);
        assertTrue(csv.contains(",'@SUM(A1)\r\n"), csv);
        assertTrue(csv.contains(",'-A1\r\n"), csv);
        assertTrue(csv.contains(",-100.00\r\n"), csv);
        assertTrue(csv.contains(",-5.00\r\n"), csv);
        assertFalse(csv.contains(",=") || csv.contains(",@") || csv.contains(",-A1"), csv);
        assertEquals("'=1+1", ReportCsv.defused("=1+1"));
        assertEquals("-12.5", ReportCsv.defused("-12.5"));
        assertEquals("Assets:Cash", ReportCsv.defused("Assets:Cash"));
    }
}
