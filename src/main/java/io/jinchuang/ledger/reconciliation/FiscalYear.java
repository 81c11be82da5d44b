package io.jinchuang.ledger.reconciliation;

import io.jinchuang.ledger.money.Check;
import java.time.LocalDate;

/** A fiscal year: the calendar year (SPEC §7), its first and last day, and the day before it. */
public record FiscalYear(int year) {
    public static final int YEAR_MIN = 1900;
    public static final int YEAR_MAX = 9999;

    public FiscalYear {
        Check.that(year >= YEAR_MIN && year <= YEAR_MAX, "a fiscal year is a four-digit year");
    }

    public LocalDate start() {
        return LocalDate.of(year, 1, 1);
    }

    public LocalDate end() {
        return LocalDate.of(year, 12, 31);
    }

    /** 31 December of the year before: the opening balances are the closing balances of this day. */
    public LocalDate openingDate() {
        return LocalDate.of(year - 1, 12, 31);
    }

    public boolean contains(LocalDate date) {
        return date.getYear() == year;
    }
}
