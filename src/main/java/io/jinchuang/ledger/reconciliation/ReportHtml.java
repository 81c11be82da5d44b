package io.jinchuang.ledger.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
        out.write(escape(title));
        out.write("</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n");
        out.write("<table>\n");
        for (String field : List.of("year", "periodStart", "periodEnd", "generatedAt", "clean", "discrepancies")) {
            out.write("<tr><th>" + escape(Labels.of(field)) + "</th>" + cell(field, head.get(field)) + "</tr>\n");
        }
        out.write("</table>\n");
    }

    /** The rest of the page after {@link #head}: the fund's (or the summary's) sections. */
    static void body(Writer out, JsonNode body, boolean links) throws IOException {
        List<String> scalars = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isContainerNode()) {
                scalars.add(field.getKey());
            }
        }
        if (!scalars.isEmpty()) {
            out.write("<h2>" + escape(Labels.of("fund")) + "</h2>\n<table>\n");
            for (String field : scalars) {
                out.write("<tr><th>" + escape(Labels.of(field)) + "</th>" + cell(field, body.get(field)) + "</tr>\n");
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

    private static void section(Writer out, String name, JsonNode value, boolean links) throws IOException {
        out.write("<h2>" + escape(Labels.of(name)) + "</h2>\n");
        if (value.isArray()) {
            out.write(table(name, value, links));
            return;
        }
        StringBuilder scalars = new StringBuilder();
        List<Map.Entry<String, JsonNode>> lists = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isArray()) {
                lists.add(field);
            } else {
                scalars.append("<tr><th>").append(escape(Labels.of(field.getKey()))).append("</th>")
                        .append(cell(field.getKey(), field.getValue())).append("</tr>\n");
            }
        }
        if (scalars.length() > 0) {
            out.write("<table>\n" + scalars + "</table>\n");
        }
        for (Map.Entry<String, JsonNode> list : lists) {
            out.write("<h3>" + escape(Labels.of(name + "." + list.getKey())) + "</h3>\n");
            out.write(table(list.getKey(), list.getValue(), false));
        }
    }

    /** A list as a table: one column per field, in the order fields first appear. */
    private static String table(String name, JsonNode array, boolean links) {
        StringBuilder html = new StringBuilder();
        table(html, name, array, links);
        return html.toString();
    }

    private static void table(StringBuilder html, String name, JsonNode array, boolean links) {
        if (array.isEmpty()) {
            html.append("<p class=\"none\">无 None</p>\n");
            return;
        }
        if (!array.get(0).isObject()) {
            html.append("<table>\n");
            array.forEach(v -> cell(html.append("<tr>"), name, v).append("</tr>\n"));
            html.append("</table>\n");
            return;
        }
        Set<String> columns = new LinkedHashSet<>();
        array.forEach(row -> row.fieldNames().forEachRemaining(columns::add));
        html.append("<table>\n<tr>");
        columns.forEach(c -> escape(html.append("<th>"), Labels.of(c)).append("</th>"));
        html.append("</tr>\n");
        for (JsonNode row : array) {
            html.append("<tr>");
            for (String column : columns) {
                JsonNode value = row.get(column);
                if (links && column.equals("fund") && value != null) {
                    escape(html.append("<td><a href=\"funds/"), value.asText()).append(".html\">");
                    escape(html, value.asText()).append("</a></td>");
                } else {
                    cell(html, column, value);
                }
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String cell(String name, JsonNode value) {
        return cell(new StringBuilder(), name, value).toString();
    }

    /** One cell, appended: a report of 100 funds has millions of them. */
    private static StringBuilder cell(StringBuilder html, String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return html.append("<td></td>");
        }
        if (value.isArray()) {
            html.append("<td>");
            table(html, name, value, false);
            return html.append("</td>");
        }
        if (value.isObject()) {
            html.append("<td><table>\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                escape(html.append("<tr><th>"), Labels.of(field.getKey())).append("</th>");
                cell(html, field.getKey(), field.getValue()).append("</tr>\n");
            }
            return html.append("</table>\n</td>");
        }
        String text = value.asText();
        if (value.isBoolean()) {
            String css = VERDICTS.contains(name) ? (value.asBoolean() ? " class=\"ok\"" : " class=\"bad\"") : "";
            return escape(html.append("<td").append(css).append('>'), Labels.of(text)).append("</td>");
        }
        html.append(isNumber(text) ? "<td class=\"num\">" : "<td>");
        return escape(html, text).append("</td>");
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
        return escape(new StringBuilder(text.length() + 16), text).toString();
    }

    private static StringBuilder escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out;
    }
}
