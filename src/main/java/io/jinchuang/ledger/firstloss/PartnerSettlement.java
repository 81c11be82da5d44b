package io.jinchuang.ledger.firstloss;

import java.math.BigDecimal;

/**
 * One partner's line of a {@link Settlement}. {@code entitlement} is P_i − lossBorne (or
 * P_i + its gain); {@code finalCash} is what it receives now: entitlement − interim
 * distributions, negative only for a guidance fund that pays back (回拨), and, without
 * clawback, less its share of the guidance fund's shortfall.
 */
public record PartnerSettlement(
        String partnerCode,
        String role,
        BigDecimal paidIn,
        BigDecimal distributedBefore,
        BigDecimal lossBorne,
        BigDecimal entitlement,
        BigDecimal finalCash) {}
