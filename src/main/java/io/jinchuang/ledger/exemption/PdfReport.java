package io.jinchuang.ledger.exemption;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import io.jinchuang.ledger.exemption.Determinations.RoleDetermination;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The exemption report as PDF (A4 landscape). The Chinese labels need a CJK font inside the
 * file, so Noto Sans SC (SIL OFL), put on the class path by the build, is embedded as a subset
 * of the glyphs used, with a ToUnicode map so that the text can be searched and copied.
 */
public final class PdfReport {
    public static final String CONTENT_TYPE = "application/pdf";
    static final String FONT_RESOURCE = "/fonts/NotoSansSC-Regular.ttf";
    /** Rows added to a table before it is flushed to the page, so a long report is not held whole. */
    private static final int ROWS_PER_FLUSH = 200;
    private static final Color HEADER_FILL = new Color(0xEE, 0xEE, 0xEE);
    private static final Color UNMET = new Color(0xAA, 0x00, 0x00);

    private PdfReport() {}

    /** Parsed once (a CJK font is ~10 MB); OpenPDF keeps each document's subset apart. */
    private static final class FontHolder {
        static final BaseFont FONT = load();

        private static BaseFont load() {
            try (InputStream in = PdfReport.class.getResourceAsStream(FONT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(FONT_RESOURCE + " is not on the class path; the build unpacks it "
                            + "(see pom.xml, cjk-font)");
                }
                return BaseFont.createFont("NotoSansSC-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                        BaseFont.CACHED, in.readAllBytes(), null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + FONT_RESOURCE, e);
            }
        }
    }

    public static byte[] render(ExemptionReport report, List<ExemptionRole> roles) {
        Fonts fonts = new Fonts(FontHolder.FONT);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Document document = new Document(PageSize.A4.rotate(), 30, 30, 30, 36);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(new PageNumbers(fonts.small));
            document.addTitle(Labels.TITLE + " " + report.fund().code());
            document.addCreator("guidance-fund ledger");
            document.open();
            document.add(new Paragraph(Labels.TITLE, fonts.title));
            document.add(new Paragraph(Labels.SUBTITLE, fonts.small));
            section(document, Labels.TOLERANCE_SECTION, fonts);
            document.add(summary(report, fonts));
            section(document, Labels.PROJECTS_SECTION, fonts);
            projects(document, report, fonts);
            section(document, Labels.FAILED_SECTION, fonts);
            failed(document, report, roles, fonts);
            Paragraph footer = new Paragraph(Labels.FOOTER, fonts.small);
            footer.setSpacingBefore(10);
            document.add(footer);
        } catch (DocumentException e) {
            throw new IllegalStateException("the PDF report could not be laid out", e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }

    private record Fonts(Font title, Font heading, Font body, Font bold, Font small, Font unmet) {
        Fonts(BaseFont base) {
            this(new Font(base, 15), new Font(base, 11), new Font(base, 7.5f), new Font(base, 7.5f, Font.BOLD),
                    new Font(base, 7), new Font(base, 7.5f, Font.NORMAL, UNMET));
        }
    }

    /**
     * The text with every character the embedded font cannot draw replaced by a visible
     * □ (the PDF library would drop it silently: an emoji or a rare ideograph in a company's
     * name would vanish from an audit document).
     */
    static String printable(String text, BaseFont font) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean drawn = Character.isWhitespace(c) || font.charExists(c);
            if (!drawn && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (drawn) {
                    out.appendCodePoint(c);
                } else {
                    out.append(font.charExists(MISSING) ? (char) MISSING : '?');
                }
            }
            i += Character.charCount(c);
        }
        return out == null ? text : out.toString();
    }

    private static final int MISSING = 0x25A1; // □

    private static void section(Document document, String title, Fonts fonts) throws DocumentException {
        Paragraph heading = new Paragraph(printable(title, fonts.heading.getBaseFont()), fonts.heading);
        heading.setSpacingBefore(10);
        heading.setSpacingAfter(4);
        document.add(heading);
    }

