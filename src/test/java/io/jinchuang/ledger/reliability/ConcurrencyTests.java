package io.jinchuang.ledger.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jinchuang.ledger.api.LedgerApiContract;
import io.jinchuang.ledger.api.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Racing requests: idempotent twins, one fund's chain under load, withdrawals racing for cash. Both databases. */
abstract class ConcurrencyTests extends LedgerApiContract {
    private static final int PAIRS = Integer.getInteger("ledger.concurrency.pairs", 1000);
    private static final int THREADS = 16;

    @Test
    void identicalTwinsWithOneKeyPostOnceEach() throws Exception {
        Pair pair = guidanceAndSeed();
        String company = company(61);
        String path = "/api/v1/funds/" + pair.seed() + "/investments";
        String body = "{\"creditCode\":\"" + company + "\",\"date\":\"2021-05-01\",\"amount\":\"1.00\"}";
        long before = headSeq(pair.seed());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Callable<TestClient.Reply>> twins = new ArrayList<>();
        for (int p = 0; p < PAIRS; p++) {
            String key = "twin-" + p;
            CountDownLatch bothReady = new CountDownLatch(2);
            for (int twin = 0; twin < 2; twin++) {
                twins.add(() -> {
                    bothReady.countDown();
                    bothReady.await(10, TimeUnit.SECONDS); // the two leave together
                    return client.post(MANAGER, path, body, key);
                });
            }
        }
        List<Future<TestClient.Reply>> replies = pool.invokeAll(twins);
        pool.shutdown();
        for (int p = 0; p < PAIRS; p++) {
            TestClient.Reply first = replies.get(2 * p).get();
            TestClient.Reply second = replies.get(2 * p + 1).get();
            assertEquals(201, first.status(), first::toString);
            assertEquals(first.body(), second.body(), "twins get the same answer");
        }
        assertEquals(before + PAIRS, headSeq(pair.seed()), PAIRS + " pairs post " + PAIRS + " entries");
        assertChainVerifies(pair.seed());
    }

    @Test
    void racingWithdrawalsNeverOverdrawAndTheChainHolds() throws Exception {
        Pair pair = guidanceAndSeed();
        String path = "/api/v1/funds/" + pair.seed() + "/distributions";
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Callable<TestClient.Reply>> withdrawals = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            withdrawals.add(() -> client.post(MANAGER, path, "{\"date\":\"2022-01-01\",\"amount\":\"700000.01\"}"));
        }
        int accepted = 0;
        for (Future<TestClient.Reply> reply : pool.invokeAll(withdrawals)) {
            int status = reply.get().status();
            assertTrue(status == 201 || status == 422, reply.get()::toString);
            accepted += status == 201 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(142, accepted, "100,000,000.00 of cash pays 142 withdrawals of 700,000.01");
        JsonNode metrics = ok(client.get(ADMIN, "/api/v1/funds/" + pair.seed() + "/metrics"), 200).json();
        assertEquals("599998.58", metrics.path("cash").asText());
        assertChainVerifies(pair.seed());
    }

    private void assertChainVerifies(String fund) {
        JsonNode verify = ok(client.get(AUDITOR, "/api/v1/journal/verify?fund=" + fund), 200).json();
        assertTrue(verify.path("ok").asBoolean(), verify::toString);
    }
}
