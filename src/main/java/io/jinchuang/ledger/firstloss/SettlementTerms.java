package io.jinchuang.ledger.firstloss;

import java.math.BigDecimal;

/**
 * The configured first-loss terms (SPEC §6): {@code firstLoss.cap-ratio} and
 * {@code firstLoss.clawback}. Passed in explicitly so that a preview and a posting of the
 * same liquidation can never use different settings.
 *
 * @param capRatio the share of the guidance fund's paid-in it may lose first, 0 ≤ x ≤ 1
 * @param clawback whether the guidance fund pays back interim distributions beyond its entitlement
 */
public record SettlementTerms(BigDecimal capRatio, boolean clawback) {
    /** The SPEC defaults: cap ratio 1.0, clawback on. */
    public static final SettlementTerms DEFAULTS = new SettlementTerms(BigDecimal.ONE, true);

    public SettlementTerms {
        // a bad ratio is a configuration mistake, found at start-up, not a bad request
        if (capRatio == null || capRatio.signum() < 0 || capRatio.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("firstLoss.cap-ratio must be between 0 and 1, was " + capRatio);
        }
    }
}
