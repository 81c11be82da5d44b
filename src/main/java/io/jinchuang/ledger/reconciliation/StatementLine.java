package io.jinchuang.ledger.reconciliation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a custodian bank's statement (托管银行对账单): money in positive, out negative.
 *
 * @param lineNo the line's number among the statement's data lines, from 1 (the header is not counted)
 */
public record StatementLine(int lineNo, LocalDate date, BigDecimal amount, String reference) {}
