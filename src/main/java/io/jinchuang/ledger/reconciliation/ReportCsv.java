package io.jinchuang.ledger.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
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
    private static final int CHUNK = 1 << 16;

    record Row(String section, String item, String measure, String value) {}

    private ReportCsv() {}

    /**
     * The first part of a file: the BOM, the column names and the {@code run} rows (the
     * report's head). {@code out} is flushed, not closed: the rows of {@link #body} follow it.
     */
    static void head(Writer out, String fund, JsonNode head) throws IOException {
        out.write('\uFEFF');
        List<Row> rows = new ArrayList<>();
        for (String field : List.of("year", "periodStart", "periodEnd", "generatedAt", "clean", "discrepancies")) {
            rows.add(new Row("run", "", field, text(head.get(field))));
        }
        print(out, fund, COLUMNS, rows);
    }

    /** The rows of one fund's part, or of the funds summary; {@code out} is flushed, not closed. */
    static void body(Writer out, String fund, JsonNode body) throws IOException {
        List<Row> rows = new ArrayList<>();
        flattenTop(body, rows);
        print(out, fund, null, rows);
    }

    /**
     * The rows, each field quoted as commons-csv quotes it. A fund's file is ~40,000 rows whose
     * fund, section and its label open every row of a section and whose measure and its label
     * repeat for every item: each such run of fields is formatted by commons-csv once and
     * reused, the item once for its figures, and a value that commons-csv would not quote is
     * written as it is. Printing every field through the printer was the largest part of
     * writing the year-end files.
     */
    private static void print(Writer out, String fund, List<String> columns, List<Row> rows) throws IOException {
        StringBuilder text = new StringBuilder(CHUNK + 1024);
        String separator = FORMAT.getRecordSeparator();
        if (columns != null) {
            text.append(FORMAT.format(columns.toArray())).append(separator);
        }
        String first = FORMAT.format(fund);
        Map<String, String> sections = new java.util.HashMap<>();
        Map<String, String> measures = new java.util.HashMap<>();
        String item = null;
        String itemText = null;
        for (Row row : rows) {
            if (!row.item().equals(item)) {
                item = row.item();
                itemText = quote(defused(item));
            }
            text.append(sections.computeIfAbsent(row.section(),
                            section -> first + ',' + quote(section) + ',' + quote(Labels.of(section)) + ','))
                    .append(itemText)
                    .append(measures.computeIfAbsent(row.measure(),
                            measure -> ',' + quote(measure) + ',' + quote(Labels.of(measure)) + ','))
                    .append(cell(defused(row.value())))
                    .append(separator);
            if (text.length() >= CHUNK) {
                out.append(text);
                text.setLength(0);
            }
        }
        out.append(text);
        out.flush();
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
