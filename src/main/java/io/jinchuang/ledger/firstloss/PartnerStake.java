package io.jinchuang.ledger.firstloss;

import io.jinchuang.ledger.money.Check;
import java.math.BigDecimal;
import java.util.Set;

/**
 * One partner's position going into the liquidation, as the ledger derives it: paid-in
 * (P_i) and interim distributions already received (D_i), both in yuan at scale 2.
 * The ledger never produces negative figures, so one here is a programmer error.
 */
public record PartnerStake(String partnerCode, String role, BigDecimal paidIn, BigDecimal distributedBefore) {
    public static final String GUIDANCE = "GUIDANCE";
    public static final Set<String> ROLES = Set.of(GUIDANCE, "GP", "LP");

    public PartnerStake {
        Check.that(partnerCode != null && !partnerCode.isEmpty(), "a partner stake has a partner code");
        Check.that(ROLES.contains(role), "a partner's role is GUIDANCE, GP or LP");
        paidIn = Fen.of(paidIn, "paidIn");
        distributedBefore = Fen.of(distributedBefore, "distributedBefore");
        Check.that(paidIn.signum() >= 0, "paid-in is never negative");
        Check.that(distributedBefore.signum() >= 0, "interim distributions are never negative");
    }

    public boolean isGuidance() {
        return GUIDANCE.equals(role);
    }
}
