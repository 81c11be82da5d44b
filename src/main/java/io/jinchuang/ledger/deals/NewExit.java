package io.jinchuang.ledger.deals;

import java.math.BigDecimal;
import java.time.LocalDate;

/** SPEC §3 退出; {@code costReleased} null means all the remaining cost. */
public record NewExit(String creditCode, LocalDate date, ExitType type, BigDecimal proceeds, BigDecimal costReleased) {}
