package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.Rejection;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem responses: every refusal the service gives looks like this. */
public final class Problem {
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://jinchuang-ledger.invalid/problems/";

    private Problem() {}

    public static void write(Context ctx, int status, String title, String detail, List<Rejection.FieldError> errors) {
        Map<String, Object> body = body(status, title, detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(Problem::error).toList());
        }
        Object requestId = ctx.attribute(App.REQUEST_ID);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        ctx.status(status).contentType(CONTENT_TYPE).result(Json.bytes(body));
    }

    public static void write(Context ctx, Rejection rejection) {
        switch (rejection.kind()) {
            case MALFORMED -> write(ctx, 400, "Malformed request", rejection.getMessage(), rejection.errors());
            case INVALID -> write(ctx, 422, "Validation failed", rejection.getMessage(), rejection.errors());
            case CONFLICT -> write(ctx, 409, "Conflict", rejection.getMessage(), rejection.errors());
            case NOT_FOUND -> write(ctx, 404, "Not found", rejection.getMessage(), rejection.errors());
            case FORBIDDEN -> write(ctx, 403, "Forbidden", rejection.getMessage(), rejection.errors());
        }
    }

    private static Map<String, Object> error(Rejection.FieldError e) {
        Map<String, Object> error = Json.obj("field", e.field(), "message", e.message());
        if (e.line() != null) {
            error.put("line", e.line());
        }
        return error;
    }

    /** A problem's members, to which a response may add {@code errors} and {@code requestId}. */
    static Map<String, Object> body(int status, String title, String detail) {
        return Json.obj(
                "type", TYPE_BASE + title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                "title", title,
                "status", status,
                "detail", detail);
    }
}
