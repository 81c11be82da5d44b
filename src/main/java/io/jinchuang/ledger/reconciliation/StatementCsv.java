package io.jinchuang.ledger.reconciliation;

import io.jinchuang.ledger.input.BusinessDate;
import io.jinchuang.ledger.money.Money;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads custodian-bank statements: one {@code <fundCode>.csv} per fund, UTF-8 (a BOM is
 * allowed), with the header {@code date,amount,reference}; dates yyyy-MM-dd, amounts in
 * yuan with at most 2 fraction digits, positive for money in and negative for money out,
 * the reference optional. A line that breaks a rule stops the run: a statement is evidence.
 */
public final class StatementCsv {
    public static final List<String> HEADER = List.of("date", "amount", "reference");
    /** A limit on everything: no custodian statement of one fund and year is longer. */
    public static final int LINES_MAX = 100_000;
    public static final int REFERENCE_LENGTH_MAX = 100;
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();

    /** A statement that cannot be read; the message names the file and line. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private StatementCsv() {}

    /** Every {@code *.csv} (any case: {@code .CSV} too) in {@code dir}, by fund code (the name without it), in code order. */
    public static Map<String, List<StatementLine>> readDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new Invalid("the statements directory " + dir + " does not exist");
        }
        Map<String, List<StatementLine>> statements = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String fund = name.substring(0, name.length() - ".csv".length());
                if (statements.containsKey(fund)) {
                    throw new Invalid("two statement files for fund " + fund + " in " + dir + " (" + fund
                            + ".csv and " + name + "); keep one");
                }
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    statements.put(fund, parse(reader, file.toString()));
                }
            }
        } catch (IOException e) {
            throw new Invalid("cannot read the statements in " + dir + ": " + e.getMessage());
        }
        return statements;
    }

    public static List<StatementLine> parse(Reader in, String source) throws IOException {
        List<StatementLine> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(withoutBom(in), FORMAT)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            if (!header.equals(HEADER)) {
                throw new Invalid(source + ": the header must be " + String.join(",", HEADER) + ", not "
                        + String.join(",", parser.getHeaderNames()));
            }
            for (CSVRecord record : parser) {
                if (lines.size() >= LINES_MAX) {
                    throw new Invalid(source + ": more than " + LINES_MAX + " lines");
                }
                String where = source + " line " + parser.getCurrentLineNumber() + " (statement line "
                        + (lines.size() + 1) + ")";
                lines.add(line(record, lines.size() + 1, where));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new Invalid(source + ": not a readable CSV file: " + e.getMessage());
        }
        return lines;
    }

    /** One line checked; {@code where} names it in the message. Also used for lines sent over HTTP. */
    public static StatementLine line(int lineNo, String date, String amount, String reference, String where) {
        LocalDate day;
        try {
            day = BusinessDate.parse(date);
        } catch (java.time.DateTimeException e) {
            throw new Invalid(where + ": date " + BusinessDate.RULE + ", not \"" + date + "\"");
        }
        BigDecimal value;
        try {
            value = Money.parse(amount);
        } catch (IllegalArgumentException e) {
            throw new Invalid(where + ": amount " + e.getMessage() + ", not \"" + amount + "\"");
        }
        if (value.signum() == 0) {
            throw new Invalid(where + ": amount must not be zero (money in is positive, money out negative)");
        }
        String ref = reference == null || reference.isBlank() ? null : reference.trim();
        if (ref != null && (ref.length() > REFERENCE_LENGTH_MAX || ref.chars().anyMatch(Character::isISOControl))) {
            throw new Invalid(where + ": reference must be at most " + REFERENCE_LENGTH_MAX
                    + " characters without control characters");
        }
        return new StatementLine(lineNo, day, value, ref);
    }

    private static StatementLine line(CSVRecord record, int lineNo, String where) {
        if (record.size() != HEADER.size()) {
            throw new Invalid(where + ": expected " + HEADER.size() + " fields, found " + record.size());
        }
        return line(lineNo, record.get(0), record.get(1), record.get(2), where);
    }

    private static Reader withoutBom(Reader in) throws IOException {
        PushbackReader reader = new PushbackReader(in, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }
}
