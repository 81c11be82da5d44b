package io.jinchuang.ledger.deals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** SPEC §3 收益分配: split pro rata to paid-in unless {@code allocations} are given. */
public record NewDistribution(LocalDate date, BigDecimal amount, List<CapitalCall.Contribution> allocations) {}
