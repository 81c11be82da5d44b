package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Health, Prometheus metrics, the OpenAPI document and its browsable page. */
final class OpsApi {
    static final String OPENAPI_RESOURCE = "/openapi.json";
    private final Api api;
    private final byte[] openApi;
    private final byte[] docsPage;

    OpsApi(Api api) {
        this.api = api;
        this.openApi = resource(OPENAPI_RESOURCE);
        this.docsPage = resource("/docs.html");
    }

    private static byte[] resource(String name) {
        try (InputStream in = OpsApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void health(Context ctx) {
        boolean database = api.ledger.db.ready();
        ctx.status(database ? 200 : 503).contentType("application/json").result(Json.bytes(Json.obj(
                "status", database ? "UP" : "DOWN", "database", database ? "UP" : "DOWN")));
    }

    void metrics(Context ctx) {
        PrometheusMeterRegistry registry = api.registry;
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

    void docs(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(docsPage);
    }
}
