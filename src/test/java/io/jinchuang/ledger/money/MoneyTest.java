package io.jinchuang.ledger.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/**
 * SPEC §2 money input and output. {@link Money#parse} accepts exactly
 * {@code -?[0-9]+(\.[0-9]{0,2})?} with at most 17 integer digits once leading zeros are
 * dropped; what these tests pin down beyond the SPEC's words, from that pattern:
 * <ul>
 *   <li>a minus sign is accepted (whether an amount may be negative is the caller's rule);
 *       a plus sign is not;</li>
 *   <li>a point must have digits on both sides: {@code "1."} and {@code ".5"} are refused
 *       (neither is a JSON number, and "0 fraction digits" is written without a point);</li>
 *   <li>leading zeros are accepted and do not count as integer digits.</li>
 * </ul>
 */
class MoneyTest {
    private static final String AMOUNT = "must be an amount such as \"1000.00\"";
    private static final String FRACTION = "must have at most 2 fraction digits (fen)";
    private static final String EXPONENT = "must not use exponent notation";
    private static final String INTEGER_DIGITS = "must have at most 17 integer digits";

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
        "0                      | 0.00",
        "1                      | 1.00",
        "1.5                    | 1.50",
        "1.50                   | 1.50",
        "12345678901234567.99   | 12345678901234567.99",
        "12345678901234567      | 12345678901234567.00",
        "-1                     | -1.00",
        "-12345678901234567.99  | -12345678901234567.99",
        "007.5                  | 7.50",
        "000000000000000000001  | 1.00",
        "-00012345678901234567.5 | -12345678901234567.50",
        "00                     | 0.00",
        "-0.01                  | -0.01",
        "0.01                   | 0.01",
    })
    void accepts(String text, String expected) {
        BigDecimal amount = Money.parse(text);
        assertEquals(new BigDecimal(expected), amount, "value and scale 2");
        assertEquals(expected, Money.format(amount));
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "1.005                  | " + FRACTION,
        "-1.005                 | " + FRACTION,
        "0.001                  | " + FRACTION,
        "1e5                    | " + EXPONENT,
        "1E5                    | " + EXPONENT,
        "1.5e1                  | " + EXPONENT,
        "1.5E+1                 | " + EXPONENT,
        "1e-2                   | " + EXPONENT,
        "' 1'                   | " + AMOUNT,
        "'1 '                   | " + AMOUNT,
        "'1,000'                | " + AMOUNT,
        "+1                     | " + AMOUNT,
        "0x10                   | " + AMOUNT,
        "--1                    | " + AMOUNT,
        ".5                     | " + AMOUNT,
        "1.                     | " + AMOUNT,
        "-                      | " + AMOUNT,
        "1.2.3                  | " + AMOUNT,
        "abc                    | " + AMOUNT,
        "123456789012345678     | " + INTEGER_DIGITS,
        "123456789012345678.00  | " + INTEGER_DIGITS,
        "-123456789012345678    | " + INTEGER_DIGITS,
        "-000123456789012345678 | " + INTEGER_DIGITS,
        "100000000000000000.5   | " + INTEGER_DIGITS,
    })
    void refuses(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesNothing(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse(text));
        assertEquals(AMOUNT, e.getMessage());
    }

    @ParameterizedTest(name = "format({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
        "0         | 0.00",
        "1         | 1.00",
        "1.5       | 1.50",
        "1.500     | 1.50",
        "-0.5      | -0.50",
        "1E+3      | 1000.00",
        "1.2E+20   | 120000000000000000000.00",
        "0.00      | 0.00",
    })
    void formatGivesExactlyTwoFractionDigitsAndNoExponent(String amount, String expected) {
        assertEquals(expected, Money.format(new BigDecimal(amount)));
    }

    @Test
    void formatRefusesToRoundAwayAFractionOfAFen() {
        assertThrows(ArithmeticException.class, () -> Money.format(new BigDecimal("1.005")));
    }

    @Test
    void formatThenParseGivesTheSameAmount() {
        Cases.run(0x30E1L, 2_000, c -> {
            // up to 17 integer digits, the most parse accepts
            long yuan = c.percent(80) ? c.logUniform(99_999_999_999_999_999L) : 0L;
            BigDecimal amount = c.input("amount", BigDecimal.valueOf(yuan).add(c.fen(0, 99)));
            amount = c.percent(20) ? amount.negate() : amount;
            String text = Money.format(amount);
            assertEquals(amount, Money.parse(text), "parse(format(x)) = x via " + text);
            assertEquals(text, Money.format(Money.parse(text)));
        });
    }
}
