package io.jinchuang.ledger.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.auth.Principal;
import io.jinchuang.ledger.auth.Role;
import io.jinchuang.ledger.auth.Tokens;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The HTTP service: the route table, auth, limits, problem responses, metrics and request logs. */
public final class App {
    static final String REQUEST_ID = "requestId";
    static final String PRINCIPAL = "principal";
    private static final String STARTED = "startedNanos";
    private static final Pattern REQUEST_ID_SHAPE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger("http");

    private App() {}

    /**
     * Loads and initialises the web server's classes on a thread of its own while the ledger
     * opens on the main one (start-up, issue 6): a throw-away server that is never started.
     * Jetty's first server alone took ~0.3 s of a ~2 s start (its MIME table asks the JDK for
     * every locale). Logging must be initialised before this runs (SLF4J hands a second thread
     * that asks during its initialisation a stand-in logger).
     */
    public static void warmUpInBackground() {
        Thread thread = new Thread(() -> {
            try {
                Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.startup.startupWatcherEnabled = false; // else a thread waits 5 s to warn it never started
                    config.staticFiles.enableWebjars();
                });
            } catch (RuntimeException | LinkageError e) {
                log.debug("event=warm-up-failed", e); // only an optimisation: the real start reports real problems
            }
        }, "warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    public static Javalin create(Ledger ledger, PrometheusMeterRegistry registry) {
        Api api = new Api(ledger, registry);
        List<Route> routes = Routes.table(api);
        FunctionCounter.builder("ledger_entries_posted", ledger.journal, j -> j.entriesPosted())
                .description("journal entries posted since start").register(registry);
        int bodyBytesMax = ledger.settings.integer("limits.request-body-bytes-max");
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = bodyBytesMax;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems()));
            config.staticFiles.enableWebjars();
            config.routes.before(ctx -> begin(ctx, bodyBytesMax));
            TokenCache tokens = new TokenCache(ledger.db, ledger.clock);
            config.routes.beforeMatched(ctx -> authorize(ctx, tokens));
            config.routes.after(ctx -> finish(ctx, registry));
            for (Route route : routes) {
                Role[] roles = route.roles().toArray(Role[]::new);
                if (route.method().equals(HandlerType.GET)) {
                    config.routes.get(route.path(), route.handler(), roles);
                } else if (route.method().equals(HandlerType.POST)) {
                    config.routes.post(route.path(), route.handler(), roles);
                } else {
                    throw new IllegalStateException("no " + route.method() + " routes in this API");
                }
            }
            exceptions(config);
        });
    }

    private static final java.util.regex.Pattern BAD_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");
    /** A query parameter's name as the API spells them: safe to repeat in a problem. */
    private static final java.util.regex.Pattern PARAMETER_NAME = java.util.regex.Pattern.compile("[A-Za-z]{1,40}");

    private static void begin(Context ctx, int bodyBytesMax) {
        ctx.attribute(STARTED, System.nanoTime());
        String given = ctx.header("X-Request-Id");
        String requestId = given != null && REQUEST_ID_SHAPE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.attribute(REQUEST_ID, requestId);
        ctx.header("X-Request-Id", requestId);
        MDC.put(REQUEST_ID, requestId);
        Request.refuseAnnouncedOversize(ctx, bodyBytesMax);
        String query = ctx.queryString();
        if (query != null && BAD_ESCAPE.matcher(query).find()) {
            // the server's parser drops such a parameter silently: ?asOf=%zz would answer as of today
            throw Rejection.malformed("the query string has a '%' not followed by two hexadecimal digits");
        }
        if (query != null) {
            // handlers read a parameter's first value: ?asOf=2025-01-01&asOf=2025-02-30 must not pass as the first
            for (var parameter : ctx.queryParamMap().entrySet()) {
                if (parameter.getValue().size() > 1) {
                    String name = parameter.getKey();
                    throw Rejection.malformed("the query parameter "
                            + (PARAMETER_NAME.matcher(name).matches() ? name : "(a name that is no parameter's)")
                            + " is given " + parameter.getValue().size() + " times; give it once");
                }
            }
        }
    }

    private static void authorize(Context ctx, TokenCache tokens) {
        var roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        // the scheme's name is case-insensitive (RFC 9110 §11.1): "bearer <token>" is the same
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length()) || header.length() > 512) {
            throw new Unauthorized("an Authorization: Bearer <token> header is required");
        }
        Principal principal = tokens.find(header.substring("Bearer ".length()).trim());
        if (principal == null) {
            throw new Unauthorized("the bearer token is not known");
        }
        ctx.attribute(PRINCIPAL, principal);
        MDC.put("actor", principal.name());
        if (!roles.contains(principal.role())) {
            throw Rejection.forbidden("the " + principal.role() + " role may not " + ctx.method().name() + " "
                    + ctx.endpoint().path);
        }
    }

    private static void finish(Context ctx, PrometheusMeterRegistry registry) {
        Long started = ctx.attribute(STARTED);
        long nanos = started == null ? 0 : System.nanoTime() - started;
        String path = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
        Timer.builder("http_server_requests")
                .tag("method", ctx.method().name())
                .tag("route", path)
                .tag("status", Integer.toString(ctx.status().getCode()))
                .publishPercentileHistogram(false)
                .register(registry)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        log.info("event=request method={} path={} route={} status={} ms={}", ctx.method().name(), ctx.path(), path,
                ctx.status().getCode(), nanos / 1_000_000);
        MDC.clear();
    }

    /** 401 is only ever about the token. */
    static final class Unauthorized extends RuntimeException {
        Unauthorized(String detail) {
            super(detail, null, false, false);
        }
    }

    private static void exceptions(io.javalin.config.JavalinConfig config) {
        config.routes.exception(Rejection.class, (e, ctx) -> Problem.write(ctx, e));
        config.routes.exception(Unauthorized.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", "Bearer");
            Problem.write(ctx, 401, "Unauthorized", e.getMessage(), List.of());
        });
        config.routes.exception(FundQueue.Busy.class, (e, ctx) -> Problem.write(ctx, 503, "Try again",
                e.getMessage(), List.of()));
        config.routes.exception(Request.BodyTooLarge.class,
                (e, ctx) -> Problem.write(ctx, 413, "Request body too large", e.getMessage(), List.of()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> Problem.write(ctx, e.getStatus(),
                e.getStatus() == 404 ? "Not found" : "HTTP " + e.getStatus(), e.getMessage(), List.of()));
        config.routes.exception(DataAccessException.class, App::databaseProblem);
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("event=unhandled", e);
            Problem.write(ctx, 500, "Internal error", "the service failed; the request id identifies it in the log",
                    List.of());
        });
        config.routes.error(404, ctx -> {
            String written = ctx.res().getContentType();
            if (written == null || !written.startsWith(Problem.CONTENT_TYPE)) {
                Problem.write(ctx, 404, "Not found", "no such resource: " + ctx.path(), List.of());
            }
        });
        config.routes.error(405, ctx -> Problem.write(ctx, 405, "Method not allowed",
                ctx.method().name() + " is not allowed on " + ctx.path(), List.of()));
        config.routes.error(413, ctx -> {
            String written = ctx.res().getContentType();
            if (written == null || !written.startsWith(Problem.CONTENT_TYPE)) {
                Problem.write(ctx, 413, "Request body too large", "the request body is too large", List.of());
            }
        });
    }

    /**
     * A constraint the database enforced behind the code's own checks: a race between two
     * requests. Unique violations are conflicts; a statement timeout is 503.
     */
    private static void databaseProblem(DataAccessException e, Context ctx) {
        String state = e.sqlState();
        if ("23505".equals(state)) {
            Problem.write(ctx, 409, "Conflict", "it already exists (a concurrent request created it)", List.of());
        } else if ("23513".equals(state) || "23514".equals(state) || "22001".equals(state)
                || "22003".equals(state)) { // a check, a text too long, a number beyond its column
            Problem.write(ctx, 422, "Validation failed", "a value breaks a rule of the ledger", List.of());
        } else if ("57014".equals(state) || "HYT00".equals(state) || "40001".equals(state) || "40P01".equals(state)
                || "55P03".equals(state)) { // a timeout, a lock wait given up, a serialization failure, a deadlock
            Problem.write(ctx, 503, "Try again", "the database was busy; retry the request with the same Idempotency-Key",
                    List.of());
        } else {
            SQLException cause = e.getCause(SQLException.class);
            log.error("event=database-error sqlState={}", state, cause == null ? e : cause);
            Problem.write(ctx, 500, "Internal error", "the database failed; the request id identifies it in the log",
                    List.of());
        }
    }
}
