package io.jinchuang.ledger.deals;

import java.time.LocalDate;

/** SPEC §3 投后管理报告: evidence of post-investment monitoring. */
public record NewMonitoringReport(String creditCode, LocalDate date, String reportRef) {}
