package io.jinchuang.ledger.reconciliation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What one journal entry did to a fund's {@code Assets:Cash}: the net of its cash lines,
 * positive for money in, as the bank shows it; {@code reverses} is the entry a reversal
 * undoes (null for any other entry).
 */
public record CashMovement(long seq, LocalDate date, BigDecimal amount, String reference, String type,
                           Long reverses) {}
