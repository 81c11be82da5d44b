package io.jinchuang.ledger.firstloss;

import io.jinchuang.ledger.money.Check;
import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Brings an amount that is already a whole number of fen to scale 2, so that results print as the SPEC's "0.00". */
final class Fen {
    private Fen() {}

    static BigDecimal of(BigDecimal amount, String name) {
        Check.that(amount != null, name + " is given");
        // more than 2 fraction digits is refused at parsing (422); here it would be a programmer error
        Check.that(amount.stripTrailingZeros().scale() <= Money.SCALE, name + " is a whole number of fen");
        return amount.setScale(Money.SCALE, RoundingMode.UNNECESSARY);
    }
}
