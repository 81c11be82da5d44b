package io.jinchuang.ledger.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link Input#hasControl} finds exactly what the regular expression it replaced found. */
class ControlCharactersTest {
    /** The expression the text rule used before. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}&&[^\\u200C\\u200D]]");

    @Test
    void theCharactersTheRuleIsAbout() {
        String[] refused = {"\u0000", "a\tb", "line\nbreak", "\u007F", "\u0085", "\u200B", "\u200E", "\u202E",
                "\uFEFF", "\uD800", "x\uDC00", "\uDB40\uDC01" /* U+E0001, a format character */};
        String[] allowed = {"Taiyuan Lidar", "北方电池", "\u200C", "\u200D", "\uD83D\uDE00" /* a pair: an emoji */,
                "\uD840\uDC00" /* U+20000, CJK */, "Zoë", ""};
        for (String text : refused) {
            assertEquals(true, Input.hasControl(text), text::toString);
            assertEquals(true, CONTROL.matcher(text).find(), text::toString);
        }
        for (String text : allowed) {
            assertEquals(false, Input.hasControl(text), text::toString);
            assertEquals(false, CONTROL.matcher(text).find(), text::toString);
        }
    }

    @Test
    void agreesWithTheExpressionOnEveryCodePointAndEveryLoneSurrogate() {
        for (int point = 0; point <= Character.MAX_CODE_POINT; point++) {
            String text = "a" + new String(Character.toChars(point)) + "b";
            assertEquals(CONTROL.matcher(text).find(), Input.hasControl(text), Integer.toHexString(point));
        }
    }

    @Test
    void agreesWithTheExpressionOnMixturesOfPairsHalvesAndFormatCharacters() {
        char[] alphabet = {'a', ' ', '~', '\u007F', '\u0085', '\u00A0', '\u00AD', '\u200C', '\u200D', '\u200E',
                '\uD7FF', '\uD800', '\uD83D', '\uDBFF', '\uDC00', '\uDE00', '\uDFFF', '\uE000', '\uFEFF', '北'};
        java.util.Random random = new java.util.Random(20261127);
        for (int i = 0; i < 200_000; i++) {
            char[] text = new char[random.nextInt(7)];
            for (int j = 0; j < text.length; j++) {
                text[j] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(text);
            assertEquals(CONTROL.matcher(s).find(), Input.hasControl(s), () -> s.chars()
                    .mapToObj(Integer::toHexString).toList().toString());
        }
    }
}
