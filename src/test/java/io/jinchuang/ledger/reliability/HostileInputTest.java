package io.jinchuang.ledger.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jinchuang.ledger.api.LedgerApiContract;
import io.jinchuang.ledger.api.TestClient;
import io.jinchuang.ledger.api.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated bad requests against every POST and query endpoint: each gets a 4xx problem
 * response (never a 5xx), and a digest of the whole ledger is the same before and after.
 * Seed: -Dledger.hostile.seed; count per endpoint grows with -Dledger.hostile.scale.
 */
class HostileInputTest extends LedgerApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] BAD_AMOUNTS = {"\"1.005\"", "\"1e5\"", "1e5", "1.5E300", "\"-1.00\"", "-1", "0",
            "\"0.00\"", "\"123456789012345678901\"", "123456789012345678901", "\"NaN\"", "\"Infinity\"", "\"0x10\"",
            "\"\"", "\" 1\"", "\"1,000\"", "\"+1\"", "\"1.\"", "\".5\"", "true", "[]", "{}", "\"1; DROP TABLE fund;--\""};
    private static final String[] BAD_DATES = {"\"2025-02-30\"", "\"2025-13-01\"", "\"20250101\"", "\"2025-1-1\"",
            "20250101", "\"9999999-01-01\"", "\"2025-02-29\"", "\"yesterday\"", "\"\"", "null", "[]",
            "\"2025-01-01' OR '1'='1\""};
    private static final String[] BAD_TEXT = {"\"a\\u0000b\"", "\"line\\nbreak\"", "\"tab\\tin\"", "\"\\u0007bell\"",
            "\"   \"", "\"\"", "12", "true", "[\"x\"]", "{\"a\":1}", "\"" + "x".repeat(5000) + "\""};
    private static final String[] BAD_CODES = {"\"'; DROP TABLE journal_entry; --\"", "\"robert'); --\"",
            "\"../../etc/passwd\"", "\"<script>\"", "\"a b\"", "\"\\u0000\"", "7", "false", "\"\"", "\"-LEADING\""};
    private static final String[] BAD_CREDIT_CODES = {"\"9144030071526726XH\"", "\"914403007152672\"",
            "\"9144030071526726xg\"", "\"91110000600037341I\"", "\"'; DROP TABLE company; --\"", "12", "null"};
    /** Fields a valid request may leave out: removing them is not a bad request. */
    private static final java.util.Set<String> OPTIONAL = java.util.Set.of("costReleased", "nameZh", "toleranceRate",
            "round", "dueDiligenceRef", "decisionRef", "decisionDate", "conflictOfInterest", "reference",
            "approvedAmount", "allocations");

    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }

    /** A valid body for each POST route, so that one bad field makes the whole request bad. */
    private Map<String, String> templates(Pair pair, String company) {
        Map<String, String> t = new LinkedHashMap<>();
        String seed = "/api/v1/funds/" + pair.seed();
        t.put("/api/v1/funds", "{\"code\":\"NEW-FUND-X\",\"name\":\"n\",\"kind\":\"SEED\",\"manager\":\"Demo Capital\","
                + "\"vintage\":\"2021-01-01\"}");
        t.put(seed + "/partners", "{\"partnerCode\":\"NEWP\",\"name\":\"n\",\"role\":\"LP\",\"committed\":\"100\"}");
        t.put(seed + "/capital-calls", "{\"date\":\"2021-06-01\",\"contributions\":[{\"partnerCode\":\"A\",\"amount\":\"1\"}]}");
        t.put("/api/v1/companies", "{\"creditCode\":\"91350100M000100Y43\",\"name\":\"n\",\"sector\":\"s\"}");
        t.put(seed + "/investments", "{\"creditCode\":\"" + company + "\",\"date\":\"2021-05-01\",\"amount\":\"1\","
                + "\"round\":\"A\"}");
        t.put(seed + "/exits", "{\"creditCode\":\"" + company + "\",\"date\":\"2022-01-01\",\"type\":\"IPO\","
                + "\"proceeds\":\"5\",\"costReleased\":\"1\"}");
        t.put(seed + "/valuations", "{\"creditCode\":\"" + company + "\",\"date\":\"2022-01-01\",\"fairValue\":\"5\"}");
        t.put(seed + "/monitoring-reports", "{\"creditCode\":\"" + company + "\",\"date\":\"2022-01-01\",\"reportRef\":\"r\"}");
        t.put(seed + "/distributions", "{\"date\":\"2022-01-01\",\"amount\":\"1\"}");
        t.put(seed + "/liquidation", "{\"date\":\"2026-01-01\",\"netProceeds\":\"1\"}");
        t.put("/api/v1/journal/" + pair.seed() + "/6/reversal", "{\"reason\":\"r\"}");
        return t;
    }

    @Test
    void everyHostileRequestGetsAProblemAndChangesNothing() throws Exception {
        Pair pair = guidanceAndSeed();
        String company = company(91);
        invest(pair.seed(), company, "2021-03-01", "1000");
        Random random = new Random(Long.getLong("ledger.hostile.seed", 42L));
        int scale = Integer.getInteger("ledger.hostile.scale", 1);
        String before = digest();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, String> route : templates(pair, company).entrySet()) {
            for (Bad bad : mutations(route.getValue(), random, scale)) {
                TestClient.Reply reply = client.postRaw(bad.token(), route.getKey(), bad.body(), bad.contentType(), null);
                sent++;
                check(route.getKey() + " " + bad.what(), reply, failures);
            }
            check(route.getKey() + " 10 MB", client.postAnnouncing(MANAGER, route.getKey(), 10L * 1024 * 1024), failures);
            sent++;
        }
        for (String query : badQueries(pair.seed())) {
            TestClient.Reply reply = client.get(ADMIN, query);
            sent++;
            check("GET " + query, reply, failures);
        }
        assertTrue(sent >= 500, "only " + sent + " hostile requests");
        assertEquals(List.of(), failures);
        assertEquals(before, digest(), "a refused request changed the ledger");
    }

    private static void check(String what, TestClient.Reply reply, List<String> failures) {
        boolean problem = reply.contentType().startsWith("application/problem+json");
        if (reply.status() < 400 || reply.status() >= 500 || !problem) {
            failures.add(what + " -> " + reply.status() + " " + reply.body().substring(0, Math.min(200, reply.body().length())));
        }
    }

    private record Bad(String what, byte[] body, String contentType, String token) {
        static Bad json(String what, String body) {
            return new Bad(what, body.getBytes(StandardCharsets.UTF_8), "application/json", MANAGER);
        }
    }

    private List<Bad> mutations(String template, Random random, int scale) throws Exception {
        ObjectNode valid = (ObjectNode) JSON.readTree(template);
        List<Bad> bad = new ArrayList<>();
        for (Iterator<String> names = valid.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            for (String value : valuesFor(field)) {
                bad.add(Bad.json(field + "=" + value, replace(template, field, value)));
            }
            if (!OPTIONAL.contains(field)) {
                bad.add(Bad.json("without " + field, JSON.writeValueAsString(valid.deepCopy().without(field))));
            }
        }
        bad.add(Bad.json("unknown field", template.replaceFirst("\\{", "{\"isAdmin\":true,")));
        bad.add(Bad.json("unknown field with SQL", template.replaceFirst("\\{", "{\"name2\":\"x' OR 1=1 --\",")));
        for (int i = 0; i < 6 * scale; i++) {
            int cut = 1 + random.nextInt(template.length() - 1);
            bad.add(Bad.json("truncated at " + cut, template.substring(0, cut)));
        }
        bad.add(Bad.json("empty body", ""));
        bad.add(Bad.json("not JSON", "hello"));
        bad.add(Bad.json("single quotes", template.replace('"', '\'')));
        bad.add(Bad.json("array", "[" + template + "]"));
        bad.add(Bad.json("string", "\"" + template.replace("\"", "\\\"") + "\""));
        bad.add(Bad.json("number", "42"));
        bad.add(Bad.json("null", "null"));
        bad.add(Bad.json("duplicate key", template.replaceFirst("\\{", "{\"date\":\"2021-01-01\",\"date\":\"2021-01-02\",")));
        bad.add(Bad.json("trailing garbage", template + "}"));
        bad.add(Bad.json("deeply nested", "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        bad.add(Bad.json("nested objects", "{\"a\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(101)));
        bad.add(new Bad("text/plain", template.getBytes(StandardCharsets.UTF_8), "text/plain", MANAGER));
        bad.add(new Bad("no content type", template.getBytes(StandardCharsets.UTF_8), null, MANAGER));
        bad.add(new Bad("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                "application/json", MANAGER));
        bad.add(new Bad("no token", template.getBytes(StandardCharsets.UTF_8), "application/json", null));
        bad.add(new Bad("forged token", template.getBytes(StandardCharsets.UTF_8), "application/json", "lgr_forged"));
        bad.add(new Bad("compliance posting", template.getBytes(StandardCharsets.UTF_8), "application/json", COMPLIANCE));
        return bad;
    }

    /** Values that are wrong for the field whatever the rest of the request says. */
    private static String[] valuesFor(String field) {
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
            default -> BAD_TEXT;
        };
    }

    private static String[] concat(String[] values, String more) {
        String[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = more;
        return all;
    }

    private static String replace(String template, String field, String value) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(template);
        node.set(field, JSON.readTree("{\"v\":" + value + "}").get("v"));
        // re-serialise with the raw literal, so number forms such as 1e5 reach the server as written
        String marker = "\"__RAW__\"";
        node.put(field, "__RAW__");
        return JSON.writeValueAsString(node).replace(marker, value);
    }

    private static List<String> badQueries(String fund) {
        List<String> queries = new ArrayList<>();
        String base = "/api/v1/funds/" + fund;
        for (String path : List.of(base + "/positions", base + "/metrics", base + "/balances")) {
            for (String asOf : List.of("2025-02-30", "yesterday", "2025-13-01", "1e5", "%27%20OR%201%3D1", "")) {
                if (!asOf.isEmpty()) {
                    queries.add(path + "?asOf=" + asOf);
                }
            }
            queries.add(path + "?unknown=1");
            queries.add(path + "?asOf=2025-01-01&asOf2=x");
        }
        for (String value : List.of("-1", "1.005", "1e5", "abc", "123456789012345678901", "%00")) {
            queries.add(base + "/first-loss?netProceeds=" + value);
            queries.add(base + "/first-loss?netProceeds=1&approvedAmount=" + value);
        }
        for (String value : List.of("-1", "0", "1000000", "abc", "1.5", "99999999999999999999")) {
            queries.add("/api/v1/journal?limit=" + value);
            queries.add("/api/v1/journal?fund=" + fund + "&afterSeq=" + value + "x");
        }
        queries.add("/api/v1/journal?fund=NO-SUCH");
        queries.add("/api/v1/journal/verify?fund=NO-SUCH");
        queries.add("/api/v1/funds/NO-SUCH/positions");
        queries.add("/api/v1/companies/'%20OR%201=1");
        queries.add("/api/v1/journal?fund=" + fund + "&limit=10&fund2=x");
        return queries;
    }
}
