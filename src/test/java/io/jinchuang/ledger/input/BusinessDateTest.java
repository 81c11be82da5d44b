package io.jinchuang.ledger.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link BusinessDate#parse} reads ten characters itself: it accepts exactly what the strict
 * {@code uuuu-MM-dd} formatter accepts, with the same value, when the text is four ASCII digits,
 * a dash, two, a dash, two, and the day is on or after 1900-01-01; and refuses everything else.
 */
class BusinessDateTest {
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    @Test
    void agreesWithTheStrictFormatterOnPlainDatesFrom1900() {
        List<String> texts = new ArrayList<>(List.of("2024-02-29", "2023-02-29", "2023-02-28", "2025-12-31",
                "2025-13-01", "2025-00-10", "2025-01-00", "2025-04-31", "0000-01-01", "9999-12-31", "2025-1-01",
                "2025-01-1", "20250101", "2025/01/01", "+2025-01-01", "-2025-01-01", "+10000-01-01", "-001-01-01",
                "2025-01-01 ", " 2025-01-01", "2025-0a-01", "２０２５-01-01", "2025-01-01T00", "", "1900-02-29",
                "2000-02-29", "1899-12-31", "1900-01-01", "1582-10-10", "1000-06-15", "0001-01-01", "-0001-01-01"));
        for (LocalDate day = LocalDate.of(1999, 12, 1); day.isBefore(LocalDate.of(2001, 3, 2)); day = day.plusDays(1)) {
            texts.add(day.toString());
        }
        for (LocalDate day = LocalDate.of(1899, 12, 1); day.isBefore(LocalDate.of(1900, 2, 1)); day = day.plusDays(1)) {
            texts.add(day.toString()); // 31 days before the first, 31 from it
        }
        Random random = new Random(20261127);
        String alphabet = "0123456789-+ x";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "20" : "");
            int length = 10 - text.length() + random.nextInt(3) - 1;
            for (int j = 0; j < length; j++) {
                int position = text.length();
                text.append(position == 4 || position == 7 ? '-' : alphabet.charAt(random.nextInt(
                        random.nextInt(10) == 0 ? alphabet.length() : 10)));
            }
            texts.add(text.toString());
        }
        int accepted = 0;
        int early = 0;
        for (String text : texts) {
            String strict = read(() -> LocalDate.parse(text, STRICT));
            boolean plain = SHAPE.matcher(text).matches();
            boolean tooEarly = !strict.startsWith("refused") && LocalDate.parse(strict).isBefore(LocalDate.of(1900, 1, 1));
            String expected = plain && !tooEarly ? strict : "refused";
            assertEquals(expected, read(() -> BusinessDate.parse(text)), text);
            accepted += expected.startsWith("refused") ? 0 : 1;
            early += plain && tooEarly ? 1 : 0;
        }
        assertTrue(accepted > 600, "the days walked and some generated texts are dates: " + accepted);
        assertTrue(early > 50, "some texts are existing days before 1900, refused: " + early);
    }

    @Test
    void theFirstAndLastDays() {
        assertEquals(BusinessDate.FIRST, BusinessDate.parse("1900-01-01"));
        assertEquals(BusinessDate.LAST, BusinessDate.parse("9999-12-31"));
        assertEquals("refused", read(() -> BusinessDate.parse("1899-12-31")));
        assertEquals("refused", read(() -> BusinessDate.parse(null)));
    }

    private static String read(java.util.function.Supplier<LocalDate> parse) {
        try {
            return parse.get().toString();
        } catch (DateTimeException e) {
            return "refused";
        }
    }
}
