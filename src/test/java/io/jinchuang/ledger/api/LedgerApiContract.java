package io.jinchuang.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jinchuang.ledger.Main;
import io.jinchuang.ledger.auth.Role;
import io.jinchuang.ledger.config.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts the real service (demo profile, no demo funds) on a fresh database and gives the
 * API tests a client, tokens and helpers that build funds. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LedgerApiContract {
    protected static final String ADMIN = "demo-admin";
    protected static final String MANAGER = "demo-manager";
    protected static final String COMPLIANCE = "demo-compliance";
    protected static final String AUDITOR = "demo-auditor";
    private static final AtomicInteger FUNDS = new AtomicInteger();
    private static final AtomicInteger COMPANIES = new AtomicInteger();

    protected Main.Service service;
    protected TestClient client;
    protected String otherManager;
    /** The service's settings, for a second process on the same database. */
    protected Map<String, String> overrides;

    protected abstract Map<String, String> database();

    @BeforeAll
    void start() {
        overrides = new HashMap<>(database());
        overrides.put("ledger.port", "0");
        overrides.put("ledger.profile", "demo");
        overrides.put("ledger.demo-data", "false");
        service = Main.Service.start(Settings.load(Map.of(), overrides));
        client = new TestClient(service.app().port());
        otherManager = service.ledger().db.write(tx ->
                service.ledger().tokens.create(tx, "other-manager", Role.MANAGER, "Other Capital"));
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.stop();
        }
    }

    /** A fresh fund code, unique within the run. */
    protected static String code(String prefix) {
        return prefix + "-" + FUNDS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36).toUpperCase();
    }

    protected TestClient.Reply ok(TestClient.Reply reply, int status) {
        assertEquals(status, reply.status(), () -> "unexpected reply: " + reply);
        return reply;
    }

    protected String createFund(String kind, String manager) {
        String code = code(kind.substring(0, 3));
        ok(client.post(ADMIN, "/api/v1/funds", """
                {"code":"%s","name":"Fund %s","nameZh":"基金","kind":"%s","manager":"%s","vintage":"2021-01-01"}
                """.formatted(code, code, kind, manager)), 201);
        return code;
    }

    protected void partner(String fund, String partner, String role, String committed) {
        ok(client.post(ADMIN, "/api/v1/funds/" + fund + "/partners", """
                {"partnerCode":"%s","name":"Partner %s","role":"%s","committed":"%s"}
                """.formatted(partner, partner, role, committed)), 201);
    }

    protected JsonNode call(String fund, String date, String partner, String amount) {
        return ok(client.post(ADMIN, "/api/v1/funds/" + fund + "/capital-calls", """
                {"date":"%s","contributions":[{"partnerCode":"%s","amount":"%s"}]}
                """.formatted(date, partner, amount)), 201).json();
    }

    /** A guidance fund with cash, and a seed fund (managed by Demo Capital) it is a partner in, paid in. */
    protected record Pair(String guidance, String seed) {}

    protected Pair guidanceAndSeed() {
        String guidance = createFund("GUIDANCE", "Province");
        partner(guidance, "TREASURY", "LP", "500000000");
        call(guidance, "2021-01-10", "TREASURY", "200000000");
        String seed = createFund("SEED", "Demo Capital");
        partner(seed, guidance, "GUIDANCE", "30000000");
        partner(seed, "A", "LP", "50000000");
        partner(seed, "B", "LP", "20000000");
        ok(client.post(ADMIN, "/api/v1/funds/" + seed + "/capital-calls", """
                {"date":"2021-02-01","contributions":[{"partnerCode":"%s","amount":"30000000"},
                 {"partnerCode":"A","amount":"50000000.00"},{"partnerCode":"B","amount":20000000}]}
                """.formatted(guidance)), 201);
        return new Pair(guidance, seed);
    }

    /** Registers a company with a valid credit code derived from {@code n}. */
    protected String company(int n) {
        String first17 = "91140" + String.format("%03d", n % 1000) + "MA" + String.format("%07d",
                COMPANIES.incrementAndGet());
        String code = first17 + io.jinchuang.ledger.companies.CreditCode.checkCharacter(first17);
        ok(client.post(ADMIN, "/api/v1/companies", """
                {"creditCode":"%s","name":"Company %d","sector":"tech"}""".formatted(code, n)), 201);
        return code;
    }

    protected void invest(String fund, String creditCode, String date, String amount) {
        ok(client.post(MANAGER, "/api/v1/funds/" + fund + "/investments", """
                {"creditCode":"%s","date":"%s","amount":"%s","dueDiligenceRef":"DD-1","decisionRef":"IC-1",
                 "decisionDate":"%s"}""".formatted(creditCode, date, amount, date)), 201);
    }

    protected long headSeq(String fund) {
        return client.get(ADMIN, "/api/v1/funds/" + fund).json().path("journalHead").path("seq").asLong();
    }

    /** The whole ledger's state, to prove a refused request changed nothing. */
    protected String digest() {
        JsonNode verify = ok(client.get(ADMIN, "/api/v1/journal/verify"), 200).json();
        assertTrue(verify.path("ok").asBoolean(), () -> "chains do not verify: " + verify);
        StringBuilder digest = new StringBuilder();
        verify.path("funds").forEach(f -> digest.append(f.path("fund").asText()).append(':')
                .append(f.path("headSeq").asLong()).append(':').append(f.path("headHash").asText()).append(';'));
        digest.append(client.get(ADMIN, "/api/v1/companies/none").status());
        return digest.toString();
    }

    protected static void assertProblem(TestClient.Reply reply, int status, String field) {
        assertEquals(status, reply.status(), () -> "unexpected reply: " + reply);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        JsonNode body = reply.json();
        assertEquals(status, body.path("status").asInt());
        assertNotNull(body.path("title").asText(null));
        assertNotNull(body.path("detail").asText(null));
        if (field != null) {
            boolean named = false;
            for (JsonNode error : body.path("errors")) {
                named |= error.path("field").asText().equals(field);
            }
            assertTrue(named, () -> "no error names field " + field + ": " + reply);
        }
    }
}
