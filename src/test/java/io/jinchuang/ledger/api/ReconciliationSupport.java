package io.jinchuang.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Runs the year-end batch over HTTP and waits for it, for the reconciliation suites. */
final class ReconciliationSupport {
    private static final Duration WAIT_MAX = Duration.ofSeconds(120);

    private ReconciliationSupport() {}

    /** POSTs the run (202), then GETs it until it is no longer RUNNING; returns the last GET's body. */
    static JsonNode reconcile(TestClient client, String token, String body) {
        TestClient.Reply started = client.post(token, "/api/v1/reconciliations", body);
        assertEquals(202, started.status(), started::toString);
        return await(client, started.json().path("href").asText());
    }

    static JsonNode await(TestClient client, String href) {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (true) {
            TestClient.Reply reply = client.get(LedgerApiContract.COMPLIANCE, href);
            assertEquals(200, reply.status(), reply::toString);
            JsonNode run = reply.json();
            if (!run.path("status").asText().equals("RUNNING")) {
                assertEquals("COMPLETE", run.path("status").asText(), run::toString);
                return run;
            }
            assertTrue(System.nanoTime() < deadline, "the run did not finish in time");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static JsonNode fund(JsonNode run, String code) {
        for (JsonNode fund : run.path("report").path("funds")) {
            if (fund.path("fund").asText().equals(code)) {
                return fund;
            }
        }
        throw new AssertionError("no fund " + code + " in the report");
    }

    /** The row of a list whose {@code key} field is {@code value}. */
    static JsonNode row(JsonNode list, String key, String value) {
        for (JsonNode row : list) {
            if (row.path(key).asText().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + key + "=" + value + " in " + list);
    }
}