    private static PdfPTable summary(ExemptionReport report, Fonts fonts) throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {2.2f, 5f});
        table.setWidthPercentage(70);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        for (ReportRows.Pair pair : ReportRows.summary(report)) {
            table.addCell(header(pair.label(), fonts));
            table.addCell(cell(pair.value(), fonts.body, false));
        }
        return table;
    }

    private static void projects(Document document, ExemptionReport report, Fonts fonts) throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {2.4f, 4.5f, 1.8f, 1.8f, 1.2f});
        start(table, List.of(Labels.HOLDING, Labels.NAME, Labels.INVESTED, Labels.PROCEEDS, Labels.STATE), fonts);
        int rows = 0;
        for (ExemptionReport.Project p : report.projects()) {
            table.addCell(cell(p.holding(), fonts.body, false));
            table.addCell(cell(p.name(), fonts.body, false));
            table.addCell(cell(ReportRows.money(p.invested()), fonts.body, true));
            table.addCell(cell(ReportRows.money(p.proceeds()), fonts.body, true));
            table.addCell(cell(Labels.of(p.state()), fonts.body, false));
            flushEvery(document, table, ++rows);
        }
        finish(document, table);
    }

    private static void failed(Document document, ExemptionReport report, List<ExemptionRole> roles, Fonts fonts)
            throws DocumentException {
        if (report.failedProjects().isEmpty()) {
            document.add(new Paragraph(Labels.NONE, fonts.body));
            return;
        }
        List<String> headers = new ArrayList<>(List.of(Labels.HOLDING, Labels.NAME));
        // wide enough that the longest English word of a label ("representative") is not split
        List<Float> widths = new ArrayList<>(List.of(2.7f, 2.6f));
        for (Condition condition : Condition.values()) {
            headers.add(Labels.of(condition));
            widths.add(1.8f);
        }
        for (ExemptionRole role : roles) {
            headers.add(Labels.of(role));
            widths.add(1.8f);
        }
        headers.add(Labels.REASONS);
        widths.add(2.6f);
        float[] w = new float[widths.size()];
        for (int n = 0; n < w.length; n++) {
            w[n] = widths.get(n);
        }
        PdfPTable table = new PdfPTable(w);
        start(table, headers, fonts);
        int rows = 0;
        for (ExemptionReport.FailedProject f : report.failedProjects()) {
            table.addCell(cell(f.creditCode(), fonts.body, false));
            table.addCell(cell(f.name(), fonts.body, false));
            for (Condition condition : Condition.values()) {
                boolean met = f.conditions().get(condition);
                table.addCell(cell(Labels.met(met), met ? fonts.body : fonts.unmet, false));
            }
            for (RoleDetermination d : f.determinations()) {
                table.addCell(cell(Labels.of(d.determination()), fonts.body, false));
            }
            table.addCell(cell(ReportRows.reasons(f.determinations().get(0).reasons()), fonts.body, false));
            flushEvery(document, table, ++rows);
        }
        finish(document, table);
    }

    private static void start(PdfPTable table, List<String> headers, Fonts fonts) {
        table.setWidthPercentage(100);
        table.setComplete(false);
        headers.forEach(h -> table.addCell(header(h, fonts)));
        table.setHeaderRows(1);
    }

    private static void flushEvery(Document document, PdfPTable table, int rows) throws DocumentException {
        if (rows % ROWS_PER_FLUSH == 0) {
            document.add(table);
        }
    }

    private static void finish(Document document, PdfPTable table) throws DocumentException {
        table.setComplete(true);
        document.add(table);
    }

    private static PdfPCell header(String text, Fonts fonts) {
        PdfPCell cell = new PdfPCell(new Phrase(text, fonts.bold));
        cell.setBackgroundColor(HEADER_FILL);
        cell.setPadding(3);
        return cell;
    }

    private static PdfPCell cell(String text, Font font, boolean number) {
        PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : printable(text, font.getBaseFont()), font));
        cell.setPadding(3);
        if (number) {
            cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        }
        return cell;
    }

    /** "第 n 页 / Page n" at the foot of every page. */
    private static final class PageNumbers extends PdfPageEventHelper {
        private final Font font;

        PageNumbers(Font font) {
            this.font = font;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            int page = writer.getPageNumber();
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                    new Phrase("第 " + page + " 页 / Page " + page, font),
                    (document.left() + document.right()) / 2, document.bottom() - 18, 0);
        }
    }
}
