package io.jinchuang.ledger.funds;

import java.math.BigDecimal;
import java.time.LocalDate;

public record NewFund(String code, String name, String nameZh, FundKind kind, String manager, LocalDate vintage,
                      BigDecimal toleranceRate) {}
