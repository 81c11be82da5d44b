package io.jinchuang.ledger.firstloss;

import io.jinchuang.ledger.firstloss.SettlementRefused.Reason;
import io.jinchuang.ledger.money.Check;
import io.jinchuang.ledger.money.LargestRemainder;
import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * SPEC §6: who bears what when a seed or angel fund is liquidated at a loss, with the
 * guidance fund losing first (先行承担投资损失, 最高以出资额为限). Pure: no I/O, no clock, no
 * configuration lookup; a preview and a posting call it with the same arguments.
 *
 * <p>The formulas are the SPEC's, to the letter: T = N + ΣD; L = max(0, P − T);
 * C = round_fen(capRatio × P_g) HALF_EVEN; L_g = min(L, C, A); R = L − L_g split by the
 * largest-remainder rule with weights P_i (i ≠ g) and P_g − L_g (g); with no loss the gain
 * T − P split by P_i; E_i = P_i − loss_i (or + gain_i); F_i = E_i − D_i; without clawback
 * a negative F_g is floored at 0 and the shortfall taken from the others' final cash by
 * largest remainder over their P_i. Their loss borne and entitlement stay as computed:
 * the shortfall is a cash matter, so for them F_i = E_i − D_i − shortfall_i.
 *
 * <p>What the SPEC leaves open, decided here:
 * <ul>
 *   <li>Refusals (422, {@link SettlementRefused}), checked in this order: N &lt; 0; A &lt; 0;
 *       nothing paid in (P = 0) while T &gt; 0; a non-guidance partner whose final cash
 *       would be negative (every such partner is named in the message).</li>
 *   <li>A = null means no approved limit (L_g = min(L, C)); A = 0 means no first loss;
 *       A above L or C is not refused, the minimum applies.</li>
 *   <li>P = 0 and T = 0: every figure is 0 and the result is {@code noBeneficiary}.</li>
 *   <li>All weights zero while R &gt; 0 cannot happen: N ≥ 0 and D_i ≥ 0 give T ≥ 0, so
 *       L ≤ P and the weights sum to P − L_g ≥ L − L_g = R. Were it to happen, the
 *       largest-remainder split's own check fails loudly: a programmer error, not a 422.</li>
 *   <li>A shortfall with every other weight zero cannot happen either: then every other
 *       F_i = −D_i ≤ 0, yet they sum to N − F_g &gt; 0.</li>
 *   <li>With no loss, a guidance fund whose interim distributions exceed its entitlement
 *       is treated by the same clawback rule as with a loss (the SPEC states it after
 *       both branches). C is still reported; L_g is 0.</li>
 *   <li>A partner with zero paid-in has weight 0: it bears no loss and takes no gain, so
 *       any interim distribution it received makes it pay back, which is refused.</li>
 *   <li>{@code noBeneficiary}: Σ P_i over the other partners is 0. "The guidance fund
 *       holds all paid-in" and "all other weights are 0" are the same condition (the
 *       other weights are their P_i); it covers the guidance fund alone and P = 0. It is a
 *       flag only: the figures are computed the same way.</li>
 * </ul>
 */
public final class FirstLossCalculator {
    private FirstLossCalculator() {}

    public static Settlement settle(
            List<PartnerStake> partners, BigDecimal netProceeds, BigDecimal approvedAmount, SettlementTerms terms) {
        PartnerStake guidance = guidanceOf(partners);
        Check.that(terms != null, "settlement terms are given");
        refuseNegative(netProceeds, approvedAmount);
        BigDecimal net = Fen.of(netProceeds, "netProceeds");
        BigDecimal approved = approvedAmount == null ? null : Fen.of(approvedAmount, "approvedAmount");
        BigDecimal paidIn = total(partners, PartnerStake::paidIn);
        BigDecimal distributedBefore = total(partners, PartnerStake::distributedBefore);
        BigDecimal proceedsTotal = net.add(distributedBefore);
        BigDecimal loss = paidIn.subtract(proceedsTotal).max(Money.ZERO);
        BigDecimal cap = Money.roundFen(terms.capRatio().multiply(guidance.paidIn()));
        BigDecimal firstLoss = approved == null ? loss.min(cap) : loss.min(cap).min(approved);

        Map<String, BigDecimal> lossBorne = zeros(partners);
        Map<String, BigDecimal> gain = zeros(partners);
        if (loss.signum() > 0) {
            lossBorne = shareLoss(partners, guidance, loss, firstLoss);
        } else {
            refuseIfNothingPaidIn(paidIn, proceedsTotal);
            gain = LargestRemainder.split(proceedsTotal.subtract(paidIn), weightsByPaidIn(partners, null));
        }
        Map<String, BigDecimal> entitlement = new LinkedHashMap<>();
        for (PartnerStake p : partners) {
            String code = p.partnerCode();
            entitlement.put(code, p.paidIn().subtract(lossBorne.get(code)).add(gain.get(code)));
        }
        Map<String, BigDecimal> finalCash = finalCash(partners, guidance, entitlement, terms.clawback());
        refuseIfAnyOtherPaysBack(partners, entitlement, finalCash);

        BigDecimal othersPaidIn = paidIn.subtract(guidance.paidIn());
        Settlement settlement = new Settlement(paidIn, distributedBefore, net, loss, cap, firstLoss,
                othersPaidIn.signum() == 0, lines(partners, lossBorne, entitlement, finalCash));
        checkInvariants(settlement, guidance, approved, terms);
        return settlement;
    }

