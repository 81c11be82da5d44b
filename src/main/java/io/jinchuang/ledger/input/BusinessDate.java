package io.jinchuang.ledger.input;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A business date as SPEC §2 writes it: exactly {@code yyyy-MM-dd} in ASCII digits, a day that
 * exists, from {@link #FIRST} to {@link #LAST}. One rule for every way a date comes in (a JSON
 * field, an import cell, a query parameter, a bank statement line).
 *
 * <p>Why a first day: a four-digit year allows 0000-01-01, and the databases do not keep such a
 * day as Java reads it (H2 gave back 0001-01-03 for a fund's vintage of 0000-01-01, so the entry
 * no longer matched its hash). No guidance fund has a business day before 1900, the first fiscal
 * year the batch takes ({@code FiscalYear.YEAR_MIN}); signed and five-digit years are not
 * {@code yyyy}.
 */
public final class BusinessDate {
    public static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST = LocalDate.of(9999, 12, 31);
    /** What a refused date is told, after the field's name. */
    public static final String RULE = "must be an existing date written yyyy-MM-dd, from " + FIRST + " to " + LAST;

    private BusinessDate() {}

    /**
     * {@code text} as a business date.
     *
     * @throws DateTimeException when it is not one (not ten characters of {@code yyyy-MM-dd},
     *         a day that does not exist, or outside {@link #FIRST}..{@link #LAST})
     */
    public static LocalDate parse(String text) {
        if (text == null || text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw new DateTimeException("not yyyy-MM-dd");
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            throw new DateTimeException("not yyyy-MM-dd");
        }
        LocalDate date = LocalDate.of(year, month, day); // throws for 2023-02-29, month 13, day 0
        if (date.isBefore(FIRST)) {
            throw new DateTimeException("before " + FIRST);
        }
        return date;
    }

    /** The number {@code text} spells from {@code from} to {@code to} in ASCII digits, or -1. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
