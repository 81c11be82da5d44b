package io.jinchuang.ledger.deals;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import java.time.LocalDate;

/** Business-date rules shared by every deal. */
public final class Dates {
    private Dates() {}

    /** A deal cannot happen before the fund exists. */
    public static void notBeforeVintage(FundRecord fund, LocalDate date, String field) {
        if (date.isBefore(fund.getVintage())) {
            throw Rejection.invalid(field, "is before the fund's vintage " + fund.getVintage());
        }
    }
}
