package io.jinchuang.ledger.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report as a printable HTML page with bilingual labels: one table per section, in the
 * order of the JSON, amounts right-aligned. Self-contained (no scripts, no external files).
 */
final class ReportHtml {
    /** Yes/no figures where no is bad news, shown in colour. */
    private static final Set<String> VERDICTS = Set.of("clean", "chainOk", "agrees");
    private static final String STYLE = """
            body{font-family:"Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;font-size:11pt;margin:2em;color:#111}
            h1{font-size:16pt}h2{font-size:13pt;margin-top:1.6em;border-bottom:1px solid #999}h3{font-size:11pt}
            table{border-collapse:collapse;margin:.4em 0 1em}th,td{border:1px solid #bbb;padding:2px 6px;vertical-align:top}
            th{background:#eee;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .bad{color:#a00;font-weight:bold}.ok{color:#070}.none{color:#777;font-style:italic}
            @media print{body{margin:0;font-size:9pt}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}
            """;

    private ReportHtml() {}

    /**
     * The first part of a page: its title and the run's head. A fund's page, or (with
     * {@code links} in {@link #body}) the run's index page linking each fund's page.
     */
    static void head(Writer out, String title, JsonNode head) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
        escape(out, title);
        out.write("</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<h1>");
        escape(out, title);
        out.write("</h1>\n<table>\n");
        for (String field : List.of("year", "periodStart", "periodEnd", "generatedAt", "clean", "discrepancies")) {
            row(out, field, head.get(field));
        }
        out.write("</table>\n");
    }

    /**
     * The rest of the page after {@link #head}: the fund's (or the summary's) sections. Written
     * straight to {@code out}, a {@link Utf8Sink} for the report's files: a report of 100 funds
     * has millions of cells.
     */
    static void body(Writer out, JsonNode body, boolean links) throws IOException {
        List<String> scalars = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isContainerNode()) {
                scalars.add(field.getKey());
            }
        }
        if (!scalars.isEmpty()) {
            out.write("<h2>");
            escape(out, Labels.of("fund"));
            out.write("</h2>\n<table>\n");
            for (String field : scalars) {
                row(out, field, body.get(field));
            }
            out.write("</table>\n");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isContainerNode()) {
                section(out, field.getKey(), field.getValue(), links);
            }
        }
        out.write("</body>\n</html>\n");
    }

    /** One labelled figure: {@code <tr><th>label</th><td>value</td></tr>}. */
    private static void row(Writer out, String name, JsonNode value) throws IOException {
        out.write("<tr><th>");
        escape(out, Labels.of(name));
        out.write("</th>");
        cell(out, name, value);
        out.write("</tr>\n");
    }

    private static void section(Writer out, String name, JsonNode value, boolean links) throws IOException {
        out.write("<h2>");
        escape(out, Labels.of(name));
        out.write("</h2>\n");
        if (value.isArray()) {
            table(out, name, value, links);
            return;
        }
        List<Map.Entry<String, JsonNode>> lists = new ArrayList<>();
        boolean scalars = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isArray()) {
                lists.add(field);
            } else {
                if (!scalars) {
                    out.write("<table>\n");
                    scalars = true;
                }
                row(out, field.getKey(), field.getValue());
            }
        }
        if (scalars) {
            out.write("</table>\n");
        }
        for (Map.Entry<String, JsonNode> list : lists) {
            out.write("<h3>");
            escape(out, Labels.of(name + "." + list.getKey()));
            out.write("</h3>\n");
            table(out, list.getKey(), list.getValue(), false);
        }
    }

    /** A list as a table: one column per field, in the order fields first appear. */
    private static void table(Writer out, String name, JsonNode array, boolean links) throws IOException {
        if (array.isEmpty()) {
            out.write("<p class=\"none\">无 None</p>\n");
            return;
        }
        if (!array.get(0).isObject()) {
            out.write("<table>\n");
            for (JsonNode value : array) {
                out.write("<tr>");
                cell(out, name, value);
                out.write("</tr>\n");
            }
            out.write("</table>\n");
            return;
        }
        Set<String> columns = new LinkedHashSet<>();
        array.forEach(row -> row.fieldNames().forEachRemaining(columns::add));
        out.write("<table>\n<tr>");
        for (String column : columns) {
            out.write("<th>");
            escape(out, Labels.of(column));
            out.write("</th>");
        }
        out.write("</tr>\n");
        for (JsonNode row : array) {
            out.write("<tr>");
            for (String column : columns) {
                JsonNode value = row.get(column);
                if (links && column.equals("fund") && value != null) {
                    out.write("<td><a href=\"funds/");
                    escape(out, value.asText());
                    out.write(".html\">");
                    escape(out, value.asText());
                    out.write("</a></td>");
                } else {
                    cell(out, column, value);
                }
            }
            out.write("</tr>\n");
        }
        out.write("</table>\n");
    }

    /** One cell. */
    private static void cell(Writer out, String name, JsonNode value) throws IOException {
        if (value == null || value.isNull()) {
            out.write("<td></td>");
            return;
        }
        if (value.isArray()) {
            out.write("<td>");
            table(out, name, value, false);
            out.write("</td>");
            return;
        }
        if (value.isObject()) {
            out.write("<td><table>\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                row(out, field.getKey(), field.getValue());
            }
            out.write("</table>\n</td>");
            return;
        }
        String text = value.asText();
        if (value.isBoolean()) {
            out.write(VERDICTS.contains(name) ? (value.asBoolean() ? "<td class=\"ok\">" : "<td class=\"bad\">")
                    : "<td>");
            escape(out, Labels.of(text));
        } else {
            out.write(isNumber(text) ? "<td class=\"num\">" : "<td>");
            escape(out, text);
        }
        out.write("</td>");
    }

    /** {@code -?[0-9]+(\\.[0-9]+)?}: shown right-aligned on a page, and never quoted in a CSV. */
    static boolean isNumber(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        int digits = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        if (i == text.length()) {
            return true;
        }
        if (text.charAt(i) != '.') {
            return false;
        }
        int fraction = 0;
        for (i++; i < text.length(); i++, fraction++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return fraction > 0;
    }

    static String escape(String text) {
        StringWriter out = new StringWriter(text.length() + 16);
        try {
            escape(out, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** {@code text} with {@code & < > " '} as entities: as it is when it has none (most cells). */
    private static void escape(Writer out, String text) throws IOException {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            String entity = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null) {
                out.write(text, run, i - run);
                out.write(entity);
                run = i + 1;
            }
        }
        if (run == 0) {
            out.write(text);
        } else {
            out.write(text, run, text.length() - run);
        }
    }
}
