package io.jinchuang.ledger.deals;

import java.math.BigDecimal;
import java.time.LocalDate;

/** SPEC §3 估值: a fair value of a holding on a date. */
public record NewValuation(String creditCode, LocalDate date, BigDecimal fairValue) {}
