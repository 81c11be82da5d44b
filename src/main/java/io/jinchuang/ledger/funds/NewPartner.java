package io.jinchuang.ledger.funds;

import java.math.BigDecimal;

/** {@code date} is when the partner was admitted; null means the fund's vintage. */
public record NewPartner(String partnerCode, String name, PartnerRole role, BigDecimal committed,
                         java.time.LocalDate date) {
    public NewPartner(String partnerCode, String name, PartnerRole role, BigDecimal committed) {
        this(partnerCode, name, role, committed, null);
    }
}
