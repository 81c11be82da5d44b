package io.jinchuang.ledger.crash;

import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static io.jinchuang.ledger.db.Tables.FUND;
import static io.jinchuang.ledger.db.Tables.INVESTMENT;
import static io.jinchuang.ledger.db.Tables.JOURNAL_ENTRY;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.api.TestClient;
import io.jinchuang.ledger.config.Settings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Clients post while the service is killed with SIGKILL at a random moment, again and
 * again. Afterwards every posting acknowledged with a 2xx is in the journal exactly once,
 * every chain verifies, and the kept balances agree with the journal lines.
 * Rounds: -Dledger.crash.rounds (default 20, the short setting; the long one is 100).
 * Runs on H2 (the embedded default with its transaction log) and on PostgreSQL.
 */
abstract class CrashTests {
    private static final int CLIENTS = 4;
    /** Each round kills only after this many acknowledgements, so every kill lands mid-stream. */
    private static final int ACKS_BEFORE_KILL = 5;
    private static final String FUND_CODE = "CRASH-SEED";
    private static final String COMPANY = "9144030071526726XG";

    /** Settings keys of the database the service runs on (data-dir is added). */
    protected abstract Map<String, String> database();

    @Test
    void everyAcknowledgedPostingSurvivesKillNine() throws Exception {
        Path dataDir = Files.createTempDirectory("ledger-crash-");
        Map<String, String> database = new HashMap<>(database());
        database.put("ledger.data-dir", dataDir.toString());
        Map<String, String> environment = new HashMap<>(Map.of("LEDGER_PROFILE", "demo", "LEDGER_DEMO_DATA", "false"));
        database.forEach((key, value) -> environment.put(Settings.environmentName(key), value));
        ServiceProcess service = new ServiceProcess(dataDir, environment);
        int rounds = Integer.getInteger("ledger.crash.rounds", 20);
        Random random = new Random(Long.getLong("ledger.crash.seed", 20251231L));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        service.start();
        setUp(new TestClient(service.port()));
        for (int round = 0; round < rounds; round++) {
            postUntilKilled(service, round, random.nextInt(600), acknowledged);
            service.start();
            assertJournalHoldsExactly(new TestClient(service.port()), acknowledged, round);
        }
        service.stop();
        assertTrue(acknowledged.size() >= rounds * ACKS_BEFORE_KILL, "too few acknowledged postings: " + acknowledged.size());
        assertKeptStateMatchesJournal(database);
    }

    private static void setUp(TestClient client) {
        expect(201, client.post("demo-admin", "/api/v1/funds", """
                {"code":"%s","name":"Crash Seed","kind":"SEED","manager":"Demo Capital","vintage":"2020-01-01"}
                """.formatted(FUND_CODE)));
        expect(201, client.post("demo-admin", "/api/v1/funds/" + FUND_CODE + "/partners", """
                {"partnerCode":"LP1","name":"LP","role":"LP","committed":"100000000000"}"""));
        expect(201, client.post("demo-admin", "/api/v1/funds/" + FUND_CODE + "/capital-calls", """
                {"date":"2020-02-01","contributions":[{"partnerCode":"LP1","amount":"100000000000"}]}"""));
        expect(201, client.post("demo-admin", "/api/v1/companies", """
                {"creditCode":"%s","name":"Crash Co","sector":"test"}""".formatted(COMPANY)));
    }

