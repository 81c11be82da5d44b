package io.jinchuang.ledger.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.money.Money;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementCsvTest {
    private static List<StatementLine> parse(String text) throws IOException {
        return StatementCsv.parse(new StringReader(text), "X.csv");
    }

    @Test
    void readsTheThreeColumnsWithABomBlankLinesQuotesAndNoReference() throws IOException {
        List<StatementLine> lines = parse("\uFEFFdate,amount,reference\r\n2025-01-02,30000000.00,ICBC 001\r\n\r\n"
                + "2025-02-03,-1500000,\n2025-03-04,\"-0.5\",\"A,B\"\n");
        assertEquals(3, lines.size());
        assertEquals(new StatementLine(1, LocalDate.of(2025, 1, 2), Money.of("30000000.00"), "ICBC 001"), lines.get(0));
        assertEquals(2, lines.get(1).lineNo());
        assertEquals(Money.of("-1500000.00"), lines.get(1).amount());
        assertNull(lines.get(1).reference());
        assertEquals("A,B", lines.get(2).reference());
    }

    @Test
    void refusesWhatIsNotAStatementNamingTheLine() {
        for (String[] bad : new String[][] {
                {"day,amount,reference\n", "header"},
                {"date,amount,reference\n2025-02-30,1.00,x\n", "line 2 (statement line 1): date"},
                {"date,amount,reference\n2025-02-03,1.005,x\n", "line 2 (statement line 1): amount"},
                {"date,amount,reference\n2025-02-03,1e5,x\n", "line 2 (statement line 1): amount"},
                {"date,amount,reference\n2025-02-03,0,x\n", "must not be zero"},
                {"date,amount,reference\n2025-02-03,1.00\n", "expected 3 fields"}}) {
            StatementCsv.Invalid e = assertThrows(StatementCsv.Invalid.class, () -> parse(bad[0]), bad[0]);
            assertTrue(e.getMessage().startsWith("X.csv") && e.getMessage().contains(bad[1]), e.getMessage());
        }
    }

    @Test
    void aDirectoryTakesCsvFilesInAnyCaseAndRefusesTwoForOneFund(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Files.writeString(dir.resolve("SEED-1.CSV"), "date,amount,reference\n2025-01-02,5.00,R\n");
        java.nio.file.Files.writeString(dir.resolve("notes.txt"), "not a statement");
        var statements = StatementCsv.readDirectory(dir);
        assertEquals(List.of("SEED-1"), List.copyOf(statements.keySet()), "an upper-case .CSV is not skipped");
        java.nio.file.Files.writeString(dir.resolve("SEED-1.csv"), "date,amount,reference\n");
        StatementCsv.Invalid twice = assertThrows(StatementCsv.Invalid.class, () -> StatementCsv.readDirectory(dir));
        assertTrue(twice.getMessage().contains("two statement files for fund SEED-1"), twice::getMessage);
    }
}
