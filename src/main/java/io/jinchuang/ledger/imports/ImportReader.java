package io.jinchuang.ledger.imports;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.deals.CapitalCall;
import io.jinchuang.ledger.input.Forms;
import io.jinchuang.ledger.input.Input;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an import file (RFC 4180 CSV, UTF-8, the header of {@link ImportLayout}) into
 * postings, checking every cell with the HTTP API's rule for its field and collecting
 * every problem with its line. A file that is not CSV of this layout at all is refused
 * whole ({@link Rejection.Kind#MALFORMED}); a bad row is a line error.
 */
final class ImportReader {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private static final char BOM = '\uFEFF';

    private final int textLengthMax;
    private final int rowsMax;

    ImportReader(int textLengthMax, int rowsMax) {
        this.textLengthMax = textLengthMax;
        this.rowsMax = rowsMax;
    }

    ImportFile read(Reader reader) {
        try (CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw Rejection.malformed("the file is empty; its first line must be the header " + ImportLayout.header());
            }
            String[] header = header(records.next());
            Rows rows = new Rows(header);
            long lineBefore = parser.getCurrentLineNumber();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                int line = Math.toIntExact(lineBefore + 1);
                lineBefore = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (rows.count == rowsMax) {
                    throw Rejection.malformed("the file has more than " + rowsMax + " rows (limits.import-rows-max)");
                }
                rows.add(line, record);
            }
            if (rows.count == 0) { // a header alone is a mistaken file more often than an intended no-op
                throw Rejection.invalid("file", "has no rows after its header: there is nothing to import");
            }
            return rows.finish();
        } catch (UncheckedIOException | IllegalStateException e) {
            // commons-csv reports a broken quote or an unreadable byte this way
            throw Rejection.malformed("not readable as CSV: " + rootMessage(e));
        } catch (IOException e) {
            throw Rejection.malformed("the file could not be read: " + e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static String[] header(CSVRecord record) {
        String[] names = record.values();
        if (names.length > 0 && !names[0].isEmpty() && names[0].charAt(0) == BOM) {
            names[0] = names[0].substring(1); // Excel writes UTF-8 with a byte-order mark
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!ImportLayout.COLUMNS.contains(name)) {
                throw Rejection.malformed("line 1: unknown column '" + name + "'; the columns are "
                        + ImportLayout.header());
            }
            if (!seen.add(name)) {
                throw Rejection.malformed("line 1: the column '" + name + "' appears twice");
            }
        }
        if (!seen.contains(ImportLayout.TYPE)) {
            throw Rejection.malformed("line 1: the header has no 'type' column; the columns are "
                    + ImportLayout.header());
        }
        return names;
    }

    /** The rows read so far, the open group of consecutive rows, and every problem. */
    private final class Rows {
        private final String[] header;
        private final List<Posting> postings = new ArrayList<>();
        private final List<Rejection.FieldError> errors = new ArrayList<>();
        private final List<ImportFile.FundNamed> funds = new ArrayList<>();
        private Group group;
        private int count;

        Rows(String[] header) {
            this.header = header;
        }

        void add(int line, CSVRecord record) {
            count++;
            if (record.size() != header.length) {
                errors.add(new Rejection.FieldError("row", "has " + record.size() + " cells; the header has "
                        + header.length, line));
                closeGroup();
                return;
            }
            Map<String, String> cells = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                if (!record.get(i).isEmpty()) {
                    cells.put(header[i], record.get(i));
                }
            }
            RowType type = type(line, cells.get(ImportLayout.TYPE));
            if (type == null) {
                closeGroup();
                return;
            }
            noteFund(line, type, cells);
            row(line, type, cells);
        }

        private RowType type(int line, String text) {
            if (text == null) {
                errors.add(new Rejection.FieldError(ImportLayout.TYPE, "is required", line));
                return null;
            }
            try {
                return RowType.valueOf(text);
            } catch (IllegalArgumentException e) {
                errors.add(new Rejection.FieldError(ImportLayout.TYPE, "must be one of "
                        + Arrays.toString(RowType.values()), line));
                return null;
            }
        }

        private void noteFund(int line, RowType type, Map<String, String> cells) {
            String fund = cells.get(ImportLayout.FUND);
            if (type == RowType.FUND) {
                funds.add(new ImportFile.FundNamed(line, fund, true, cells.get("manager")));
            } else if (type.posting) {
                funds.add(new ImportFile.FundNamed(line, fund, false, null));
            }
            String partner = cells.get("partnerCode");
            if (type == RowType.PARTNER && "GUIDANCE".equals(cells.get("role")) && partner != null
                    && !partner.isBlank()) {
                // the guidance fund's own books take its contributions: it must be the importer's too
                funds.add(new ImportFile.FundNamed(line, partner, false, null));
            }
        }

        private void row(int line, RowType type, Map<String, String> cells) {
            int errorsBefore = errors.size();
            for (String column : cells.keySet()) {
                if (!type.uses(column)) {
                    errors.add(new Rejection.FieldError(column, "must be empty in a " + type + " row", line));
                }
            }
            String fund = type.posting ? fundCell(line, cells.get(ImportLayout.FUND)) : null;
            Map<String, Object> values = new HashMap<>();
            type.fields.forEach((column, field) -> {
                String cell = cells.get(column);
                if (cell != null) {
                    values.put(field, field.equals("conflictOfInterest") ? bool(cell) : cell);
                }
            });
            Input in = Input.of(values, textLengthMax, type.fieldNames);
            Posting posting = read(line, type, fund, in);
            in.errors().forEach(e -> errors.add(new Rejection.FieldError(
                    type.columns.getOrDefault(e.field(), e.field()), e.message(), line)));
            if (errors.size() > errorsBefore) {
                closeGroup();
            } else if (posting != null) {
                closeGroup();
                postings.add(posting);
            }
        }

        /** A posting, or null when the row joined the open group (a contribution or an allocation). */
        private Posting read(int line, RowType type, String fund, Input in) {
            return switch (type) {
                case FUND -> new Posting.OpenFund(line, Forms.fund(in));
                case PARTNER -> new Posting.AdmitPartner(line, fund, Forms.partner(in));
                case COMPANY -> new Posting.RegisterCompany(line, Forms.company(in));
                case INVESTMENT -> new Posting.Invest(line, fund, Forms.investment(in), Forms.reference(in));
                case EXIT -> new Posting.Exit(line, fund, Forms.exit(in), Forms.reference(in));
                case VALUATION -> new Posting.Value(line, fund, Forms.valuation(in));
                case MONITORING_REPORT -> new Posting.Monitor(line, fund, Forms.monitoringReport(in));
                case CAPITAL_CALL -> part(line, type, fund, in);
                case DISTRIBUTION -> in.has("partnerCode") ? part(line, type, fund, in)
                        : new Posting.Distribute(line, fund, in.date("date", true),
                                in.amount("amount", true, Input.Sign.POSITIVE), List.of(), List.of(line),
                                Forms.reference(in));
            };
        }

        private Posting part(int line, RowType type, String fund, Input in) {
            var date = in.date("date", true);
            String reference = Forms.reference(in);
            CapitalCall.Contribution part = Forms.part(in);
            if (fund == null || date == null || part == null || !in.errors().isEmpty()) {
                return null;
            }
            Group key = new Group(type, fund, date, reference);
            if (!key.sameAs(group)) {
                closeGroup();
                group = key;
            }
            group.add(line, part, errors);
            return null;
        }

        private String fundCell(int line, String fund) {
            if (fund == null) {
                errors.add(new Rejection.FieldError(ImportLayout.FUND, "is required", line));
                return null;
            }
            if (!Forms.FUND_CODE.matcher(fund).matches()) {
                errors.add(new Rejection.FieldError(ImportLayout.FUND, "must be " + Forms.FUND_CODE_SHAPE, line));
                return null;
            }
            return fund;
        }

        private void closeGroup() {
            if (group != null) {
                postings.add(group.posting());
                group = null;
            }
        }

        ImportFile finish() {
            closeGroup();
            return new ImportFile(count, postings, errors, funds);
        }
    }

    /** "true" and "false" are booleans, as in JSON; anything else is left for the rule to refuse. */
    private static Object bool(String cell) {
        return switch (cell) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> cell;
        };
    }

    /** Consecutive contribution (or allocation) rows of one fund, date and reference: one posting. */
    private static final class Group {
        private final RowType type;
        private final String fund;
        private final java.time.LocalDate date;
        private final String reference;
        private final List<CapitalCall.Contribution> parts = new ArrayList<>();
        private final List<Integer> lines = new ArrayList<>();
        private final Set<String> partners = new HashSet<>();

        Group(RowType type, String fund, java.time.LocalDate date, String reference) {
            this.type = type;
            this.fund = fund;
            this.date = date;
            this.reference = reference;
        }

        boolean sameAs(Group other) {
            return other != null && other.type == type && other.fund.equals(fund) && other.date.equals(date)
                    && Objects.equals(other.reference, reference);
        }

        void add(int line, CapitalCall.Contribution part, List<Rejection.FieldError> errors) {
            String what = type == RowType.CAPITAL_CALL ? "capital call" : "distribution";
            if (!partners.add(part.partnerCode())) {
                errors.add(new Rejection.FieldError("partnerCode", "names the same partner twice in one " + what
                        + " (the rows from line " + lines.get(0) + " of the same fund, date and reference)", line));
                return;
            }
            if (parts.size() == Forms.PARTS_MAX) {
                errors.add(new Rejection.FieldError("partnerCode", "one " + what + " names at most "
                        + Forms.PARTS_MAX + " partners", line));
                return;
            }
            parts.add(part);
            lines.add(line);
        }

        Posting posting() {
            if (type == RowType.CAPITAL_CALL) {
                return new Posting.Call(lines.get(0), fund, date, List.copyOf(parts), List.copyOf(lines), reference);
            }
            java.math.BigDecimal amount = parts.stream().map(CapitalCall.Contribution::amount)
                    .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
            return new Posting.Distribute(lines.get(0), fund, date, amount, List.copyOf(parts), List.copyOf(lines),
                    reference);
        }
    }
}
