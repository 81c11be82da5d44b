package io.jinchuang.ledger.funds;

import java.math.BigDecimal;

public record NewPartner(String partnerCode, String name, PartnerRole role, BigDecimal committed) {}
