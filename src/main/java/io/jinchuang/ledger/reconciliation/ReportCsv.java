package io.jinchuang.ledger.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;

/**
 * The report as CSV in long form: one row per figure, so every part of the report fits one
 * fixed set of columns (see README, "Year-end batch"). UTF-8 with a BOM, so that Excel
 * shows the Chinese labels; CRLF line ends (RFC 4180).
 */
final class ReportCsv {
    static final List<String> COLUMNS = List.of("fund", "section", "section_label", "item", "measure",
            "measure_label", "value");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

    record Row(String section, String item, String measure, String value) {}

    private ReportCsv() {}

    /**
     * The first part of a file: the BOM, the column names and the {@code run} rows (the
     * report's head). {@code out} is flushed, not closed: the rows of {@link #body} follow it.
     */
    static void head(Utf8Sink out, String fund, JsonNode head) throws IOException {
        out.write('\uFEFF');
        List<Row> rows = new ArrayList<>();
        for (String field : List.of("year", "periodStart", "periodEnd", "generatedAt", "clean", "discrepancies")) {
            rows.add(new Row("run", "", field, text(head.get(field))));
        }
        print(out, fund, COLUMNS, rows);
    }

    /** The rows of one fund's part, or of the funds summary; {@code out} is flushed, not closed. */
    static void body(Utf8Sink out, String fund, JsonNode body) throws IOException {
        List<Row> rows = new ArrayList<>();
        flattenTop(body, rows);
        print(out, fund, null, rows);
    }

    /**
     * The rows, each field quoted as commons-csv quotes it. A fund's file is ~40,000 rows whose
     * fund, section and its label open every row of a section and whose measure and its label
     * repeat for every item: each such run of fields is formatted by commons-csv once and kept
     * as UTF-8 bytes, the item once for its figures, and an item or value that commons-csv
     * would not quote is written as it is (each formatting by commons-csv builds a printer:
     * for every item it was 5% of the batch's allocations). Printing every field through the
     * printer was the largest part of writing the year-end files; then encoding the repeated
     * runs, Chinese labels and all, character by character.
     */
    private static void print(Utf8Sink out, String fund, List<String> columns, List<Row> rows) throws IOException {
        byte[] separator = utf8(FORMAT.getRecordSeparator());
        if (columns != null) {
            out.write(FORMAT.format(columns.toArray()));
            out.write(separator);
        }
        String first = FORMAT.format(fund);
        Map<String, byte[]> sections = new java.util.HashMap<>();
        Map<String, byte[]> measures = new java.util.HashMap<>();
        String item = null;
        byte[] itemText = null;
        for (Row row : rows) {
            if (!row.item().equals(item)) {
                item = row.item();
                itemText = utf8(cell(defused(item)));
            }
            out.write(sections.computeIfAbsent(row.section(),
                    section -> utf8(first + ',' + quote(section) + ',' + quote(Labels.of(section)) + ',')));
            out.write(itemText);
            out.write(measures.computeIfAbsent(row.measure(),
                    measure -> utf8(',' + quote(measure) + ',' + quote(Labels.of(measure)) + ',')));
            out.write(cell(defused(row.value())));
            out.write(separator);
        }
        out.flush();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Text commons-csv's minimal quoting never quotes: letters, digits and {@code . : _ -} only
     * (no delimiter, quote or line end, nothing at or below {@code #} first, no space last):
     * amounts, dates, codes and account names, most of a report's values.
     */
    static boolean plain(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == ':'
                    || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /**
     * Text a spreadsheet would run as a formula (a name or a bank reference someone typed) is
     * defused as in the exemption report's CSV ({@link io.jinchuang.ledger.exemption.CsvReport#cell});
     * numbers, negative amounts included, are left as they are.
     */
    static String defused(String value) {
        String cell = io.jinchuang.ledger.exemption.CsvReport.cell(value);
        // the matcher only for what the rule would change: most of a fund's ~40,000 values pass as they are
        return cell == value || NUMBER.matcher(value).matches() ? value : cell;
    }

    private static String cell(String value) {
        return plain(value) ? value : quote(value);
    }

    /** {@code value} as commons-csv prints it anywhere but first in a record. */
    private static String quote(String value) {
        return FORMAT.format("a", value).substring(2);
    }

    /** Scalars of the top object are section "fund"; each object or array field is a section of its own. */
    static void flattenTop(JsonNode top, List<Row> rows) {
        for (Iterator<Map.Entry<String, JsonNode>> it = top.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(field.getKey(), "", "", value, rows);
            } else if (value.isArray()) {
                elements(field.getKey(), "", field.getKey(), value, rows);
            } else {
                rows.add(new Row("fund", "", field.getKey(), text(value)));
            }
        }
    }

    private static void flatten(String section, String item, String prefix, JsonNode object, List<Row> rows) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(section, item, name + ".", value, rows);
            } else if (value.isArray()) {
                elements(section + "." + name, item, name, value, rows);
            } else {
                rows.add(new Row(section, item, name, text(value)));
            }
        }
    }

    private static void elements(String section, String item, String name, JsonNode array, List<Row> rows) {
        for (JsonNode element : array) {
            if (element.isObject()) {
                String key = key(element);
                flatten(section, item.isEmpty() ? key : item + " / " + key, "", element, rows);
            } else {
                rows.add(new Row(section, item, name, text(element)));
            }
        }
    }

    /** What names an element of a list: its first field, with its type and subject when it has them. */
    static String key(JsonNode element) {
        Iterator<Map.Entry<String, JsonNode>> fields = element.fields();
        if (!fields.hasNext()) {
            return "";
        }
        Map.Entry<String, JsonNode> first = fields.next();
        StringBuilder key = new StringBuilder(text(first.getValue()));
        if (!first.getKey().equals("type") && element.hasNonNull("type")) {
            key.append(' ').append(element.get("type").asText());
        }
        if (element.hasNonNull("subject")) {
            key.append(' ').append(element.get("subject").asText());
        }
        return key.toString();
    }

    static String text(JsonNode value) {
        return value == null || value.isNull() ? "" : value.asText();
    }
}
