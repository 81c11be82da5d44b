package io.jinchuang.ledger.deals;

import java.math.BigDecimal;
import java.time.LocalDate;

/** SPEC §3 投资, with its diligence evidence: missing evidence is recorded as missing, not refused. */
public record NewInvestment(String creditCode, LocalDate date, BigDecimal amount, String round, String dueDiligenceRef,
                            String decisionRef, LocalDate decisionDate, boolean conflictOfInterest) {}