    private static void postUntilKilled(ServiceProcess service, int round, long killAfterMs, Set<String> acknowledged)
            throws InterruptedException {
        TestClient client = new TestClient(service.port());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int clientNo = c;
            Thread thread = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    String key = "r" + round + "-c" + clientNo + "-" + i;
                    try {
                        TestClient.Reply reply = client.post("demo-manager", "/api/v1/funds/" + FUND_CODE + "/investments",
                                """
                                {"creditCode":"%s","date":"2021-01-01","amount":"1.00"}""".formatted(COMPANY), key);
                        if (reply.status() / 100 == 2) {
                            acknowledged.add(key);
                        }
                    } catch (RuntimeException connectionLost) {
                        return; // the service died under this request: it was never acknowledged
                    }
                }
            });
            thread.start();
            clients.add(thread);
        }
        int target = acknowledged.size() + ACKS_BEFORE_KILL;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < target && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(killAfterMs);
        service.kill();
        running.set(false);
        for (Thread thread : clients) {
            thread.join();
        }
    }

    /** Every acknowledged key once; no key twice; the chain verifies. */
    private static void assertJournalHoldsExactly(TestClient client, Set<String> acknowledged, int round) {
        Map<String, Integer> seen = new HashMap<>();
        long after = 0;
        while (true) {
            JsonNode page = expect(200, client.get("demo-auditor",
                    "/api/v1/journal?fund=" + FUND_CODE + "&limit=1000&afterSeq=" + after)).json();
            for (JsonNode entry : page.path("entries")) {
                String key = entry.path("idempotencyKey").asText(null);
                if (key != null) {
                    seen.merge(key, 1, Integer::sum);
                }
            }
            if (page.path("nextAfterSeq").isNull()) {
                break;
            }
            after = page.path("nextAfterSeq").asLong();
        }
        for (String key : acknowledged) {
            assertEquals(1, seen.getOrDefault(key, 0), "round " + round + ": acknowledged posting " + key + " is missing");
        }
        seen.forEach((key, count) -> assertEquals(1, count, "posting " + key + " is in the journal twice"));
        JsonNode verify = expect(200, client.get("demo-auditor", "/api/v1/journal/verify")).json();
        assertTrue(verify.path("ok").asBoolean(), "round " + round + ": " + verify);
    }

    /** After a clean stop: kept balances = Σ lines, every investment entry has its row, heads match. */
    private static void assertKeptStateMatchesJournal(Map<String, String> database) {
        Settings settings = Settings.load(Map.of(), database);
        try (Ledger ledger = Ledger.open(settings)) {
            ledger.db.read(dsl -> {
                assertBalancesMatchLines(dsl);
                int entries = dsl.fetchCount(JOURNAL_ENTRY, JOURNAL_ENTRY.FUND_CODE.eq(FUND_CODE)
                        .and(JOURNAL_ENTRY.TYPE.eq("INVESTMENT")));
                assertEquals(entries, dsl.fetchCount(INVESTMENT, INVESTMENT.FUND_CODE.eq(FUND_CODE)));
                long head = dsl.select(FUND.HEAD_SEQ).from(FUND).where(FUND.CODE.eq(FUND_CODE)).fetchOne(FUND.HEAD_SEQ);
                assertEquals(dsl.fetchCount(JOURNAL_ENTRY, JOURNAL_ENTRY.FUND_CODE.eq(FUND_CODE)), head);
                return null;
            });
        }
    }

    private static void assertBalancesMatchLines(DSLContext dsl) {
        Map<String, BigDecimal> fromLines = new HashMap<>();
        dsl.select(JOURNAL_LINE.FUND_CODE, JOURNAL_LINE.ACCOUNT, DSL.sum(JOURNAL_LINE.DEBIT.minus(JOURNAL_LINE.CREDIT)))
                .from(JOURNAL_LINE).groupBy(JOURNAL_LINE.FUND_CODE, JOURNAL_LINE.ACCOUNT)
                .fetch().forEach(r -> fromLines.put(r.value1() + "|" + r.value2(), r.value3()));
        Map<String, BigDecimal> kept = new HashMap<>();
        dsl.selectFrom(ACCOUNT_BALANCE).fetch().forEach(r -> kept.put(r.getFundCode() + "|" + r.getAccount(), r.getBalance()));
        assertEquals(fromLines.keySet(), kept.keySet());
        fromLines.forEach((account, sum) -> assertEquals(0, sum.compareTo(kept.get(account)),
                account + ": kept " + kept.get(account) + " but the lines sum to " + sum));
    }

    private static TestClient.Reply expect(int status, TestClient.Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
        return reply;
    }
}
