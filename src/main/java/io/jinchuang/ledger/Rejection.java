package io.jinchuang.ledger;

import java.util.List;

/**
 * An operating error: a request the ledger refuses. It carries the HTTP-neutral kind and
 * the fields at fault; the HTTP layer turns it into a problem response. Thrown inside a
 * transaction, it rolls everything back, so a refused request changes nothing.
 */
public final class Rejection extends RuntimeException {
    public enum Kind { MALFORMED, INVALID, CONFLICT, NOT_FOUND, FORBIDDEN }

    /** What is wrong with one field; {@code line} names the row of an import file (null elsewhere). */
    public record FieldError(String field, String message, Integer line) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }

    private final Kind kind;
    private final List<FieldError> errors;

    private Rejection(Kind kind, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public static Rejection invalid(String field, String message) {
        return new Rejection(Kind.INVALID, field + " " + message, List.of(new FieldError(field, message)));
    }

    public static Rejection invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Rejection(Kind.INVALID, detail, errors);
    }

    /** Any kind of refusal with its field errors (an import file's refusal names every bad line). */
    public static Rejection of(Kind kind, String detail, List<FieldError> errors) {
        return new Rejection(kind, detail, errors);
    }

    public static Rejection malformed(String detail) {
        return new Rejection(Kind.MALFORMED, detail, List.of());
    }

    public static Rejection conflict(String detail) {
        return new Rejection(Kind.CONFLICT, detail, List.of());
    }

    public static Rejection notFound(String detail) {
        return new Rejection(Kind.NOT_FOUND, detail, List.of());
    }

    public static Rejection forbidden(String detail) {
        return new Rejection(Kind.FORBIDDEN, detail, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
