package io.jinchuang.ledger.imports;

import io.jinchuang.ledger.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the line (and the column) of a refusal a use case gave while a row was posted: the
 * use case speaks of the HTTP body's fields ({@code contributions[1].amount}, {@code type});
 * the import's user reads lines and columns.
 */
final class LineErrors {
    private static final Pattern PART = Pattern.compile("(?:contributions|allocations)\\[(\\d+)]\\.(\\w+)");

    private LineErrors() {}

    static Rejection at(Rejection refused, Posting posting) {
        List<Rejection.FieldError> errors = new ArrayList<>();
        for (Rejection.FieldError e : refused.errors()) {
            errors.add(locate(e, posting));
        }
        if (errors.isEmpty()) {
            errors.add(new Rejection.FieldError("row", refused.getMessage(), posting.line()));
        }
        int line = errors.get(0).line();
        return Rejection.of(refused.kind(), "line " + line + ": " + refused.getMessage() + "; nothing was imported",
                errors);
    }

    private static Rejection.FieldError locate(Rejection.FieldError e, Posting posting) {
        List<Integer> lines = posting.lines();
        Matcher part = PART.matcher(e.field());
        if (part.matches() && Integer.parseInt(part.group(1)) < lines.size()) {
            return new Rejection.FieldError(part.group(2), e.message(), lines.get(Integer.parseInt(part.group(1))));
        }
        return new Rejection.FieldError(column(e.field(), posting), e.message(), posting.line());
    }

    private static String column(String field, Posting posting) {
        return switch (field) {
            case "contributions", "allocations" -> "amount";
            case "code" -> ImportLayout.FUND;
            case "vintage" -> "date";
            case "type" -> posting instanceof Posting.Exit ? "exitType" : field;
            default -> field;
        };
    }
}
