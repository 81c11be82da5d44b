package io.jinchuang.ledger.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jinchuang.ledger.api.LedgerApiContract;
import io.jinchuang.ledger.api.TestClient;
import io.jinchuang.ledger.api.TestDatabases;
import io.jinchuang.ledger.http.RouteTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every route × every caller gives exactly the status in this table. A route added to the
 * service without a row here fails {@link #everyRouteHasARow}. POSTs send an empty object,
 * so a caller who may post gets the validation answer (422) and nothing is written.
 */
class AuthorizationMatrixTest extends LedgerApiContract {
    /** Columns: no token, manager of the fund, manager of another fund, compliance, auditor, admin. */
    private static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();
    private static final int[] POST_TO_FUND = {401, 422, 403, 403, 403, 422};
    private static final int[] READ_FUND = {401, 200, 403, 200, 200, 200};
    private static final int[] READ_ANY = {401, 200, 200, 200, 200, 200};
    private static final int[] PUBLIC = {200, 200, 200, 200, 200, 200};

    static {
        EXPECTED.put("POST /api/v1/funds", new int[] {401, 422, 422, 403, 403, 422});
        EXPECTED.put("GET /api/v1/funds", READ_ANY);
        EXPECTED.put("GET /api/v1/funds/{code}", READ_FUND);
        EXPECTED.put("POST /api/v1/funds/{code}/partners", POST_TO_FUND);
        EXPECTED.put("POST /api/v1/funds/{code}/capital-calls", POST_TO_FUND);
        EXPECTED.put("POST /api/v1/companies", new int[] {401, 422, 422, 403, 403, 422});
        EXPECTED.put("GET /api/v1/companies/{creditCode}", READ_ANY);
        EXPECTED.put("POST /api/v1/funds/{code}/investments", POST_TO_FUND);
        EXPECTED.put("POST /api/v1/funds/{code}/exits", POST_TO_FUND);
        EXPECTED.put("POST /api/v1/funds/{code}/valuations", POST_TO_FUND);
        EXPECTED.put("POST /api/v1/funds/{code}/monitoring-reports", POST_TO_FUND);
        EXPECTED.put("POST /api/v1/funds/{code}/distributions", POST_TO_FUND);
        EXPECTED.put("GET /api/v1/funds/{code}/positions", READ_FUND);
        EXPECTED.put("GET /api/v1/funds/{code}/metrics", READ_FUND);
        EXPECTED.put("GET /api/v1/funds/{code}/balances", READ_FUND);
        EXPECTED.put("GET /api/v1/funds/{code}/first-loss", READ_FUND);
        EXPECTED.put("POST /api/v1/funds/{code}/liquidation", POST_TO_FUND);
        EXPECTED.put("GET /api/v1/funds/{code}/tolerance", READ_FUND);
        EXPECTED.put("GET /api/v1/funds/{code}/exemption-report", READ_FUND);
        EXPECTED.put("GET /api/v1/tolerance", READ_ANY);
        EXPECTED.put("GET /api/v1/journal", READ_ANY);
        EXPECTED.put("GET /api/v1/journal/verify", READ_ANY);
        EXPECTED.put("POST /api/v1/journal/{fund}/{seq}/reversal", POST_TO_FUND);
        EXPECTED.put("POST /api/v1/reconciliations", new int[] {401, 403, 403, 403, 422, 422});
        EXPECTED.put("GET /api/v1/reconciliations/{id}", new int[] {401, 403, 403, 404, 404, 404});
        // an import is CSV: the empty JSON object every caller sends here is the wrong content type
        EXPECTED.put("POST /api/v1/imports", new int[] {401, 400, 400, 403, 403, 400});
        EXPECTED.put("GET /health", PUBLIC);
        EXPECTED.put("GET /metrics", PUBLIC);
        EXPECTED.put("GET /openapi.json", PUBLIC);
        EXPECTED.put("GET /docs", PUBLIC);
    }

    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }

    @Test
    void everyRouteHasARow() {
        assertEquals(new TreeSet<>(RouteTable.signatures(service.ledger())), new TreeSet<>(EXPECTED.keySet()),
                "the authorisation matrix and the route table differ");
    }

    @Test
    void everyCallerGetsExactlyTheExpectedStatus() {
        Pair pair = guidanceAndSeed();
        String company = company(77);
        invest(pair.seed(), company, "2021-03-01", "1000");
        String[] tokens = {null, MANAGER, otherManager, COMPLIANCE, AUDITOR, ADMIN};
        String[] callers = {"no token", "manager of the fund", "manager of another fund", "compliance", "auditor", "admin"};
        String before = digest();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, int[]> row : EXPECTED.entrySet()) {
            String method = row.getKey().substring(0, row.getKey().indexOf(' '));
            String path = concrete(row.getKey().substring(method.length() + 1), pair.seed(), company);
            for (int c = 0; c < tokens.length; c++) {
                TestClient.Reply reply = method.equals("GET") ? client.get(tokens[c], path)
                        : client.post(tokens[c], path, "{}");
                if (reply.status() != row.getValue()[c]) {
                    wrong.add(row.getKey() + " as " + callers[c] + ": expected " + row.getValue()[c] + ", got " + reply);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(before, digest(), "no call in the matrix may change the ledger");
    }

    private static String concrete(String template, String fund, String company) {
        String path = template.replace("{code}", fund).replace("{fund}", fund).replace("{seq}", "5")
                .replace("{creditCode}", company).replace("{id}", "999999");
        return path.endsWith("/first-loss") ? path + "?netProceeds=1000" : path;
    }
}
