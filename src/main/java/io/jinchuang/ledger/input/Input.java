package io.jinchuang.ledger.input;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of one posting (a JSON object's members, or a CSV row's cells),
 * collecting every problem (field and reason) so that a single 422 lists them all.
 * Unknown fields are refused. Call {@link #done()} last, or {@link #errors()} to collect.
 */
public final class Input {
    /**
     * Whether {@code text} has a control character, an invisible format character
     * (bidirectional overrides that make a name display reversed in a report, zero-width
     * spaces, a byte-order mark) or an unpaired surrogate; the zero-width (non-)joiners U+200C
     * and U+200D some scripts need in names are allowed. The same as finding the expression
     * {@code [\p{Cc}\p{Cf}\p{Cs}&&[^ZWNJ ZWJ]]}, code point by code point (a surrogate pair is
     * its character), without a regular expression: every text cell of an import is checked,
     * and the expression took 4% of the benchmark import's main thread.
     */
    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) { // printable ASCII: none of them
                i++;
                continue;
            }
            int point = text.codePointAt(i);
            int type = Character.getType(point);
            if ((type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE)
                    && point != 0x200C && point != 0x200D) {
                return true;
            }
            i += Character.charCount(point);
        }
        return false;
    }

    public enum Sign {
        POSITIVE,
        NON_NEGATIVE,
        /** either sign or zero: a bank statement's money in (positive) and out (negative) */
        ANY
    }

    private final Map<String, Object> values;
    private final String prefix;
    private final int textLengthMax;
    private final List<Rejection.FieldError> errors;

    private Input(Map<String, Object> values, String prefix, int textLengthMax, List<Rejection.FieldError> errors,
                  Set<String> allowed) {
        this.values = values;
        this.prefix = prefix;
        this.textLengthMax = textLengthMax;
        this.errors = errors;
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                error(name, "is not a known field");
            }
        }
    }

    public static Input of(Map<String, Object> values, int textLengthMax, Set<String> allowed) {
        return new Input(values, "", textLengthMax, new ArrayList<>(), allowed);
    }

    private void error(String field, String message) {
        errors.add(new Rejection.FieldError(prefix + field, message));
    }

    public boolean has(String field) {
        return values.get(field) != null;
    }

    public String text(String field, boolean required) {
        return text(field, required, textLengthMax);
    }

    /** Free text with a tighter limit than the default (the column it is kept in is narrower). */
    public String text(String field, boolean required, int lengthMax) {
        Object value = values.get(field);
        if (value == null) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            error(field, "must be a string");
            return null;
        }
        if (text.isBlank()) {
            error(field, "must not be blank");
            return null;
        }
        if (text.length() > Math.min(lengthMax, textLengthMax)) {
            error(field, "must be at most " + Math.min(lengthMax, textLengthMax) + " characters");
            return null;
        }
        if (hasControl(text)) {
            error(field, "must not contain control or invisible formatting characters");
            return null;
        }
        return text;
    }

    /** A string that must match {@code pattern}; {@code shape} says in words what is expected. */
    public String code(String field, boolean required, Pattern pattern, String shape) {
        String text = text(field, required);
        if (text != null && !pattern.matcher(text).matches()) {
            error(field, "must be " + shape);
            return null;
        }
        return text;
    }

    public <E extends Enum<E>> E choice(String field, boolean required, Class<E> type) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            error(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    /** SPEC §2: a JSON string or number with 0–2 fraction digits, no exponent, ≤ 17 integer digits. */
    public BigDecimal amount(String field, boolean required, Sign sign) {
        Object value = values.get(field);
        if (value == null) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        String text = value instanceof String s ? s : value instanceof RawNumber n ? n.text() : null;
        if (text == null) {
            error(field, "must be an amount (a string such as \"1000.00\" or a number)");
            return null;
        }
        try {
            BigDecimal amount = Money.parse(text);
            if (sign == Sign.POSITIVE && amount.signum() <= 0) {
                error(field, "must be greater than zero");
                return null;
            }
            if (sign == Sign.NON_NEGATIVE && amount.signum() < 0) {
                error(field, "must not be negative");
                return null;
            }
            return amount;
        } catch (IllegalArgumentException e) {
            error(field, e.getMessage());
            return null;
        }
    }

    /** A ratio in [0, 1] with at most 4 fraction digits, given as string or number. */
    public BigDecimal rate(String field) {
        Object value = values.get(field);
        if (value == null) {
            return null;
        }
        String text = value instanceof String s ? s : value instanceof RawNumber n ? n.text() : null;
        if (text == null || !text.matches("(0|1)(\\.[0-9]{1,4})?")) {
            error(field, "must be a rate between 0 and 1 with at most 4 fraction digits, such as \"0.80\"");
            return null;
        }
        BigDecimal rate = new BigDecimal(text);
        if (rate.compareTo(BigDecimal.ONE) > 0) {
            error(field, "must be at most 1");
            return null;
        }
        return rate;
    }

    public LocalDate date(String field, boolean required) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        try {
            return BusinessDate.parse(text);
        } catch (java.time.DateTimeException e) {
            error(field, BusinessDate.RULE);
            return null;
        }
    }

    public boolean bool(String field, boolean defaultValue) {
        Object value = values.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean b)) {
            error(field, "must be true or false");
            return defaultValue;
        }
        return b;
    }

    public Integer integer(String field, boolean required, int min, int max) {
        Object value = values.get(field);
        if (value == null) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!(value instanceof RawNumber n) || !n.text().matches("-?[0-9]{1,9}")) {
            error(field, "must be a whole number");
            return null;
        }
        int number = Integer.parseInt(n.text());
        if (number < min || number > max) {
            error(field, "must be between " + min + " and " + max);
            return null;
        }
        return number;
    }

    /** The objects of an array field, each read by its own Input sharing this one's errors. */
    public List<Input> objects(String field, boolean required, int countMax, Set<String> allowed) {
        Object value = values.get(field);
        if (value == null) {
            if (required) {
                error(field, "is required");
            }
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            error(field, "must be an array");
            return List.of();
        }
        if (list.size() > countMax) {
            error(field, "must have at most " + countMax + " items");
            return List.of();
        }
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                error(field + "[" + i + "]", "must be an object");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) map;
            inputs.add(new Input(item, prefix + field + "[" + i + "].", textLengthMax, errors, allowed));
        }
        return inputs;
    }

    /** Adds a rule's failure found after reading (e.g. one field compared with another). */
    public void reject(String field, String message) {
        error(field, message);
    }

    /** Every problem found so far (shared with the Inputs of nested objects). */
    public List<Rejection.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws one 422 listing every problem found, if there were any. */
    public void done() {
        if (!errors.isEmpty()) {
            throw Rejection.invalid(errors);
        }
    }
}