    /** The guidance fund bears L_g first; the rest R is shared with it beyond that tranche. */
    private static Map<String, BigDecimal> shareLoss(
            List<PartnerStake> partners, PartnerStake guidance, BigDecimal loss, BigDecimal firstLoss) {
        Map<String, BigDecimal> weights = weightsByPaidIn(partners, null);
        // beyond its first-loss tranche the guidance fund shares only on what it has left at risk
        weights.put(guidance.partnerCode(), guidance.paidIn().subtract(firstLoss));
        Map<String, BigDecimal> borne = LargestRemainder.split(loss.subtract(firstLoss), weights);
        borne.merge(guidance.partnerCode(), firstLoss, BigDecimal::add);
        return borne;
    }

    /**
     * F_i = E_i − D_i. Without clawback the guidance fund pays nothing back: its negative
     * final cash becomes 0 and the others receive that much less, pro rata to paid-in.
     */
    private static Map<String, BigDecimal> finalCash(
            List<PartnerStake> partners, PartnerStake guidance, Map<String, BigDecimal> entitlement, boolean clawback) {
        Map<String, BigDecimal> cash = new LinkedHashMap<>();
        for (PartnerStake p : partners) {
            cash.put(p.partnerCode(), entitlement.get(p.partnerCode()).subtract(p.distributedBefore()));
        }
        BigDecimal guidanceCash = cash.get(guidance.partnerCode());
        if (clawback || guidanceCash.signum() >= 0) {
            return cash;
        }
        BigDecimal shortfall = guidanceCash.negate();
        Map<String, BigDecimal> taken = LargestRemainder.split(shortfall, weightsByPaidIn(partners, guidance));
        taken.forEach((code, part) -> cash.merge(code, part.negate(), BigDecimal::add));
        cash.put(guidance.partnerCode(), Money.ZERO);
        return cash;
    }

    /** P_i in the given order, leaving out {@code excluded} when it is not null. */
    private static Map<String, BigDecimal> weightsByPaidIn(List<PartnerStake> partners, PartnerStake excluded) {
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        for (PartnerStake p : partners) {
            if (p != excluded) {
                weights.put(p.partnerCode(), p.paidIn());
            }
        }
        return weights;
    }

    private static PartnerStake guidanceOf(List<PartnerStake> partners) {
        Check.that(partners != null && !partners.isEmpty(), "a settlement has partners");
        Set<String> codes = new HashSet<>();
        PartnerStake guidance = null;
        int guidanceCount = 0;
        for (PartnerStake p : partners) {
            Check.that(codes.add(p.partnerCode()), "partner codes are unique: " + p.partnerCode());
            if (p.isGuidance()) {
                guidance = p;
                guidanceCount++;
            }
        }
        // the caller only settles funds with exactly one GUIDANCE partner (SPEC §6 applies to those)
        Check.that(guidanceCount == 1, "exactly one partner has role GUIDANCE, found " + guidanceCount);
        return guidance;
    }

    private static void refuseNegative(BigDecimal netProceeds, BigDecimal approvedAmount) {
        Check.that(netProceeds != null, "netProceeds is given");
        if (netProceeds.signum() < 0) {
            throw new SettlementRefused(Reason.NEGATIVE_NET_PROCEEDS,
                    "netProceeds must not be negative, was " + netProceeds.toPlainString());
        }
        if (approvedAmount != null && approvedAmount.signum() < 0) {
            throw new SettlementRefused(Reason.NEGATIVE_APPROVED_AMOUNT,
                    "approvedAmount must not be negative, was " + approvedAmount.toPlainString());
        }
    }

    private static void refuseIfNothingPaidIn(BigDecimal paidIn, BigDecimal proceedsTotal) {
        if (paidIn.signum() == 0 && proceedsTotal.signum() > 0) {
            throw new SettlementRefused(Reason.NOTHING_PAID_IN, "nothing was paid in, so net proceeds and interim "
                    + "distributions of " + Money.format(proceedsTotal) + " have no pro-rata basis");
        }
    }

