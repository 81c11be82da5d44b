package io.jinchuang.ledger.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jinchuang.ledger.api.LedgerApiContract;
import io.jinchuang.ledger.api.TestClient;
import io.jinchuang.ledger.api.TestDatabases;
import io.jinchuang.ledger.companies.CreditCode;
import io.jinchuang.ledger.db.DefaultSchema;
import io.jinchuang.ledger.http.RouteTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Record;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * Generated bad requests against every route (a route without an entry here fails the build):
 * bodies, path and query parameters, headers and tokens. Each gets a 4xx problem response
 * (never a 5xx, never a 2xx, never Jetty's HTML), and a digest of every row of every table is
 * the same before and after. Every valid request the bad ones are made from is itself accepted
 * ({@link #everyValidRequestTheBadOnesComeFromIsAccepted}), so a refusal is the bad part's.
 * Seed: -Dledger.hostile.seed; count per route grows with -Dledger.hostile.scale.
 */
class HostileInputTest extends LedgerApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger UNREGISTERED = new AtomicInteger();
    private static final String[] BAD_AMOUNTS = {"\"1.005\"", "\"1e5\"", "1e5", "1.5E300", "\"-1.00\"", "-1", "0",
            "\"0.00\"", "\"123456789012345678901\"", "123456789012345678901", "\"NaN\"", "\"Infinity\"", "\"0x10\"",
            "\"\"", "\" 1\"", "\"1,000\"", "\"+1\"", "\"1.\"", "\".5\"", "true", "[]", "{}", "\"1; DROP TABLE fund;--\""};
    /** Impossible days, wrong shapes, and days no ledger has: before 1900 (a 201 and a broken chain once), signed years. */
    private static final String[] BAD_DATES = {"\"2025-02-30\"", "\"2025-13-01\"", "\"20250101\"", "\"2025-1-1\"",
            "20250101", "\"9999999-01-01\"", "\"2025-02-29\"", "\"yesterday\"", "\"\"", "null", "[]",
            "\"2025-01-01' OR '1'='1\"", "\"0000-01-01\"", "\"0001-01-01\"", "\"1582-10-10\"", "\"1899-12-31\"",
            "\"-0001-01-01\"", "\"+10000-01-01\"", "\"+2025-01-01\"", "\"２０２５-01-01\""};
    private static final String[] BAD_TEXT = {"\"a\\u0000b\"", "\"line\\nbreak\"", "\"tab\\tin\"", "\"\\u0007bell\"",
            "\"   \"", "\"\"", "12", "true", "[\"x\"]", "{\"a\":1}", "\"" + "x".repeat(5000) + "\"", "\"a\\u202Eb\""};
    private static final String[] BAD_CODES = {"\"'; DROP TABLE journal_entry; --\"", "\"robert'); --\"",
            "\"../../etc/passwd\"", "\"<script>\"", "\"a b\"", "\"\\u0000\"", "7", "false", "\"\"", "\"-LEADING\""};
    private static final String[] BAD_CREDIT_CODES = {"\"9144030071526726XH\"", "\"914403007152672\"",
            "\"9144030071526726xg\"", "\"91110000600037341I\"", "\"'; DROP TABLE company; --\"", "12", "null"};
    private static final String[] BAD_YEARS = {"99999999999", "1e3", "2025.0", "\"2025\"", "-1", "0", "1899", "10000",
            "null", "[]", "true"};
    private static final String[] BAD_BOOLEANS = {"\"yes\"", "1", "\"true\"", "[]", "{}"};
    /** Fields a valid request may leave out: removing them is not a bad request. */
    private static final Set<String> OPTIONAL = Set.of("costReleased", "nameZh", "toleranceRate",
            "round", "dueDiligenceRef", "decisionRef", "decisionDate", "conflictOfInterest", "reference",
            "approvedAmount", "allocations", "close", "statements");
    /** Path parameters no route has: SQL, traversal, escapes Jetty refuses, a 9 KB one (414), numbers out of range. */
    private static final List<String> BAD_PATH_VALUES = List.of("NO-SUCH", "'%20OR%201=1--", "%00", "..%2F..%2Fetc",
            "%E2%80%AE", "%F0%9F%92%A5", "x".repeat(300), "x".repeat(9000), "%zz", "%C3%28", "-1", "0",
            "99999999999999999999999", "1e5", "%20");
    private static final List<String> BAD_DAY_PARAMS = List.of("2025-02-30", "yesterday", "2025-13-01", "1e5",
            "%27%20OR%201%3D1", "0000-01-01", "-0001-01-01", "%2B999999999-01-01", "1899-12-31", "20250101",
            "2025-01-01%00", "%zz");

    /** A request: its route's signature ("POST /api/v1/funds"), where it goes, who sends it, and how. */
    private record Target(String signature, String path, String token, String contentType, String body) {}

    /** What the requests aim at: a guidance fund and a seed fund with a holding, a fund to liquidate, new codes. */
    private record Aim(Pair pair, String company, long investmentSeq, String liquidating, String newFund,
                       String newCompany, String importedCompany) {}

    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }

    private Aim aim() {
        Pair pair = guidanceAndSeed();
        partner(pair.seed(), "C", "LP", "1000000"); // room for the capital call below
        String company = company(91);
        invest(pair.seed(), company, "2021-03-01", "1000");
        long investmentSeq = headSeq(pair.seed());
        String liquidating = createFund("SEED", "Demo Capital");
        partner(liquidating, pair.guidance(), "GUIDANCE", "1000"); // a first loss to bear
        partner(liquidating, "L", "LP", "1000");
        call(liquidating, "2021-02-01", pair.guidance(), "1000");
        call(liquidating, "2021-02-01", "L", "1000");
        return new Aim(pair, company, investmentSeq, liquidating, code("NEWF"), unregisteredCompany(),
                unregisteredCompany());
    }

    /** A valid credit code no company has (company() registers its codes; these stay apart from them). */
    private static String unregisteredCompany() {
        String first17 = "91140999MA9" + String.format("%06d", UNREGISTERED.incrementAndGet());
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** A valid request for each POST route, so that one bad part makes the whole request bad. */
    private static List<Target> posts(Aim aim) {
        String seed = "/api/v1/funds/" + aim.pair().seed();
        String company = aim.company();
        List<Target> t = new ArrayList<>();
        t.add(json("POST /api/v1/funds", "/api/v1/funds", ADMIN, "{\"code\":\"" + aim.newFund()
                + "\",\"name\":\"n\",\"kind\":\"SEED\",\"manager\":\"Demo Capital\",\"vintage\":\"2021-01-01\"}"));
        t.add(json("POST /api/v1/funds/{code}/partners", seed + "/partners", MANAGER,
                "{\"partnerCode\":\"NEWP\",\"name\":\"n\",\"role\":\"LP\",\"committed\":\"100\"}"));
        t.add(json("POST /api/v1/funds/{code}/capital-calls", seed + "/capital-calls", MANAGER,
                "{\"date\":\"2021-06-01\",\"contributions\":[{\"partnerCode\":\"C\",\"amount\":\"1\"}]}"));
        t.add(json("POST /api/v1/companies", "/api/v1/companies", MANAGER,
                "{\"creditCode\":\"" + aim.newCompany() + "\",\"name\":\"n\",\"sector\":\"s\"}"));
        t.add(json("POST /api/v1/funds/{code}/investments", seed + "/investments", MANAGER, "{\"creditCode\":\""
                + company + "\",\"date\":\"2021-05-01\",\"amount\":\"1\",\"round\":\"A\"}"));
        t.add(json("POST /api/v1/funds/{code}/exits", seed + "/exits", MANAGER, "{\"creditCode\":\"" + company
                + "\",\"date\":\"2022-01-01\",\"type\":\"IPO\",\"proceeds\":\"5\",\"costReleased\":\"1\"}"));
        t.add(json("POST /api/v1/funds/{code}/valuations", seed + "/valuations", MANAGER, "{\"creditCode\":\""
                + company + "\",\"date\":\"2022-01-01\",\"fairValue\":\"5\"}"));
        t.add(json("POST /api/v1/funds/{code}/monitoring-reports", seed + "/monitoring-reports", MANAGER,
                "{\"creditCode\":\"" + company + "\",\"date\":\"2022-01-01\",\"reportRef\":\"r\"}"));
        t.add(json("POST /api/v1/funds/{code}/distributions", seed + "/distributions", MANAGER,
                "{\"date\":\"2022-01-01\",\"amount\":\"1\"}"));
        t.add(json("POST /api/v1/funds/{code}/liquidation", "/api/v1/funds/" + aim.liquidating() + "/liquidation",
                MANAGER, "{\"date\":\"2026-01-01\",\"netProceeds\":\"1\"}"));
        t.add(json("POST /api/v1/journal/{fund}/{seq}/reversal", "/api/v1/journal/" + aim.pair().seed() + "/"
                + aim.investmentSeq() + "/reversal", MANAGER, "{\"reason\":\"r\"}"));
        t.add(json("POST /api/v1/reconciliations", "/api/v1/reconciliations", AUDITOR,
                "{\"year\":2025,\"close\":false,\"statements\":[{\"fund\":\"" + aim.pair().seed()
                        + "\",\"lines\":[{\"date\":\"2025-03-01\",\"amount\":\"-1.00\",\"reference\":\"x\"}]}]}"));
        t.add(new Target("POST /api/v1/imports", "/api/v1/imports", MANAGER, "text/csv", importFile(aim)));
        return t;
    }

    private static Target json(String signature, String path, String token, String body) {
        return new Target(signature, path, token, "application/json", body);
    }

    private static String importFile(Aim aim) {
        String fund = aim.newFund() + "I";
        return "type,fund,date,name,kind,manager,partnerCode,role,committed,creditCode,sector,amount,reference\r\n"
                + "FUND," + fund + ",2021-01-01,Imported,SEED,Demo Capital,,,,,,,\r\n"
                + "PARTNER," + fund + ",,P,,,IP,LP,1000,,,,\r\n"
                + "CAPITAL_CALL," + fund + ",2021-02-01,,,,IP,,,,,500,\"REF 1\"\r\n"
                + "COMPANY,,,Imported Co,,,,,," + aim.importedCompany() + ",tech,,\r\n"
                + "INVESTMENT," + fund + ",2021-03-01,,,,,,," + aim.importedCompany() + ",,100,\r\n";
    }

    /** A valid GET for each GET route, and the query parameters it takes (each with values that are wrong for it). */
    private static Map<Target, Map<String, List<String>>> gets(Aim aim) {
        String fund = "/api/v1/funds/" + aim.pair().seed();
        Map<String, List<String>> asOf = Map.of("asOf", BAD_DAY_PARAMS);
        Map<String, List<String>> scoped = Map.of("asOf", BAD_DAY_PARAMS, "scope", List.of("direct", "ALL", "x", "%00",
                "DIRECT%27--"));
        List<String> badAmounts = List.of("-1", "1.005", "1e5", "abc", "123456789012345678901", "%00", "0x10", "NaN");
        List<String> badCounts = List.of("-1", "0", "1000000", "abc", "1.5", "99999999999999999999", "1e3", "%2B1");
        Map<Target, Map<String, List<String>>> g = new LinkedHashMap<>();
        g.put(get("GET /api/v1/funds", "/api/v1/funds"), Map.of());
        g.put(get("GET /api/v1/funds/{code}", fund), Map.of());
        g.put(get("GET /api/v1/companies/{creditCode}", "/api/v1/companies/" + aim.company()), Map.of());
        g.put(get("GET /api/v1/funds/{code}/positions", fund + "/positions"), asOf);
        g.put(get("GET /api/v1/funds/{code}/metrics", fund + "/metrics"), asOf);
        g.put(get("GET /api/v1/funds/{code}/balances", fund + "/balances"), asOf);
        g.put(get("GET /api/v1/funds/{code}/first-loss", fund + "/first-loss?netProceeds=1"),
                Map.of("netProceeds", badAmounts, "approvedAmount", badAmounts));
        g.put(get("GET /api/v1/funds/{code}/tolerance", fund + "/tolerance"), scoped);
        g.put(get("GET /api/v1/funds/{code}/exemption-report", fund + "/exemption-report"), scoped);
        g.put(get("GET /api/v1/tolerance", "/api/v1/tolerance"), asOf);
        List<String> badCursors = List.of("-1", "abc", "1.5", "99999999999999999999", "1e3", "%2B1", "%00");
        g.put(get("GET /api/v1/journal", "/api/v1/journal?fund=" + aim.pair().seed()), Map.of("afterSeq", badCursors,
                "limit", badCounts, "fund", List.of("NO-SUCH", "%27%20OR%201=1", "%00", "x".repeat(300))));
        g.put(get("GET /api/v1/journal", "/api/v1/journal"), Map.of("afterFund", List.of("%00", "x".repeat(300),
                "%27%20OR%201=1", "-A", "a"), "afterSeq", badCursors, "limit", badCounts));
        g.put(get("GET /api/v1/journal/verify", "/api/v1/journal/verify"),
                Map.of("fund", List.of("NO-SUCH", "%27%20OR%201=1", "%00")));
        g.put(get("GET /api/v1/reconciliations/{id}", "/api/v1/reconciliations/00000000-0000-0000-0000-000000000000"),
                Map.of());
        g.put(get("GET /health", "/health"), Map.of());
        g.put(get("GET /metrics", "/metrics"), Map.of());
        g.put(get("GET /openapi.json", "/openapi.json"), Map.of());
        g.put(get("GET /docs", "/docs"), Map.of());
        return g;
    }

    private static Target get(String signature, String path) {
        return new Target(signature, path, ADMIN, null, null);
    }

    @Test
    void everyValidRequestTheBadOnesComeFromIsAccepted() {
        for (Target post : posts(aim())) {
            Aim fresh = aim(); // each on a ledger of its own: the reversal and the exit cannot both stand
            Target valid = posts(fresh).stream().filter(p -> p.signature().equals(post.signature())).findFirst()
                    .orElseThrow();
            TestClient.Reply reply = client.postRaw(valid.token(), valid.path(),
                    valid.body().getBytes(StandardCharsets.UTF_8), valid.contentType(), null);
            assertTrue(reply.status() >= 200 && reply.status() < 300, () -> valid.signature() + " -> " + reply);
            if (valid.signature().equals("POST /api/v1/reconciliations")) {
                awaitComplete(reply.json().path("id").asText());
            }
        }
        for (Target get : gets(aim()).keySet()) {
            TestClient.Reply reply = client.get(get.token(), get.path());
            assertEquals(get.path().contains("/reconciliations/") ? 404 : 200, reply.status(),
                    () -> get.signature() + " -> " + reply);
        }
    }

    private void awaitComplete(String id) {
        for (int i = 0; i < 600; i++) {
            String status = client.get(AUDITOR, "/api/v1/reconciliations/" + id).json().path("status").asText();
            if (!status.equals("RUNNING")) {
                assertEquals("COMPLETE", status);
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the reconciliation did not finish");
    }

    @Test
    void everyRouteIsAttacked() {
        Aim aim = aim();
        Set<String> attacked = new TreeSet<>();
        posts(aim).forEach(t -> attacked.add(t.signature()));
        gets(aim).keySet().forEach(t -> attacked.add(t.signature()));
        assertEquals(new TreeSet<>(RouteTable.signatures(service.ledger())), attacked,
                "a route without hostile requests (add it to posts or gets)");
    }

    @Test
    void everyHostileRequestGetsAProblemAndChangesNothing() throws Exception {
        Aim aim = aim();
        Random random = new Random(Long.getLong("ledger.hostile.seed", 42L));
        int scale = Integer.getInteger("ledger.hostile.scale", 1);
        String before = databaseDigest();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> perRoute = new LinkedHashMap<>();
        for (Target route : posts(aim)) {
            List<Bad> bads = route.contentType().equals("text/csv") ? csvMutations(route, random, scale)
                    : mutations(route, aim, random, scale);
            for (Bad bad : bads) {
                TestClient.Reply reply = client.postRaw(bad.token(), route.path(), bad.body(), bad.contentType(), null);
                check(route.signature() + " " + bad.what(), reply, failures);
            }
            check(route.signature() + " 10 MB announced", client.postAnnouncing(route.token(), route.path(),
                    10L * 1024 * 1024), failures);
            check(route.signature() + " 10 MB sent", client.postStreamed(route.token(), route.path(),
                    route.contentType(), 10 * 1024 * 1024, false), failures);
            check(route.signature() + " 10 MB chunked", client.postStreamed(route.token(), route.path(),
                    route.contentType(), 10 * 1024 * 1024, true), failures);
            check(route.signature() + " bad Idempotency-Key", client.postRaw(route.token(), route.path(),
                    route.body().getBytes(StandardCharsets.UTF_8), route.contentType(), "a b"), failures);
            check(route.signature() + " bad Idempotency-Key", client.postRaw(route.token(), route.path(),
                    route.body().getBytes(StandardCharsets.UTF_8), route.contentType(), "x".repeat(201)), failures);
            List<String> paths = pathAttacks(route);
            for (String path : paths) {
                check(route.signature() + " at " + path, client.postRawTarget(route.token(), path,
                        route.body().getBytes(StandardCharsets.UTF_8), route.contentType()), failures);
            }
            perRoute.put(route.signature(), bads.size() + 5 + paths.size());
        }
        for (Map.Entry<Target, Map<String, List<String>>> route : gets(aim).entrySet()) {
            List<String> queries = badQueries(route.getKey(), route.getValue());
            for (String query : queries) {
                check("GET " + query, client.getRaw(ADMIN, query), failures);
            }
            List<String[]> headers = badHeaders(route.getKey());
            for (String[] header : headers) {
                check(route.getKey().signature() + " with " + header[0].substring(0, Math.min(60, header[0].length())),
                        client.getRaw(header[1], route.getKey().path(), List.of(header[0])), failures);
            }
            perRoute.merge(route.getKey().signature(), queries.size() + headers.size(), Integer::sum);
        }
        int sent = perRoute.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(sent >= 500, "only " + sent + " hostile requests");
        perRoute.forEach((route, count) -> assertTrue(count >= (route.contains("/api/v1/") ? 10 : 4),
                route + ": only " + count + " hostile requests"));
        assertEquals(List.of(), failures);
        assertEquals(before, databaseDigest(), "a refused request changed the database");
        assertTrue(client.get(ADMIN, "/api/v1/journal/verify").json().path("ok").asBoolean(), "every chain verifies");
    }

    /** A 4xx answered as a problem (RFC 9457) naming its status. */
    private static void check(String what, TestClient.Reply reply, List<String> failures) {
        boolean problem = reply.contentType().startsWith("application/problem+json");
        boolean statusInBody = problem && reply.body().contains("\"status\":" + reply.status());
        if (reply.status() < 400 || reply.status() >= 500 || !problem || !statusInBody) {
            failures.add(what.substring(0, Math.min(200, what.length())) + " -> " + reply.status() + " "
                    + reply.contentType() + " " + reply.body().substring(0, Math.min(200, reply.body().length())));
        }
    }

    /**
     * Every row of every table of the schema, in key order, hashed: companies, tokens,
     * idempotency records, reconciliation runs and closed periods as well as the journal.
     */
    private String databaseDigest() {
        return service.ledger().db.read(dsl -> {
            MessageDigest sha = sha256();
            for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
                var query = dsl.selectFrom(table);
                var rows = table.getPrimaryKey() == null ? query.orderBy(table.fields()).fetch()
                        : query.orderBy(table.getPrimaryKey().getFields()).fetch();
                sha.update((table.getName() + ":" + rows.size() + "\n").getBytes(StandardCharsets.UTF_8));
                for (Record row : rows) {
                    sha.update(row.formatCSV(false).getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Bad(String what, byte[] body, String contentType, String token) {
        static Bad of(Target route, String what, String body) {
            return new Bad(what, body.getBytes(StandardCharsets.UTF_8), route.contentType(), route.token());
        }
    }

    private List<Bad> mutations(Target route, Aim aim, Random random, int scale) throws Exception {
        String template = route.body();
        ObjectNode valid = (ObjectNode) JSON.readTree(template);
        List<Bad> bad = new ArrayList<>();
        for (Iterator<String> names = valid.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            for (String value : valuesFor(field, aim)) {
                bad.add(Bad.of(route, field + "=" + value, replace(template, field, value)));
            }
            if (!OPTIONAL.contains(field)) {
                bad.add(Bad.of(route, "without " + field, JSON.writeValueAsString(valid.deepCopy().without(field))));
            }
        }
        bad.add(Bad.of(route, "unknown field", template.replaceFirst("\\{", "{\"isAdmin\":true,")));
        bad.add(Bad.of(route, "unknown field with SQL", template.replaceFirst("\\{", "{\"name2\":\"x' OR 1=1 --\",")));
        for (int i = 0; i < 6 * scale; i++) {
            int cut = 1 + random.nextInt(template.length() - 1);
            bad.add(Bad.of(route, "truncated at " + cut, template.substring(0, cut)));
        }
        bad.add(Bad.of(route, "empty body", ""));
        bad.add(Bad.of(route, "not JSON", "hello"));
        bad.add(Bad.of(route, "single quotes", template.replace('"', '\'')));
        bad.add(Bad.of(route, "array", "[" + template + "]"));
        bad.add(Bad.of(route, "string", "\"" + template.replace("\"", "\\\"") + "\""));
        bad.add(Bad.of(route, "number", "42"));
        bad.add(Bad.of(route, "null", "null"));
        bad.add(Bad.of(route, "duplicate key", template.replaceFirst("\\{", "{\"date\":\"2021-01-01\",\"date\":\"2021-01-02\",")));
        bad.add(Bad.of(route, "trailing garbage", template + "}"));
        bad.add(Bad.of(route, "deeply nested", "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        bad.add(Bad.of(route, "nested objects", "{\"a\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(101)));
        byte[] bytes = template.getBytes(StandardCharsets.UTF_8);
        bad.add(new Bad("text/plain", bytes, "text/plain", route.token()));
        bad.add(new Bad("no content type", bytes, null, route.token()));
        bad.add(new Bad("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                "application/json", route.token()));
        bad.add(new Bad("UTF-16", template.getBytes(StandardCharsets.UTF_16LE), "application/json", route.token()));
        bad.add(new Bad("UTF-16 with its byte-order mark", template.getBytes(StandardCharsets.UTF_16), "application/json",
                route.token()));
        bad.addAll(tokenAttacks(route, bytes));
        return bad;
    }

    private List<Bad> tokenAttacks(Target route, byte[] body) {
        List<Bad> bad = new ArrayList<>();
        bad.add(new Bad("no token", body, route.contentType(), null));
        bad.add(new Bad("forged token", body, route.contentType(), "lgr_forged"));
        bad.add(new Bad("a real token with one more character", body, route.contentType(), route.token() + "x"));
        bad.add(new Bad("compliance posting", body, route.contentType(), COMPLIANCE));
        if (!route.signature().equals("POST /api/v1/companies")) { // the register is every manager's
            bad.add(new Bad("the manager of other funds", body, route.contentType(), otherManager));
        }
        return bad;
    }

    /** Values that are wrong for the field whatever the rest of the request says. */
    private static String[] valuesFor(String field, Aim aim) {
        String seed = aim.pair().seed();
        return switch (field) {
            case "amount", "committed", "costReleased" -> BAD_AMOUNTS;
            case "proceeds", "fairValue", "netProceeds" -> java.util.Arrays.stream(BAD_AMOUNTS)
                    .filter(v -> !v.equals("0") && !v.equals("\"0.00\"")).toArray(String[]::new);
            case "creditCode" -> BAD_CREDIT_CODES;
            // within the general text limit but longer than their own columns (a 500 once)
            case "round" -> concat(BAD_TEXT, "\"" + "x".repeat(51) + "\"");
            case "sector" -> concat(BAD_TEXT, "\"" + "x".repeat(101) + "\"");
            case "date", "vintage" -> BAD_DATES;
            case "code", "partnerCode", "kind", "role", "type" -> BAD_CODES;
            case "contributions" -> new String[] {"[]", "{}", "\"A\"", "[{\"partnerCode\":\"A\"}]",
                    "[{\"partnerCode\":\"A\",\"amount\":\"1\",\"extra\":1}]", "[1,2]", "null"};
            case "year" -> BAD_YEARS;
            case "close" -> BAD_BOOLEANS;
            case "statements" -> new String[] {"{}", "\"x\"", "[1]", "[{\"fund\":\"NO-SUCH\",\"lines\":[]}]",
                    "[{\"fund\":\"'; DROP TABLE fund; --\",\"lines\":[]}]",
                    statement(seed, "\"0000-01-01\"", "\"1\""), statement(seed, "\"2025-02-30\"", "\"1\""),
                    statement(seed, "\"2025-03-01\"", "\"1.005\""), statement(seed, "\"2025-03-01\"", "\"0\""),
                    statement(seed, "\"2025-03-01\"", "1e5"), statement(seed, "\"+2025-03-01\"", "\"1\""),
                    "[{\"fund\":\"" + seed + "\",\"lines\":[{\"date\":\"2025-03-01\",\"amount\":\"1\",\"extra\":1}]}]",
                    "[{\"fund\":\"" + seed + "\",\"lines\":{}}]"};
            default -> BAD_TEXT;
        };
    }

    private static String statement(String fund, String date, String amount) {
        return "[{\"fund\":\"" + fund + "\",\"lines\":[{\"date\":" + date + ",\"amount\":" + amount + "}]}]";
    }

    private static String[] concat(String[] values, String more) {
        String[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = more;
        return all;
    }

    private static String replace(String template, String field, String value) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(template);
        // re-serialise with the raw literal, so number forms such as 1e5 reach the server as written
        String marker = "\"__RAW__\"";
        node.put(field, "__RAW__");
        return JSON.writeValueAsString(node).replace(marker, value);
    }

    /** An import file broken one cell, one line or one byte at a time. */
    private List<Bad> csvMutations(Target route, Random random, int scale) {
        String file = route.body();
        List<String> lines = new ArrayList<>(List.of(file.split("\r\n")));
        String[] header = lines.get(0).split(",");
        List<Bad> bad = new ArrayList<>();
        for (int row = 1; row < lines.size(); row++) {
            List<String> cells = cells(lines.get(row));
            for (int column = 0; column < header.length; column++) {
                if (cells.get(column).isEmpty()) {
                    continue; // an absent field: a bad value there is another test (a cell its row does not use)
                }
                for (String value : cellValuesFor(header[column])) {
                    List<String> changed = new ArrayList<>(cells);
                    changed.set(column, value);
                    List<String> broken = new ArrayList<>(lines);
                    broken.set(row, String.join(",", changed));
                    bad.add(Bad.of(route, "line " + (row + 1) + " " + header[column] + "=" + value,
                            String.join("\r\n", broken) + "\r\n"));
                }
            }
            List<String> unused = new ArrayList<>(cells);
            int column = java.util.Arrays.asList(header).indexOf(row == 1 ? "amount" : "kind");
            unused.set(column, "1");
            List<String> broken = new ArrayList<>(lines);
            broken.set(row, String.join(",", unused));
            bad.add(Bad.of(route, "line " + (row + 1) + " a cell its row does not use", String.join("\r\n", broken)));
            List<String> short_ = new ArrayList<>(lines);
            short_.set(row, lines.get(row).substring(0, lines.get(row).lastIndexOf(',')));
            bad.add(Bad.of(route, "line " + (row + 1) + " one cell short", String.join("\r\n", short_)));
            List<String> long_ = new ArrayList<>(lines);
            long_.set(row, lines.get(row) + ",extra");
            bad.add(Bad.of(route, "line " + (row + 1) + " one cell more", String.join("\r\n", long_)));
        }
        bad.add(Bad.of(route, "header alone", lines.get(0) + "\r\n"));
        bad.add(Bad.of(route, "empty body", ""));
        bad.add(Bad.of(route, "unknown column", file.replaceFirst("type,", "type,isAdmin,").replace("\r\nFUND,",
                "\r\nFUND,x,")));
        bad.add(Bad.of(route, "a column twice", file.replaceFirst("fund,", "fund,fund,")));
        bad.add(Bad.of(route, "no type column", file.replaceFirst("type,", "kind2,")));
        bad.add(Bad.of(route, "a broken quote", file.replace("\"REF 1\"", "\"REF 1")));
        bad.add(Bad.of(route, "cut inside a quoted cell", file.substring(0, file.indexOf("\"REF 1\"") + 4)));
        bad.add(Bad.of(route, "JSON", "{\"rows\":[]}"));
        for (int i = 0; i < 4 * scale; i++) {
            int at = random.nextInt(file.length());
            bad.add(new Bad("a byte that is not UTF-8 at " + at, withByte(file, at, (byte) 0xC3, (byte) 0x28),
                    route.contentType(), route.token()));
        }
        bad.add(new Bad("UTF-16", file.getBytes(StandardCharsets.UTF_16), route.contentType(), route.token()));
        bad.add(new Bad("application/json", file.getBytes(StandardCharsets.UTF_8), "application/json", route.token()));
        bad.add(new Bad("2 MB", (file + ("INVESTMENT,,,,,,,,,,,,\r\n").repeat(90_000)).getBytes(StandardCharsets.UTF_8),
                route.contentType(), route.token()));
        bad.addAll(tokenAttacks(route, file.getBytes(StandardCharsets.UTF_8)));
        return bad;
    }

    private static byte[] withByte(String text, int at, byte... inserted) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }

    /** The cells of a line of the template (its one quoted cell holds a comma). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                cell.append(c);
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static List<String> cellValuesFor(String column) {
        return switch (column) {
            case "amount", "committed" -> List.of("1.005", "1e5", "-1", "0", "123456789012345678901", "\"1,000\"", "NaN",
                    "' OR 1=1 --");
            case "date" -> List.of("2025-02-30", "0000-01-01", "1899-12-31", "+2025-01-01", "20250101", "yesterday");
            case "creditCode" -> List.of("9144030071526726XH", "914403007152672", "'; DROP TABLE company; --");
            case "type" -> List.of("NOPE", "fund", "REVERSAL", "LIQUIDATION", "'; DROP TABLE fund; --");
            case "kind", "role" -> List.of("NOPE", "'; DROP TABLE fund; --");
            case "fund", "partnerCode" -> List.of("'; DROP TABLE fund; --", "a b", "x".repeat(40));
            default -> List.of("\"a\u0000b\"", "\"bell\u0007\"", "\"" + "x".repeat(5000) + "\"", "\"a\u202Eb\"");
        };
    }

    /** Bad query strings for one GET route: each known parameter's bad values, unknown and repeated parameters. */
    private static List<String> badQueries(Target route, Map<String, List<String>> params) {
        String path = route.path();
        String join = path.contains("?") ? "&" : "?";
        List<String> queries = new ArrayList<>();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            for (String value : param.getValue()) {
                String set = param.getKey() + "=" + value;
                queries.add(path.contains(param.getKey() + "=") ? path.replaceFirst(param.getKey() + "=[^&]*", set)
                        : path + join + set);
            }
            queries.add(path + join + param.getKey() + "=1&" + param.getKey() + "=2"); // given twice
        }
        if (!route.signature().startsWith("GET /health") && !route.signature().startsWith("GET /metrics")
                && !route.signature().startsWith("GET /openapi") && !route.signature().startsWith("GET /docs")) {
            queries.add(path + join + "unknown=1");
            queries.add(path + join + "%00=1");
            queries.add(path + join + "x=%zz");
        }
        queries.add(path + join + "a=1&a=2");
        queries.add(path + join + "q=" + "x".repeat(9000)); // a URL longer than the server takes: 414
        queries.addAll(pathAttacks(route));
        return queries;
    }

    /** {@code route}'s path with each of its path parameters in turn replaced by each bad value. */
    private static List<String> pathAttacks(Target route) {
        String[] pattern = route.signature().substring(route.signature().indexOf(' ') + 1).split("/");
        int query = route.path().indexOf('?');
        String[] concrete = (query < 0 ? route.path() : route.path().substring(0, query)).split("/");
        String rest = query < 0 ? "" : route.path().substring(query);
        assertEquals(pattern.length, concrete.length, route.toString());
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{")) {
                for (String value : BAD_PATH_VALUES) {
                    String[] attacked = concrete.clone();
                    attacked[i] = value;
                    paths.add(String.join("/", attacked) + rest);
                }
            }
        }
        return paths;
    }

    /** Bad headers for one GET route, each with the token it goes with: {header line, token}. */
    private static List<String[]> badHeaders(Target route) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"X-Padding: " + "x".repeat(10_000), ADMIN}); // headers over 8 KiB: 431
        headers.add(new String[] {"X-Request-Id: " + "x".repeat(9_000), ADMIN});
        if (route.signature().contains("/api/v1/")) {
            headers.add(new String[] {"X-Ignored: 1", null}); // no token
            headers.add(new String[] {"Authorization: Bearer lgr_forged", null});
            headers.add(new String[] {"Authorization: Basic ZGVtbzpkZW1v", null});
            headers.add(new String[] {"Authorization: Bearer " + "x".repeat(600), null});
            headers.add(new String[] {"Authorization: Bearer " + "x".repeat(10_000), null});
            headers.add(new String[] {"Authorization: Bearer demo-admin' OR '1'='1", null});
            headers.add(new String[] {"Authorization: Bearer", null});
        }
        if (route.signature().contains("exemption-report")) {
            for (String accept : List.of(";", ";;;,,,", "application/xml", "*/*;q=0", ",", "text/csv;q=0, */*;q=0")) {
                headers.add(new String[] {"Accept: " + accept, ADMIN});
            }
        }
        return headers;
    }
}
