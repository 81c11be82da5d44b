package io.jinchuang.ledger.reconciliation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What one journal entry did to a fund's {@code Assets:Cash}: the net of its cash lines,
 * positive for money in, as the bank shows it.
 */
public record CashMovement(long seq, LocalDate date, BigDecimal amount, String reference, String type) {}
