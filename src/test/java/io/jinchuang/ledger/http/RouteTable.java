package io.jinchuang.ledger.http;

import io.jinchuang.ledger.Ledger;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The route table as the service builds it, for tests outside this package ({@link Api}'s
 * constructor is package-private). Building the handlers posts nothing and serves nothing.
 */
public final class RouteTable {
    private RouteTable() {}

    /** "GET /api/v1/funds", "POST /api/v1/funds/{code}/partners", … for every route in {@link Routes}. */
    public static List<String> signatures(Ledger ledger) {
        return Routes.signatures(new Api(ledger, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    }
}
