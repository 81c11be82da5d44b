package io.jinchuang.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.jinchuang.ledger.companies.CreditCode;
import io.jinchuang.ledger.http.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document (src/main/resources/openapi.json) held against the route table and
 * against the running service: every route is documented, nothing is documented that does not
 * exist, and every real response body is valid against the schema the document gives for its
 * path, method and status (and every request body the service accepted, against the request
 * schema).
 */
class OpenApiTest extends LedgerApiContract {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final Set<Integer> ERROR_STATUSES = Set.of(400, 401, 403, 404, 409, 413, 422);
    private static final AtomicInteger CREDIT_CODES = new AtomicInteger();

    private final JsonNode document = readDocument();
    private final Contract contract = new Contract(document);

    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }

    // ---------------------------------------------------------------- the table and the document

    @Test
    void theDocumentNamesExactlyTheRoutesOfTheTable() {
        Set<String> table = new TreeSet<>(RouteTable.signatures(service.ledger()));
        Set<String> documented = new TreeSet<>(operations(document));
        Set<String> undocumented = new TreeSet<>(table);
        undocumented.removeAll(documented);
        Set<String> phantom = new TreeSet<>(documented);
        phantom.removeAll(table);
        assertTrue(undocumented.isEmpty() && phantom.isEmpty(), () -> "routes missing from openapi.json: "
                + undocumented + "; routes openapi.json names that do not exist: " + phantom);
        assertEquals(table.size(), RouteTable.signatures(service.ledger()).size(), "the table names a route twice");
    }

    @Test
    void everyOperationIsDescribedWithItsParametersSecurityAndProblems() {
        assertEquals("3.1.0", document.path("openapi").asText());
        JsonNode bearer = document.at("/components/securitySchemes/bearerAuth");
        assertEquals("http", bearer.path("type").asText());
        assertEquals("bearer", bearer.path("scheme").asText());
        for (String signature : operations(document)) {
            String method = signature.substring(0, signature.indexOf(' ')).toLowerCase();
            String path = signature.substring(signature.indexOf(' ') + 1);
            JsonNode op = contract.operation(method, path);
            assertFalse(op.path("summary").asText().isBlank(), () -> signature + " has no summary");
            // the path parameters declared are exactly those of the path
            Set<String> inPath = new TreeSet<>();
            Matcher m = PATH_PARAM.matcher(path);
            while (m.find()) {
                inPath.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            for (JsonNode p : op.path("parameters")) {
                JsonNode param = contract.resolve(p);
                if (param.path("in").asText().equals("path")) {
                    assertTrue(param.path("required").asBoolean(), () -> signature + ": path parameters are required");
                    declared.add(param.path("name").asText());
                }
            }
            assertEquals(inPath, declared, () -> signature + ": path parameters");
            boolean api = path.startsWith("/api/v1/");
            JsonNode security = op.get("security");
            assertNotNull(security, () -> signature + " does not say its security");
            if (api) {
                assertEquals(1, security.size(), signature);
                assertTrue(security.get(0).has("bearerAuth"), () -> signature + " is not behind the bearer scheme");
                for (int status : List.of(401, 422)) {
                    assertTrue(op.path("responses").has(Integer.toString(status)),
                            () -> signature + " does not document " + status);
                }
            } else {
                assertEquals(0, security.size(), () -> signature + " is public: security must be []");
            }
            if (method.equals("post")) {
                JsonNode content = contract.resolve(op.path("requestBody")).path("content");
                if (content.has("text/csv")) {
                    // an import file: its layout is in the description, its rows are checked by the service
                    assertEquals("string", content.at("/text~1csv/schema/type").asText(), signature);
                    assertEquals(1, content.size(), () -> signature + ": a CSV body is only CSV");
                } else {
                    JsonNode schema = contract.resolve(content.at("/application~1json/schema"));
                    assertEquals("object", schema.path("type").asText(), signature);
                    assertFalse(schema.path("additionalProperties").asBoolean(true),
                            () -> signature + ": the request body must refuse unknown fields, as the service does");
                }
                for (int status : List.of(400, 413)) {
                    assertTrue(op.path("responses").has(Integer.toString(status)),
                            () -> signature + " does not document " + status);
                }
            }
        }
    }

    @Test
    void theServiceServesThisDocument() {
        TestClient.Reply reply = checked("get", "/openapi.json", client.get(null, "/openapi.json"), 200);
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        assertEquals(document, reply.json());
    }

    @Test
    void whatTheDocumentSaysAboutTokensIsWhatTheServiceDoes() {
        for (String signature : operations(document)) {
            String method = signature.substring(0, signature.indexOf(' ')).toLowerCase();
            String template = signature.substring(signature.indexOf(' ') + 1);
            String path = PATH_PARAM.matcher(template).replaceAll("1");
            TestClient.Reply reply = method.equals("post") ? client.post(null, path, "{}") : client.get(null, path);
            boolean protectedRoute = contract.operation(method, template).path("security").size() > 0;
            if (protectedRoute) {
                checked(method, template, reply, 401);
            } else {
                assertTrue(reply.status() < 400, () -> signature + " is documented as public but answered " + reply);
                checked(method, template, reply, reply.status());
            }
        }
    }

    @Test
    void everyDocumentedQueryParameterIsAccepted() {
        Pair pair = guidanceAndSeed();
        String alpha = company(11);
        invest(pair.seed(), alpha, "2021-03-01", "1000000");
        String run = ok(client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2023}"), 202).json()
                .path("id").asText();
        Map<String, String> samples = new java.util.HashMap<>(Map.of("code", pair.seed(), "creditCode", alpha, "fund", pair.seed(),
                "asOf", "2023-12-31", "afterSeq", "1", "afterFund", pair.seed(), "limit", "2",
                "netProceeds", "40000000", "approvedAmount", "10000000.00", "id", run));
        samples.put("scope", "DIRECT");
        for (String signature : operations(document)) {
            if (!signature.startsWith("GET /api/v1/")) {
                continue;
            }
            String template = signature.substring(4);
            String path = template;
            StringBuilder query = new StringBuilder();
            for (JsonNode p : contract.operation("get", template).path("parameters")) {
                JsonNode param = contract.resolve(p);
                String name = param.path("name").asText();
                String in = param.path("in").asText();
                if (in.equals("header")) {
                    continue;
                }
                String value = samples.get(name);
                assertNotNull(value, () -> "no sample value for parameter " + name + " of " + signature);
                if (in.equals("path")) {
                    path = path.replace("{" + name + "}", value);
                } else {
                    query.append(query.length() == 0 ? '?' : '&').append(name).append('=').append(value);
                }
            }
            checked("get", template, client.get(ADMIN, path + query), 200);
            // and a parameter the document does not name is refused
            TestClient.Reply unknown = client.get(ADMIN, path + query + (query.length() == 0 ? '?' : '&') + "bogus=1");
            checked("get", template, unknown, 422);
            assertProblem(unknown, 422, "bogus");
        }
    }

    // ---------------------------------------------------------------- real exchanges

    @Test
    void realResponsesMatchTheDocument() {
        Set<String> exercised = new TreeSet<>();
        Exchanges x = new Exchanges(exercised);
        Pair pair = guidanceAndSeed();

        // a fund, its partners and a capital call
        String fund = code("OAS");
        x.post(ADMIN, "/api/v1/funds", """
                {"code":"%s","name":"OpenAPI Venture Fund","nameZh":"创业投资基金","kind":"VENTURE",
                 "manager":"Demo Capital","vintage":"2022-01-01","toleranceRate":"0.75"}""".formatted(fund), 201);
        x.post(ADMIN, "/api/v1/funds/{code}/partners", """
                {"partnerCode":"LP-1","name":"Taiyuan LP","role":"LP","committed":"80000000","date":"2022-01-10"}""", 201, fund);
        x.post(MANAGER, "/api/v1/funds/{code}/partners", """
                {"partnerCode":"GP","name":"Demo GP","role":"GP","committed":1000000.5}""", 201, fund);
        x.post(MANAGER, "/api/v1/funds/{code}/capital-calls", """
                {"date":"2022-02-01","contributions":[{"partnerCode":"LP-1","amount":"60000000.00"},
                 {"partnerCode":"GP","amount":1000000}],"reference":"BANK 2022/001"}""", 201, fund);
        x.get(ADMIN, "/api/v1/funds", "", 200);
        x.get(COMPLIANCE, "/api/v1/funds/{code}", "", 200, fund);
        x.get(ADMIN, "/api/v1/funds/{code}", "", 200, pair.guidance());

        // companies and deals
        String alpha = creditCode();
        String beta = creditCode();
        x.post(ADMIN, "/api/v1/companies", """
                {"creditCode":"%s","name":"Alpha Robotics","sector":"robotics"}""".formatted(alpha), 201);
        x.post(MANAGER, "/api/v1/companies", """
                {"creditCode":"%s","name":"北方电池","sector":"新能源"}""".formatted(beta), 201);
        x.get(AUDITOR, "/api/v1/companies/{creditCode}", "", 200, alpha);
        x.post(MANAGER, "/api/v1/funds/{code}/investments", """
                {"creditCode":"%s","date":"2022-03-01","amount":"20000000","round":"A","dueDiligenceRef":"DD-1",
                 "decisionRef":"IC-1","decisionDate":"2022-02-20","conflictOfInterest":false,"reference":"BANK-INV-1"}
                """.formatted(alpha), 201, fund);
        x.post(MANAGER, "/api/v1/funds/{code}/investments", """
                {"creditCode":"%s","date":"2022-04-01","amount":5000000.5}""".formatted(beta), 201, fund);
        x.post(MANAGER, "/api/v1/funds/{code}/monitoring-reports", """
                {"creditCode":"%s","date":"2022-09-01","reportRef":"MR-1"}""".formatted(alpha), 201, fund);
        long valuationSeq = x.post(MANAGER, "/api/v1/funds/{code}/valuations", """
                {"creditCode":"%s","date":"2022-12-31","fairValue":"26000000.00"}""".formatted(alpha), 201, fund)
                .json().path("seq").asLong();
        x.post(MANAGER, "/api/v1/funds/{code}/exits", """
                {"creditCode":"%s","date":"2023-06-30","type":"WRITE_OFF","proceeds":0}""".formatted(beta), 201, fund);
        x.post(MANAGER, "/api/v1/funds/{code}/exits", """
                {"creditCode":"%s","date":"2023-07-31","type":"SHARE_TRANSFER","proceeds":"9000000","costReleased":"5000000",
                 "reference":"BANK-EXIT-7"}""".formatted(alpha), 201, fund);
        x.post(MANAGER, "/api/v1/funds/{code}/distributions", """
                {"date":"2023-12-31","amount":"3000000"}""", 201, fund);
        x.post(ADMIN, "/api/v1/funds/{code}/distributions", """
                {"date":"2024-01-15","amount":"1000","allocations":[{"partnerCode":"LP-1","amount":"600"},
                 {"partnerCode":"GP","amount":"400"}],"reference":"BANK-DIST-2"}""", 201, fund);
        // a sub-fund distribution shows on the guidance fund's side (a linked entry)
        x.post(MANAGER, "/api/v1/funds/{code}/distributions", """
                {"date":"2022-01-01","amount":"1000000"}""", 201, pair.seed());

        // reports
        x.get(COMPLIANCE, "/api/v1/funds/{code}/positions", "?asOf=2023-12-31", 200, fund);
        x.get(MANAGER, "/api/v1/funds/{code}/positions", "", 200, fund);
        x.get(ADMIN, "/api/v1/funds/{code}/positions", "", 200, pair.guidance());
        x.get(AUDITOR, "/api/v1/funds/{code}/metrics", "?asOf=2023-12-31", 200, fund);
        JsonNode undefined = x.get(AUDITOR, "/api/v1/funds/{code}/metrics", "?asOf=2021-06-01", 200, fund).json();
        assertTrue(undefined.path("dpi").isNull() && undefined.path("xirr").isNull(),
                () -> "nothing paid in yet: the ratios are undefined: " + undefined);
        x.get(ADMIN, "/api/v1/funds/{code}/metrics", "", 200, pair.guidance());
        x.get(MANAGER, "/api/v1/funds/{code}/balances", "?asOf=2023-12-31", 200, fund);
        x.get(ADMIN, "/api/v1/funds/{code}/balances", "", 200, pair.guidance());

        // the journal: pages, verification, a reversal
        JsonNode page = x.get(AUDITOR, "/api/v1/journal", "?fund=" + fund + "&limit=3", 200).json();
        assertEquals(3, page.path("entries").size());
        x.get(AUDITOR, "/api/v1/journal", "?fund=" + fund + "&afterSeq=3", 200);
        x.get(ADMIN, "/api/v1/journal", "?fund=" + pair.guidance(), 200);
        x.get(ADMIN, "/api/v1/journal", "?limit=5", 200);
        x.get(COMPLIANCE, "/api/v1/journal/verify", "?fund=" + fund, 200);
        x.get(ADMIN, "/api/v1/journal/verify", "", 200);
        JsonNode reversal = x.post(MANAGER, "/api/v1/journal/{fund}/{seq}/reversal", """
                {"reason":"valued on the wrong date"}""", 201, fund, Long.toString(valuationSeq)).json();
        assertEquals("REVERSAL", reversal.path("type").asText());

        // fault tolerance and the due-diligence exemption report
        x.get(COMPLIANCE, "/api/v1/funds/{code}/tolerance", "?asOf=2023-12-31", 200, fund);
        x.get(ADMIN, "/api/v1/funds/{code}/tolerance", "?scope=LOOK_THROUGH", 200, pair.guidance());
        x.get(AUDITOR, "/api/v1/tolerance", "", 200);
        x.get(COMPLIANCE, "/api/v1/funds/{code}/exemption-report", "?asOf=2023-12-31", 200, fund);

        // first loss at a seed fund's liquidation: preview, post, and the fund is closed
        Pair closing = guidanceAndSeed();
        String liquidation = "/api/v1/funds/{code}/liquidation";
        // partners are admitted on the day they are recorded, and a liquidation is the fund's last event
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        x.get(COMPLIANCE, "/api/v1/funds/{code}/first-loss", "?netProceeds=40000000", 200, closing.seed());
        x.get(MANAGER, "/api/v1/funds/{code}/first-loss", "?netProceeds=150000000.00&approvedAmount=0", 200,
                closing.seed());
        x.get(ADMIN, "/api/v1/funds/{code}/first-loss", "", 422, closing.seed());
        x.get(ADMIN, "/api/v1/funds/{code}/first-loss", "?netProceeds=1", 422, fund);
        x.post(MANAGER, liquidation, """
                {"date":"%s","netProceeds":"40000000","reference":"BANK-LIQ-1"}""".formatted(today), 201, closing.seed());
        x.get(ADMIN, "/api/v1/funds/{code}/first-loss", "?netProceeds=1", 409, closing.seed());
        x.post(MANAGER, liquidation, """
                {"date":"%s","netProceeds":"0"}""".formatted(today), 409, closing.seed());
        x.post(MANAGER, "/api/v1/funds/{code}/distributions", """
                {"date":"2024-07-01","amount":"1"}""", 409, closing.seed());
        x.get(ADMIN, "/api/v1/funds/{code}/positions", "", 200, closing.guidance());
        x.get(ADMIN, "/api/v1/journal", "?fund=" + closing.guidance(), 200);

        // the year-end batch: started, read while it runs and once complete (the full report)
        int thisYear = LocalDate.now(ZoneOffset.UTC).getYear();
        JsonNode started = x.post(AUDITOR, "/api/v1/reconciliations", """
                {"year":%d,"statements":[{"fund":"%s","lines":[{"date":"%d-01-02","amount":"-150.00","reference":"FEE"},
                 {"date":"%d-01-03","amount":1000}]}]}""".formatted(thisYear, closing.seed(), thisYear, thisYear),
                202).json();
        x.get(COMPLIANCE, "/api/v1/reconciliations/{id}", "", 200, started.path("id").asText());
        JsonNode complete = ReconciliationSupport.await(client, started.path("href").asText());
        assertTrue(complete.path("report").path("funds").size() > 0, complete::toString);
        x.get(AUDITOR, "/api/v1/reconciliations/{id}", "", 200, started.path("id").asText());
        JsonNode lastYear = x.post(ADMIN, "/api/v1/reconciliations", "{\"year\":2023,\"close\":false}", 202).json();
        ReconciliationSupport.await(client, lastYear.path("href").asText());
        x.get(ADMIN, "/api/v1/reconciliations/{id}", "", 200, lastYear.path("id").asText());
        x.post(MANAGER, "/api/v1/reconciliations", "{\"year\":2023}", 403);
        x.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2023,\"close\":true}", 409);
        x.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":\"2023\"}", 422);
        x.get(MANAGER, "/api/v1/reconciliations/{id}", "", 403, lastYear.path("id").asText());
        x.get(COMPLIANCE, "/api/v1/reconciliations/{id}", "", 404, "00000000-0000-0000-0000-000000000000");
        // an import file: posted whole, or refused naming its lines
        String imported = creditCode();
        String header = io.jinchuang.ledger.imports.ImportLayout.header();
        String blank = ",".repeat(io.jinchuang.ledger.imports.ImportLayout.COLUMNS.size() - 1);
        String companyRow = ("COMPANY,,,Imported Robotics,,,,,,,,%s,robotics" + blank.substring(12)).formatted(imported);
        x.postRaw(MANAGER, "/api/v1/imports", header + "\n" + companyRow + "\n", "text/csv", 201);
        x.postRaw(ADMIN, "/api/v1/imports", header + "\nINVESTMENT,%s,2023-13-01%s\n".formatted(fund,
                blank.substring(2)), "text/csv", 422);
        x.postRaw(ADMIN, "/api/v1/imports", "type,colour\nCOMPANY,red\n", "text/csv", 400);

        // operations
        x.get(null, "/health", "", 200);
        x.get(null, "/metrics", "", 200);
        x.get(null, "/openapi.json", "", 200);
        x.get(null, "/docs", "", 200);

        // problems
        x.postRaw(MANAGER, "/api/v1/funds/{code}/investments", "{\"creditCode\":", "application/json", 400, fund);
        x.postRaw(MANAGER, "/api/v1/funds/{code}/valuations", "{}", "text/plain", 400, fund);
        x.get(null, "/api/v1/funds/{code}", "", 401, fund);
        x.get("forged-token", "/api/v1/funds", "", 401);
        x.post(null, "/api/v1/funds/{code}/exits", "{}", 401, fund);
        x.get(otherManager, "/api/v1/funds/{code}", "", 403, fund);
        x.get(otherManager, "/api/v1/journal", "?fund=" + fund, 403);
        x.post(COMPLIANCE, "/api/v1/funds/{code}/distributions", """
                {"date":"2024-01-01","amount":"1"}""", 403, fund);
        x.post(AUDITOR, "/api/v1/companies", """
                {"creditCode":"%s","name":"n","sector":"s"}""".formatted(creditCode()), 403);
        x.get(ADMIN, "/api/v1/funds/{code}", "", 404, "NO-SUCH-FUND");
        x.get(ADMIN, "/api/v1/companies/{creditCode}", "", 404, creditCode());
        x.get(ADMIN, "/api/v1/funds/{code}/metrics", "", 404, "NO-SUCH-FUND");
        x.post(MANAGER, "/api/v1/journal/{fund}/{seq}/reversal", "{\"reason\":\"nothing there\"}", 404, fund, "999");
        x.post(ADMIN, "/api/v1/funds/{code}/partners", """
                {"partnerCode":"X","name":"x","role":"LP","committed":"1"}""", 404, "NO-SUCH-FUND");
        x.post(ADMIN, "/api/v1/funds", """
                {"code":"%s","name":"dup","kind":"SEED","manager":"Demo Capital","vintage":"2021-01-01"}"""
                .formatted(fund), 409);
        x.post(ADMIN, "/api/v1/companies", """
                {"creditCode":"%s","name":"again","sector":"s"}""".formatted(alpha), 409);
        x.post(ADMIN, "/api/v1/funds/{code}/partners", """
                {"partnerCode":"LP-1","name":"again","role":"LP","committed":"1"}""", 409, fund);
        x.post(MANAGER, "/api/v1/journal/{fund}/{seq}/reversal", "{\"reason\":\"again\"}", 409, fund,
                Long.toString(valuationSeq));
        byte[] big = ("{\"reason\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}").getBytes(StandardCharsets.UTF_8);
        x.check("post", "/api/v1/journal/{fund}/{seq}/reversal",
                client.postRaw(ADMIN, "/api/v1/journal/" + fund + "/1/reversal", big, "application/json", null), 413);
        String unknownField = """
                {"creditCode":"%s","date":"2023-01-01","amount":"1","colour":"red"}""".formatted(alpha);
        x.post(MANAGER, "/api/v1/funds/{code}/investments", unknownField, 422, fund);
        assertFalse(contract.checkRequest("/api/v1/funds/{code}/investments", unknownField).isEmpty(),
                "the request schema must refuse an unknown field, as the service does");
        String badAmount = """
                {"creditCode":"%s","date":"2023-01-01","amount":"1.005"}""".formatted(alpha);
        x.post(MANAGER, "/api/v1/funds/{code}/investments", badAmount, 422, fund);
        assertFalse(contract.checkRequest("/api/v1/funds/{code}/investments", badAmount).isEmpty(),
                "the request schema must refuse an amount with 3 fraction digits");
        x.post(MANAGER, "/api/v1/funds/{code}/distributions", """
                {"date":"2024-02-01","amount":"999999999"}""", 422, fund);
        x.post(ADMIN, "/api/v1/funds", """
                {"code":"bad code","name":"x","kind":"PRIVATE","manager":"M","vintage":"2021-13-01"}""", 422);
        x.get(ADMIN, "/api/v1/funds/{code}/positions", "?asOf=2021-02-29", 422, fund);
        x.get(ADMIN, "/api/v1/journal", "?limit=100000", 422);
        x.get(ADMIN, "/api/v1/funds", "?page=2", 422);
        // an unknown route has no operation in the document, but its problem is still a Problem
        TestClient.Reply nowhere = client.get(ADMIN, "/api/v1/no-such-route");
        assertEquals(404, nowhere.status());
        assertEquals(List.of(), contract.validate("/components/schemas/Problem", nowhere.json()));

        // every operation of the document was driven to its success status, and every problem status was seen
        for (String signature : operations(document)) {
            String method = signature.substring(0, signature.indexOf(' ')).toLowerCase();
            String template = signature.substring(signature.indexOf(' ') + 1);
            String success = contract.operation(method, template).path("responses").fieldNames().next();
            assertTrue(exercised.contains(signature + " " + success), () -> signature + " " + success + " was never driven");
        }
        for (int status : ERROR_STATUSES) {
            assertTrue(exercised.stream().anyMatch(e -> e.endsWith(" " + status)), () -> "no " + status + " was driven");
        }
    }

    @Test
    void theCheckFailsOnAFieldOfTheWrongTypeOrAMissingRequiredField() {
        String fund = createFund("SEED", "Demo Capital");
        partner(fund, "A", "LP", "1000000");
        TestClient.Reply fundReply = client.get(ADMIN, "/api/v1/funds/" + fund);
        TestClient.Reply metrics = client.get(ADMIN, "/api/v1/funds/" + fund + "/metrics");
        TestClient.Reply problem = client.get(ADMIN, "/api/v1/funds/NO-SUCH-FUND");
        assertEquals(List.of(), contract.check("get", "/api/v1/funds/{code}", fundReply));
        assertEquals(List.of(), contract.check("get", "/api/v1/funds/{code}/metrics", metrics));
        assertEquals(List.of(), contract.check("get", "/api/v1/funds/{code}", problem));

        // the body loses a required field or gets one of the wrong type: the real document refuses it
        ObjectNode noKind = (ObjectNode) fundReply.json().deepCopy();
        noKind.remove("kind");
        assertFalse(contract.validate(schemaOf("Fund"), noKind).isEmpty(), "a Fund without kind passed");
        ObjectNode numericAmount = (ObjectNode) fundReply.json().deepCopy();
        ((ObjectNode) numericAmount.path("partners").get(0)).put("committed", 1000000);
        assertFalse(contract.validate(schemaOf("Fund"), numericAmount).isEmpty(), "an amount as a number passed");
        ObjectNode longAmount = (ObjectNode) metrics.json().deepCopy();
        longAmount.put("cash", "0.000");
        assertFalse(contract.validate(schemaOf("Metrics"), longAmount).isEmpty(), "an amount with 3 digits passed");
        ObjectNode shortRatio = (ObjectNode) metrics.json().deepCopy();
        shortRatio.put("dpi", "0.80");
        assertFalse(contract.validate(schemaOf("Metrics"), shortRatio).isEmpty(), "a ratio with 2 digits passed");
        ObjectNode noDetail = (ObjectNode) problem.json().deepCopy();
        noDetail.remove("detail");
        assertFalse(contract.validate(schemaOf("Problem"), noDetail).isEmpty(), "a problem without detail passed");

        // the document says something the service does not do: the real responses are refused
        ObjectNode wrongType = document.deepCopy();
        ((ObjectNode) wrongType.at("/components/schemas/Metrics/properties"))
                .set("cash", JsonNodeFactory.instance.objectNode().put("type", "number"));
        assertFalse(new Contract(wrongType).check("get", "/api/v1/funds/{code}/metrics", metrics).isEmpty(),
                "a string amount passed a number schema");
        ObjectNode extraRequired = document.deepCopy();
        ObjectNode fundSchema = (ObjectNode) extraRequired.at("/components/schemas/Fund");
        ((ObjectNode) fundSchema.path("properties")).set("closedOn",
                JsonNodeFactory.instance.objectNode().put("type", "string"));
        ((ArrayNode) fundSchema.path("required")).add("closedOn");
        assertFalse(new Contract(extraRequired).check("get", "/api/v1/funds/{code}", fundReply).isEmpty(),
                "a Fund without a required field passed");
        ObjectNode problemStatus = document.deepCopy();
        ((ObjectNode) problemStatus.at("/components/schemas/Problem/properties"))
                .set("status", JsonNodeFactory.instance.objectNode().put("type", "string"));
        assertFalse(new Contract(problemStatus).check("get", "/api/v1/funds/{code}", problem).isEmpty(),
                "a numeric status passed a string schema");
    }

    // ---------------------------------------------------------------- helpers

    private static String schemaOf(String name) {
        return "/components/schemas/" + name;
    }

    /** A registered-nowhere credit code with a valid check digit. */
    private static String creditCode() {
        String first17 = "91140999MB" + String.format("%07d", CREDIT_CODES.incrementAndGet());
        return first17 + CreditCode.checkCharacter(first17);
    }

    private TestClient.Reply checked(String method, String template, TestClient.Reply reply, int status) {
        assertEquals(status, reply.status(), () -> method.toUpperCase() + " " + template + ": " + reply);
        List<String> problems = contract.check(method, template, reply);
        assertTrue(problems.isEmpty(), () -> method.toUpperCase() + " " + template + " " + reply.status()
                + " does not match openapi.json: " + problems + "\nbody: " + reply.body());
        return reply;
    }

    /** Sends requests by path template, checks each answer against the document and notes what it covered. */
    private final class Exchanges {
        private final Set<String> exercised;

        Exchanges(Set<String> exercised) {
            this.exercised = exercised;
        }

        TestClient.Reply get(String token, String template, String query, int status, String... args) {
            return check("get", template, client.get(token, expand(template, args) + query), status);
        }

        TestClient.Reply post(String token, String template, String body, int status, String... args) {
            TestClient.Reply reply = check("post", template, client.post(token, expand(template, args), body), status);
            if (status < 300) {
                List<String> problems = contract.checkRequest(template, body);
                assertTrue(problems.isEmpty(), () -> "POST " + template + " accepted a body that openapi.json refuses: "
                        + problems + "\nbody: " + body);
            }
            return reply;
        }

        TestClient.Reply postRaw(String token, String template, String body, String contentType, int status,
                                 String... args) {
            return check("post", template, client.postRaw(token, expand(template, args),
                    body.getBytes(StandardCharsets.UTF_8), contentType, null), status);
        }

        TestClient.Reply check(String method, String template, TestClient.Reply reply, int status) {
            checked(method, template, reply, status);
            exercised.add(method.toUpperCase() + " " + template + " " + status);
            return reply;
        }
    }

    private static String expand(String template, String... args) {
        Matcher m = PATH_PARAM.matcher(template);
        StringBuilder path = new StringBuilder();
        int i = 0;
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(
                    URLEncoder.encode(args[i++], StandardCharsets.UTF_8).replace("+", "%20")));
        }
        m.appendTail(path);
        assertEquals(args.length, i, () -> "arguments for " + template);
        return path.toString();
    }

    /** "GET /api/v1/funds", … for every operation of the document. */
    private static List<String> operations(JsonNode document) {
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> keys = path.getValue().fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (METHODS.contains(key)) {
                    operations.add(key.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    private static JsonNode readDocument() {
        try (InputStream in = OpenApiTest.class.getResourceAsStream("/openapi.json")) {
            assertNotNull(in, "openapi.json is not on the class path");
            return TestClient.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One OpenAPI document as a set of JSON Schemas (2020-12, as OpenAPI 3.1 uses): a schema is
     * loaded by its JSON pointer into the document, so its $refs into components resolve.
     */
    static final class Contract {
        private static final AtomicInteger DOCUMENTS = new AtomicInteger();
        private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true).build();
        private final JsonNode document;
        private final String uri;
        private final JsonSchemaFactory factory;
        private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

        Contract(JsonNode document) {
            this.document = document;
            this.uri = "https://ledger.test/openapi-" + DOCUMENTS.incrementAndGet() + ".json";
            String text = document.toString();
            this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(uri, text))));
        }

        JsonNode operation(String method, String template) {
            return document.path("paths").path(template).get(method);
        }

        /** Follows a local $ref (parameters, responses, request bodies). */
        JsonNode resolve(JsonNode node) {
            return node.has("$ref") ? document.at(pointer(node, "")) : node;
        }

        private String pointer(JsonNode node, String at) {
            String pointer = at;
            for (int hops = 0; node.has("$ref"); hops++) {
                String ref = node.path("$ref").asText();
                assertTrue(ref.startsWith("#/") && hops < 10, () -> "not a local reference: " + ref);
                pointer = ref.substring(1);
                node = document.at(pointer);
                assertFalse(node.isMissingNode(), "dangling reference " + ref);
            }
            return pointer;
        }

        /** Everything that does not match: status not documented, another media type, or the body's schema. */
        List<String> check(String method, String template, TestClient.Reply reply) {
            JsonNode op = operation(method, template);
            if (op == null) {
                return List.of(method.toUpperCase() + " " + template + " is not in the document");
            }
            String status = Integer.toString(reply.status());
            JsonNode response = op.path("responses").get(status);
            if (response == null) {
                return List.of("status " + status + " is not documented");
            }
            String at = pointer(response, "/paths/" + escape(template) + "/" + method + "/responses/" + status);
            JsonNode content = document.at(at).path("content");
            String mediaType = reply.contentType().split(";")[0].trim();
            if (!content.has(mediaType)) {
                List<String> documented = new ArrayList<>();
                content.fieldNames().forEachRemaining(documented::add);
                return List.of("answered " + mediaType + " but the document gives " + documented);
            }
            String schema = at + "/content/" + escape(mediaType) + "/schema";
            return validate(schema, mediaType.endsWith("json") ? reply.json() : TextNode.valueOf(reply.body()));
        }

        /** What is wrong with a request body, by the operation's request schema. */
        List<String> checkRequest(String template, String body) {
            JsonNode op = operation("post", template);
            assertNotNull(op, () -> "POST " + template + " is not in the document");
            String at = pointer(op.path("requestBody"), "/paths/" + escape(template) + "/post/requestBody");
            try {
                return validate(at + "/content/application~1json/schema", TestClient.JSON.readTree(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> validate(String pointer, JsonNode instance) {
            JsonSchema schema = schemas.computeIfAbsent(pointer,
                    p -> factory.getSchema(SchemaLocation.of(uri + "#" + fragment(p)), CONFIG));
            return schema.validate(instance).stream().map(ValidationMessage::getMessage).sorted().toList();
        }

        /** A JSON pointer token (RFC 6901). */
        private static String escape(String token) {
            return token.replace("~", "~0").replace("/", "~1");
        }

        /** A JSON pointer written as a URI fragment (RFC 6901 §6). */
        private static String fragment(String pointer) {
            return pointer.replace("{", "%7B").replace("}", "%7D");
        }
    }
}
