package io.jinchuang.ledger.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {
    /** The rule the page's number cells follow, as it was written before the check became a loop. */
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    @Test
    void aNumberIsWhatThePatternSaysItIs() {
        for (String text : List.of("0", "12", "-12", "12.50", "-0.01", "", "-", ".5", "5.", "1.2.3", "1e5", "+1", "--1",
                "1,000", " 1", "1 ", "١٢", "12a", "a12", "0.0", "2025-12-31", "91140000000000001X", "-.5", "1-")) {
            assertEquals(NUMBER.matcher(text).matches(), ReportHtml.isNumber(text), text);
        }
    }

    @Test
    void whatTheCsvWritesUnquotedCommonsCsvWouldNotQuote() {
        var format = org.apache.commons.csv.CSVFormat.DEFAULT;
        for (String text : List.of("12.50", "-0.01", "2025-12-31", "Assets:Investments:91140000000000001X", "BF0",
                "a_b", "-", ".", ":x", "SEED", "COMPANY")) {
            assertEquals(true, ReportCsv.plain(text), text);
            assertEquals("a," + text, format.format("a", text), text);
        }
        for (String text : List.of("", "a b", "a,b", "a\"b", "#1", " 1", "1 ", "公司", "a\nb")) {
            assertEquals(false, ReportCsv.plain(text), text);
        }
    }

    @Test
    void textIsEscaped() {
        assertEquals("a&amp;b&lt;c&gt;&quot;d&#39;", ReportHtml.escape("a&b<c>\"d'"));
    }
}
