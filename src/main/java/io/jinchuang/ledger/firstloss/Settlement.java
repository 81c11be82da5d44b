package io.jinchuang.ledger.firstloss;

import java.math.BigDecimal;
import java.util.List;

/**
 * The result of a seed or angel fund's liquidation settlement (SPEC §6), the same for a
 * preview and a posting. Amounts in yuan at scale 2; {@code partners} in the order given.
 *
 * @param paidIn P, the partners' total paid-in
 * @param distributedBefore Σ D_i, the interim distributions already paid out
 * @param netProceeds N, the net liquidation proceeds now to be paid out
 * @param loss L, the fund's loss over its life
 * @param cap C, the most the guidance fund may lose first
 * @param guidanceFirstLoss L_g, what the guidance fund loses first
 * @param noBeneficiary the guidance fund holds all paid-in: its first loss helps no one
 */
public record Settlement(
        BigDecimal paidIn,
        BigDecimal distributedBefore,
        BigDecimal netProceeds,
        BigDecimal loss,
        BigDecimal cap,
        BigDecimal guidanceFirstLoss,
        boolean noBeneficiary,
        List<PartnerSettlement> partners) {

    public Settlement {
        partners = List.copyOf(partners);
    }

    public PartnerSettlement partner(String partnerCode) {
        return partners.stream()
                .filter(p -> p.partnerCode().equals(partnerCode))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no partner " + partnerCode + " in this settlement"));
    }
}
