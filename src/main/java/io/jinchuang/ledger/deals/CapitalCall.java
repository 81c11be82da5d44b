package io.jinchuang.ledger.deals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** SPEC §3 实缴: dated contributions by partners. */
public record CapitalCall(LocalDate date, List<Contribution> contributions) {
    public record Contribution(String partnerCode, BigDecimal amount) {}
}
