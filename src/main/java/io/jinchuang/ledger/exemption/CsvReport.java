package io.jinchuang.ledger.exemption;

import io.jinchuang.ledger.exemption.Determinations.RoleDetermination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The exemption report as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads
 * the Chinese labels as mojibake), the summary as label/value rows, a blank row, then one row
 * per project with its conditions and determinations (empty for projects that did not fail).
 */
public final class CsvReport {
    public static final String CONTENT_TYPE = "text/csv; charset=UTF-8";
    static final String BOM = "\uFEFF";

    private CsvReport() {}

    public static byte[] render(ExemptionReport report, List<ExemptionRole> roles) {
        StringBuilder out = new StringBuilder(256 + 160 * report.projects().size()).append(BOM);
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL)) {
            csv.printRecord(Labels.TITLE);
            for (ReportRows.Pair pair : ReportRows.summary(report)) {
                csv.printRecord(pair.label(), cell(pair.value()));
            }
            csv.println();
            csv.printRecord(header(roles));
            Map<String, ExemptionReport.FailedProject> failed = ReportRows.failedByCode(report);
            for (ExemptionReport.Project p : report.projects()) {
                csv.printRecord(row(p, failed.get(p.holding())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory failed", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> header(List<ExemptionRole> roles) {
        List<String> header = new ArrayList<>(List.of(Labels.HOLDING, Labels.NAME, Labels.INVESTED, Labels.PROCEEDS,
                Labels.STATE));
        for (Condition condition : Condition.values()) {
            header.add(Labels.of(condition));
        }
        for (ExemptionRole role : roles) {
            header.add(Labels.DETERMINATION + " - " + Labels.of(role));
        }
        header.add(Labels.REASONS);
        return header;
    }

    private static List<String> row(ExemptionReport.Project p, ExemptionReport.FailedProject failed) {
        List<String> row = new ArrayList<>(List.of(cell(p.holding()), cell(p.name()), ReportRows.money(p.invested()),
                ReportRows.money(p.proceeds()), Labels.of(p.state())));
        if (failed == null) {
            return row;
        }
        for (Condition condition : Condition.values()) {
            row.add(Labels.met(failed.conditions().get(condition)));
        }
        for (RoleDetermination d : failed.determinations()) {
            row.add(Labels.of(d.determination()));
        }
        row.add(ReportRows.reasons(failed.determinations().get(0).reasons()));
        return row;
    }

    /**
     * Free text entered by users (names) is defused against spreadsheet formula injection: a
     * cell starting with = + - @ or a control character gets a leading apostrophe.
     */
    public static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
