package io.jinchuang.ledger.journal;

import io.jinchuang.ledger.money.Check;
import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;

/** One side of a journal entry: exactly one of debit and credit is positive. */
public record Line(String account, BigDecimal debit, BigDecimal credit) {
    public Line {
        Check.that(debit.signum() >= 0 && credit.signum() >= 0, "line amounts are never negative");
        Check.that(debit.signum() == 0 ^ credit.signum() == 0, "a line is a debit or a credit");
        debit = debit.setScale(Money.SCALE);
        credit = credit.setScale(Money.SCALE);
    }

    public static Line debit(String account, BigDecimal amount) {
        return new Line(account, amount, BigDecimal.ZERO);
    }

    public static Line credit(String account, BigDecimal amount) {
        return new Line(account, BigDecimal.ZERO, amount);
    }

    /** Debit-positive effect on the account's balance. */
    public BigDecimal signed() {
        return debit.subtract(credit);
    }

    public Line reversed() {
        return new Line(account, credit, debit);
    }
}
