package io.jinchuang.ledger.exemption;

import io.jinchuang.ledger.exemption.Determinations.RoleDetermination;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The exemption report as one printable HTML page (A4, landscape tables repeat their
 * headers on every printed page). No script, no external resource: it prints offline, and
 * every value is escaped, since names come from users.
 */
public final class HtmlReport {
    public static final String CONTENT_TYPE = "text/html; charset=UTF-8";
    private static final String STYLE = """
            body{font-family:"Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
              font-size:10pt;color:#111;margin:2em}
            h1{font-size:16pt;margin:0 0 .2em}h2{font-size:12pt;margin:1.4em 0 .4em;border-bottom:1px solid #999}
            .sub{color:#555;margin:0 0 1em}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:3px 5px;vertical-align:top}
            th{background:#eee;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            table.kv th{width:18em}.no{color:#a00;font-weight:bold}.hash{font-family:monospace;word-break:break-all}
            footer{margin-top:1.5em;color:#555;font-size:8.5pt}
            @page{size:A4 landscape;margin:12mm}
            @media print{body{margin:0;font-size:8.5pt}thead{display:table-header-group}tr{page-break-inside:avoid}
              h2{page-break-after:avoid}}
            """;

    private HtmlReport() {}

    public static byte[] render(ExemptionReport report, List<ExemptionRole> roles) {
        StringBuilder h = new StringBuilder(4096 + 400 * report.projects().size());
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(Labels.TITLE)).append(" · ").append(esc(report.fund().code())).append("</title><style>")
                .append(STYLE).append("</style></head><body>\n<h1>").append(esc(Labels.TITLE)).append("</h1><p class=\"sub\">")
                .append(esc(Labels.SUBTITLE)).append("</p>\n");
        summary(h, report);
        projects(h, report);
        failed(h, report, roles);
        h.append("<footer>").append(esc(Labels.FOOTER)).append("</footer>\n</body></html>\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void summary(StringBuilder h, ExemptionReport report) {
        h.append("<h2>").append(esc(Labels.TOLERANCE_SECTION)).append("</h2><table class=\"kv\"><tbody>\n");
        for (ReportRows.Pair pair : ReportRows.summary(report)) {
            String cls = pair.label().equals(Labels.HEAD_HASH) ? " class=\"hash\"" : "";
            h.append("<tr><th>").append(esc(pair.label())).append("</th><td").append(cls).append('>')
                    .append(esc(pair.value())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void projects(StringBuilder h, ExemptionReport report) {
        h.append("<h2>").append(esc(Labels.PROJECTS_SECTION)).append("</h2><table><thead><tr>");
        for (String label : List.of(Labels.HOLDING, Labels.NAME, Labels.INVESTED, Labels.PROCEEDS, Labels.STATE)) {
            h.append("<th>").append(esc(label)).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (ExemptionReport.Project p : report.projects()) {
            h.append("<tr><td>").append(esc(p.holding())).append("</td><td>").append(esc(p.name()))
                    .append("</td><td class=\"n\">").append(ReportRows.money(p.invested()))
                    .append("</td><td class=\"n\">").append(ReportRows.money(p.proceeds())).append("</td><td>")
                    .append(esc(Labels.of(p.state()))).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void failed(StringBuilder h, ExemptionReport report, List<ExemptionRole> roles) {
        h.append("<h2>").append(esc(Labels.FAILED_SECTION)).append("</h2>");
        if (report.failedProjects().isEmpty()) {
            h.append("<p>").append(esc(Labels.NONE)).append("</p>\n");
            return;
        }
        h.append("<table><thead><tr><th>").append(esc(Labels.HOLDING)).append("</th><th>").append(esc(Labels.NAME))
                .append("</th>");
        for (Condition condition : Condition.values()) {
            h.append("<th>").append(esc(Labels.of(condition))).append("</th>");
        }
        for (ExemptionRole role : roles) {
            h.append("<th>").append(esc(Labels.of(role))).append("</th>");
        }
        h.append("<th>").append(esc(Labels.REASONS)).append("</th></tr></thead><tbody>\n");
        for (ExemptionReport.FailedProject f : report.failedProjects()) {
            h.append("<tr><td>").append(esc(f.creditCode())).append("</td><td>").append(esc(f.name())).append("</td>");
            Map<Condition, Boolean> met = f.conditions();
            for (Condition condition : Condition.values()) {
                h.append(met.get(condition) ? "<td>" : "<td class=\"no\">").append(esc(Labels.met(met.get(condition))))
                        .append("</td>");
            }
            for (RoleDetermination d : f.determinations()) {
                h.append("<td>").append(esc(Labels.of(d.determination()))).append("</td>");
            }
            h.append("<td>").append(esc(ReportRows.reasons(f.determinations().get(0).reasons()))).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int n = 0; n < text.length(); n++) {
            char c = text.charAt(n);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
