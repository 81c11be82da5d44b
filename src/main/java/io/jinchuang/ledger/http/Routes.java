package io.jinchuang.ledger.http;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.jinchuang.ledger.auth.Role;
import java.util.List;
import java.util.Set;

/** The API's table of contents (SPEC §8). Tests read it too: a route missing here, there or in the OpenAPI document fails the build. */
public final class Routes {
    public static final String BASE = "/api/v1";
    private static final Set<Role> PUBLIC = Set.of();
    private static final Set<Role> READERS = Set.of(Role.ADMIN, Role.MANAGER, Role.COMPLIANCE, Role.AUDITOR);
    private static final Set<Role> POSTERS = Set.of(Role.ADMIN, Role.MANAGER);
    /** SPEC §8: auditors run the year-end batch and the period close; compliance reads its reports. */
    private static final Set<Role> RECONCILERS = Set.of(Role.ADMIN, Role.AUDITOR);
    private static final Set<Role> RECONCILIATION_READERS = Set.of(Role.ADMIN, Role.AUDITOR, Role.COMPLIANCE);

    private Routes() {}

    static List<Route> table(Api api) {
        return List.of(
                new Route(POST, BASE + "/funds", POSTERS, api.funds::create),
                new Route(GET, BASE + "/funds", READERS, api.funds::list),
                new Route(GET, BASE + "/funds/{code}", READERS, api.funds::get),
                new Route(POST, BASE + "/funds/{code}/partners", POSTERS, api.funds::addPartner),
                new Route(POST, BASE + "/funds/{code}/capital-calls", POSTERS, api.deals::capitalCall),
                new Route(POST, BASE + "/companies", POSTERS, api.funds::registerCompany),
                new Route(GET, BASE + "/companies/{creditCode}", READERS, api.funds::getCompany),
                new Route(POST, BASE + "/funds/{code}/investments", POSTERS, api.deals::invest),
                new Route(POST, BASE + "/funds/{code}/exits", POSTERS, api.deals::exit),
                new Route(POST, BASE + "/funds/{code}/valuations", POSTERS, api.deals::valuation),
                new Route(POST, BASE + "/funds/{code}/monitoring-reports", POSTERS, api.deals::monitoringReport),
                new Route(POST, BASE + "/funds/{code}/distributions", POSTERS, api.deals::distribution),
                new Route(GET, BASE + "/funds/{code}/positions", READERS, api.reports::positions),
                new Route(GET, BASE + "/funds/{code}/metrics", READERS, api.reports::metrics),
                new Route(GET, BASE + "/funds/{code}/balances", READERS, api.reports::balances),
                new Route(GET, BASE + "/funds/{code}/first-loss", READERS, api.firstLoss::preview),
                new Route(POST, BASE + "/funds/{code}/liquidation", POSTERS, api.firstLoss::liquidate),
                new Route(GET, BASE + "/funds/{code}/tolerance", READERS, api.tolerance::fund),
                new Route(GET, BASE + "/funds/{code}/exemption-report", READERS, api.tolerance::exemptionReport),
                new Route(GET, BASE + "/tolerance", READERS, api.tolerance::portfolio),
                new Route(GET, BASE + "/journal", READERS, api.journal::list),
                new Route(GET, BASE + "/journal/verify", READERS, api.journal::verify),
                new Route(POST, BASE + "/journal/{fund}/{seq}/reversal", POSTERS, api.journal::reverse),
                new Route(POST, BASE + "/reconciliations", RECONCILERS, api.reconciliations::start),
                new Route(GET, BASE + "/reconciliations/{id}", RECONCILIATION_READERS, api.reconciliations::get),
                new Route(POST, BASE + "/imports", POSTERS, api.imports::create),
                new Route(GET, "/health", PUBLIC, api.ops::health),
                new Route(GET, "/metrics", PUBLIC, api.ops::metrics),
                new Route(GET, "/openapi.json", PUBLIC, api.ops::openApi),
                new Route(GET, "/docs", PUBLIC, api.ops::docs));
    }

    /** Method and path of every route, for the tests that hold the table, the document and the roles together. */
    public static List<String> signatures(Api api) {
        return table(api).stream().map(r -> r.method() + " " + r.path()).toList();
    }
}
