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
import org.junit.jupiter.api.Test;

/**
 * {@link Input#plainDate} reads the usual ten characters itself and everything else through
 * the formatter: it accepts exactly the dates the strict {@code uuuu-MM-dd} formatter accepts,
 * with the same value, and refuses the rest.
 */
class PlainDateTest {
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    @Test
    void agreesWithTheStrictFormatter() {
        List<String> texts = new ArrayList<>(List.of("2024-02-29", "2023-02-29", "2023-02-28", "2025-12-31",
                "2025-13-01", "2025-00-10", "2025-01-00", "2025-04-31", "0000-01-01", "9999-12-31", "2025-1-01",
                "2025-01-1", "20250101", "2025/01/01", "+2025-01-01", "-2025-01-01", "+10000-01-01", "-001-01-01",
                "2025-01-01 ", " 2025-01-01", "2025-0a-01", "２０２５-01-01", "2025-01-01T00", "", "1900-02-29",
                "2000-02-29"));
        for (LocalDate day = LocalDate.of(1999, 12, 1); day.isBefore(LocalDate.of(2001, 3, 2)); day = day.plusDays(1)) {
            texts.add(day.toString());
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
        for (String text : texts) {
            String expected = read(() -> LocalDate.parse(text, STRICT));
            assertEquals(expected, read(() -> Input.plainDate(text)), text);
            accepted += expected.startsWith("refused") ? 0 : 1;
        }
        assertTrue(accepted > 600, "the days walked and some generated texts are dates: " + accepted);
    }

    private static String read(java.util.function.Supplier<LocalDate> parse) {
        try {
            return parse.get().toString();
        } catch (DateTimeException e) {
            return "refused";
        }
    }
}
