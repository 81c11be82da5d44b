package io.jinchuang.ledger.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Yuan at scale 2 (fen). Parsing is strict because money input is where mistakes enter. */
public final class Money {
    public static final int SCALE = 2;
    /** SPEC §2: more than 17 integer digits is refused; NUMERIC(19,2) holds exactly that. */
    public static final int INTEGER_DIGITS_MAX = 17;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);
    private static final java.util.regex.Pattern AMOUNT = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]{1,2})?");
    private static final java.util.regex.Pattern TOO_MANY_FRACTION_DIGITS =
            java.util.regex.Pattern.compile("-?[0-9]+\\.[0-9]{3,}");
    private static final java.util.regex.Pattern EXPONENT = java.util.regex.Pattern.compile("(?i).*[0-9]e[-+]?[0-9].*");

    private Money() {}

    /**
     * Reads an amount given as a JSON string or number's text: digits with at most 2
     * fraction digits, optional leading minus, no exponent, no grouping.
     *
     * @throws IllegalArgumentException with a message fit for a problem response
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("must be an amount such as \"1000.00\"");
        }
        if (!AMOUNT.matcher(text).matches()) {
            if (TOO_MANY_FRACTION_DIGITS.matcher(text).matches()) {
                throw new IllegalArgumentException("must have at most 2 fraction digits (fen)");
            }
            if (EXPONENT.matcher(text).matches()) {
                throw new IllegalArgumentException("must not use exponent notation");
            }
            throw new IllegalArgumentException("must be an amount such as \"1000.00\"");
        }
        int first = text.startsWith("-") ? 1 : 0;
        int point = text.indexOf('.');
        int end = point < 0 ? text.length() : point;
        while (first < end - 1 && text.charAt(first) == '0') {
            first++; // leading zeros are not digits of the amount (a regular expression here cost an import 1 s)
        }
        if (end - first > INTEGER_DIGITS_MAX) {
            throw new IllegalArgumentException("must have at most " + INTEGER_DIGITS_MAX + " integer digits");
        }
        return new BigDecimal(text).setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** The wire form: plain digits, exactly two fraction digits. */
    public static String format(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY).toPlainString();
    }

    public static BigDecimal of(String text) {
        return parse(text);
    }

    /** The first amount too large to keep: NUMERIC(19,2) holds at most 17 integer digits. */
    private static final BigDecimal TOO_LARGE = BigDecimal.TEN.pow(INTEGER_DIGITS_MAX);

    /** Whether the ledger can keep this amount (a sum of valid amounts may not fit). */
    public static boolean fits(BigDecimal amount) {
        return amount.abs().compareTo(TOO_LARGE) < 0;
    }

    public static boolean isPositive(BigDecimal amount) {
        return amount.signum() > 0;
    }

    /** Rounds an exact value to the fen, HALF_EVEN, once, where the SPEC says to round. */
    public static BigDecimal roundFen(BigDecimal exact) {
        return exact.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
