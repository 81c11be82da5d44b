package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.auth.Principal;
import io.jinchuang.ledger.input.BusinessDate;
import io.jinchuang.ledger.journal.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;

/** What every handler reads from a request, with the limits applied. */
public final class Request {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private Request() {}

    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(App.PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("a protected route ran without a principal");
        }
        return principal;
    }

    /** The body, refused as 400 unless it is JSON, and as 413 beyond the configured size. */
    public static byte[] body(Context ctx, int bytesMax) {
        return body(ctx, bytesMax, "application/json");
    }

    /** The body, refused as 400 unless it has the media type, and as 413 beyond the configured size. */
    public static byte[] body(Context ctx, int bytesMax, String mediaType) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).matches(Pattern.quote(mediaType) + "\\s*(;.*)?")) {
            throw Rejection.malformed("Content-Type must be " + mediaType);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(bytesMax + 1);
            if (bytes.length > bytesMax) {
                drain(in);
                throw new BodyTooLarge(bytesMax);
            }
            return bytes;
        } catch (IOException e) {
            throw Rejection.malformed("the request body could not be read");
        }
    }

    /** How much of an oversized body is read and dropped before the 413 goes out. */
    static final long DRAIN_BYTES_MAX = 16L << 20;

    /**
     * Refuses a body announced larger than {@code bytesMax} before anything reads it: 413. A
     * client that sends its body at once (most do) would still be sending when the answer goes
     * out and the connection closes, and would see a reset instead of the 413 (seen in CI:
     * "header parser received no bytes" for a CSV just over 1 MiB): a body of at most
     * {@link #DRAIN_BYTES_MAX} is read and dropped first. One that asked to wait
     * ({@code Expect: 100-continue}) is answered at once, and a larger one is not read.
     */
    static void refuseAnnouncedOversize(Context ctx, int bytesMax) {
        long length = ctx.contentLength();
        if (length <= bytesMax) {
            return;
        }
        boolean waits = "100-continue".equalsIgnoreCase(ctx.header("Expect"));
        if (!waits && length <= DRAIN_BYTES_MAX) {
            try (InputStream in = ctx.bodyInputStream()) {
                drain(in);
            } catch (IOException ignored) {
                // the client went away: there is no one left to answer
            }
        }
        throw new BodyTooLarge(bytesMax);
    }

    /** Reads and drops the rest of an oversized body, up to {@link #DRAIN_BYTES_MAX} (see {@link #refuseAnnouncedOversize}). */
    private static void drain(InputStream in) {
        byte[] buffer = new byte[1 << 16];
        long left = DRAIN_BYTES_MAX;
        try {
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    return;
                }
                left -= read;
            }
        } catch (IOException ignored) {
            // the client went away: there is no one left to answer
        }
    }

    /** Thrown when a body exceeds the limit: answered 413. */
    public static final class BodyTooLarge extends RuntimeException {
        public BodyTooLarge(int bytesMax) {
            super("the request body is larger than " + bytesMax + " bytes", null, false, false);
        }
    }

    public static String idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw Rejection.malformed("Idempotency-Key must be 1 to 200 visible ASCII characters");
        }
        return key;
    }

    public static Actor actor(Context ctx, String reference) {
        return new Actor(principal(ctx).name(), idempotencyKey(ctx), reference);
    }

    /** An optional yyyy-MM-dd query parameter; {@code fallback} when absent. */
    public static LocalDate dateParam(Context ctx, String name, LocalDate fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return BusinessDate.parse(text);
        } catch (java.time.DateTimeException e) {
            throw Rejection.invalid(name, BusinessDate.RULE);
        }
    }

    /** An optional amount query parameter, read as strictly as a body amount (SPEC §2). */
    public static java.math.BigDecimal amountParam(Context ctx, String name, boolean required) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            if (required) {
                throw Rejection.invalid(name, "is required");
            }
            return null;
        }
        try {
            return io.jinchuang.ledger.money.Money.parse(text);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(name, e.getMessage());
        }
    }

    public static long longParam(Context ctx, String name, long fallback, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        if (!text.matches("-?[0-9]{1,18}")) {
            throw Rejection.invalid(name, "must be a whole number");
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw Rejection.invalid(name, "must be between " + min + " and " + max);
        }
        return value;
    }

    /** Refuses query parameters the route does not know, as it refuses unknown body fields. */
    public static void onlyParams(Context ctx, String... known) {
        java.util.Set<String> allowed = java.util.Set.of(known);
        for (Map.Entry<String, java.util.List<String>> param : ctx.queryParamMap().entrySet()) {
            if (!allowed.contains(param.getKey())) {
                throw Rejection.invalid(param.getKey(), "is not a known query parameter");
            }
        }
    }

    public static long pathLong(Context ctx, String name) {
        String text = ctx.pathParam(name);
        if (!text.matches("[0-9]{1,18}")) {
            throw Rejection.notFound("no journal entry " + text);
        }
        return Long.parseLong(text);
    }
}