    /** SPEC §6: non-guidance partners never pay back. Names every such partner at once. */
    private static void refuseIfAnyOtherPaysBack(
            List<PartnerStake> partners, Map<String, BigDecimal> entitlement, Map<String, BigDecimal> finalCash) {
        List<String> payers = new ArrayList<>();
        for (PartnerStake p : partners) {
            BigDecimal cash = finalCash.get(p.partnerCode());
            if (!p.isGuidance() && cash.signum() < 0) {
                BigDecimal owed = entitlement.get(p.partnerCode()).subtract(p.distributedBefore());
                // without clawback the rest is its share of the guidance fund's shortfall
                BigDecimal shortfallShare = owed.subtract(cash);
                payers.add(p.partnerCode() + " would have to pay back " + Money.format(cash.negate())
                        + " (entitlement " + Money.format(entitlement.get(p.partnerCode()))
                        + ", interim distributions " + Money.format(p.distributedBefore())
                        + (shortfallShare.signum() == 0 ? ""
                                : ", share of the guidance fund's shortfall " + Money.format(shortfallShare))
                        + ")");
            }
        }
        if (!payers.isEmpty()) {
            throw new SettlementRefused(Reason.PARTNER_WOULD_PAY_BACK, "only the guidance fund pays back at "
                    + "liquidation, but partner " + String.join("; partner ", payers));
        }
    }

    private static List<PartnerSettlement> lines(List<PartnerStake> partners, Map<String, BigDecimal> lossBorne,
            Map<String, BigDecimal> entitlement, Map<String, BigDecimal> finalCash) {
        List<PartnerSettlement> lines = new ArrayList<>();
        for (PartnerStake p : partners) {
            String code = p.partnerCode();
            lines.add(new PartnerSettlement(code, p.role(), p.paidIn(), p.distributedBefore(),
                    lossBorne.get(code), entitlement.get(code), finalCash.get(code)));
        }
        return lines;
    }

    /** Re-derives the totals from the lines, so a slip in any step above fails loudly. */
    private static void checkInvariants(
            Settlement s, PartnerStake guidance, BigDecimal approved, SettlementTerms terms) {
        List<PartnerSettlement> lines = s.partners();
        BigDecimal proceedsTotal = s.netProceeds().add(s.distributedBefore());
        Check.that(sum(lines, PartnerSettlement::lossBorne).compareTo(s.loss()) == 0, "Σ lossBorne = L");
        Check.that(sum(lines, PartnerSettlement::entitlement).compareTo(proceedsTotal) == 0, "Σ E_i = T");
        Check.that(sum(lines, PartnerSettlement::finalCash).compareTo(s.netProceeds()) == 0, "Σ F_i = N");
        Check.that(s.loss().signum() == 0 || s.loss().compareTo(s.paidIn().subtract(proceedsTotal)) == 0,
                "a loss is P − T");
        Check.that(s.guidanceFirstLoss().signum() >= 0 && s.guidanceFirstLoss().compareTo(s.loss()) <= 0
                && s.guidanceFirstLoss().compareTo(s.cap()) <= 0
                && (approved == null || s.guidanceFirstLoss().compareTo(approved) <= 0), "L_g ≤ min(L, C, A)");
        for (PartnerSettlement line : lines) {
            Check.that(line.lossBorne().signum() >= 0 && line.entitlement().signum() >= 0,
                    "no partner loses more than it paid in: " + line.partnerCode());
            boolean guidanceLine = line.partnerCode().equals(guidance.partnerCode());
            Check.that(line.finalCash().signum() >= 0 || (guidanceLine && terms.clawback()),
                    "only the guidance fund pays back, and only with clawback: " + line.partnerCode());
            Check.that(!guidanceLine || line.lossBorne().compareTo(s.guidanceFirstLoss()) >= 0,
                    "the guidance fund bears at least its first loss");
        }
    }

    private static Map<String, BigDecimal> zeros(List<PartnerStake> partners) {
        Map<String, BigDecimal> zeros = new LinkedHashMap<>();
        partners.forEach(p -> zeros.put(p.partnerCode(), Money.ZERO));
        return zeros;
    }

    private static BigDecimal total(List<PartnerStake> partners, Function<PartnerStake, BigDecimal> amount) {
        return partners.stream().map(amount).reduce(Money.ZERO, BigDecimal::add);
    }

    private static BigDecimal sum(List<PartnerSettlement> lines, Function<PartnerSettlement, BigDecimal> amount) {
        return lines.stream().map(amount).reduce(Money.ZERO, BigDecimal::add);
    }
}
