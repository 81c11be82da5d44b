package io.jinchuang.ledger.api;

import static io.jinchuang.ledger.api.ReconciliationSupport.fund;
import static io.jinchuang.ledger.api.ReconciliationSupport.reconcile;
import static io.jinchuang.ledger.api.ReconciliationSupport.row;
import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static io.jinchuang.ledger.db.Tables.CLOSED_PERIOD;
import static io.jinchuang.ledger.db.Tables.FUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.deals.NewInvestment;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.reconciliation.FiscalYear;
import io.jinchuang.ledger.reconciliation.PeriodClose;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * SPEC §7 period close, as one story on one ledger (a close cannot be undone, so the tests
 * build on each other, in order): the journal starts in 2021 (the funds' vintage).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PeriodCloseApiTests extends LedgerApiContract {
    private String fund;
    private String alpha;
    private long alphaSeq;

    @BeforeAll
    void ledger() {
        fund = createFund("SEED", "Demo Capital");
        partner(fund, "LP", "LP", "100000000");
        call(fund, "2021-02-01", "LP", "60000000");
        alpha = company(61);
        alphaSeq = investing(alpha, "2021-03-01", "10000000");
        investing(company(62), "2022-05-01", "5000000");
    }

    @Test
    @Order(1)
    void aYearCannotCloseWhileTheYearBeforeItIsOpenNorBeforeItHasEnded() {
        TestClient.Reply refused = client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2022,\"close\":true}");
        assertProblem(refused, 409, null);
        assertTrue(refused.json().path("detail").asText().contains("close 2021 first"), refused::toString);
        int thisYear = LocalDate.now(ZoneOffset.UTC).getYear();
        assertProblem(client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":" + thisYear + ",\"close\":true}"),
                422, "year");
        assertEquals(0, closedYears());
    }

    @Test
    @Order(2)
    void aYearWithDiscrepanciesIsNotClosed() {
        tamper("Assets:Cash", new BigDecimal("100.00"));
        try {
            JsonNode run = reconcile(client, AUDITOR, "{\"year\":2021,\"close\":true}");
            assertFalse(run.path("clean").asBoolean());
            assertFalse(run.path("closed").asBoolean());
            JsonNode close = run.path("report").path("close");
            assertTrue(close.path("requested").asBoolean());
            assertFalse(close.path("closed").asBoolean());
            assertTrue(close.path("detail").asText().startsWith("not closed"), close::toString);
            assertEquals(0, closedYears());
        } finally {
            tamper("Assets:Cash", new BigDecimal("-100.00"));
        }
    }

    @Test
    @Order(3)
    void aCleanYearClosesAndNothingMayBePostedInItAfterwards() {
        JsonNode run = reconcile(client, AUDITOR, "{\"year\":2021,\"close\":true}");
        assertTrue(run.path("clean").asBoolean(), run::toString);
        assertTrue(run.path("closed").asBoolean(), run::toString);
        assertTrue(run.path("report").path("close").path("closed").asBoolean());
        assertEquals(1, closedYears());

        String before = digest();
        TestClient.Reply late = client.post(MANAGER, "/api/v1/funds/" + fund + "/investments", """
                {"creditCode":"%s","date":"2021-06-01","amount":"1000"}""".formatted(alpha));
        assertProblem(late, 409, null);
        assertTrue(late.json().path("detail").asText().contains("period 2021 is closed"), late::toString);
        // every posting path: a fund opened in the closed year, a partner admitted on its vintage, a distribution
        assertProblem(client.post(ADMIN, "/api/v1/funds", """
                {"code":"%s","name":"Late","kind":"SEED","manager":"Demo Capital","vintage":"2021-12-31"}"""
                .formatted(code("LATE"))), 409, null);
        assertProblem(client.post(ADMIN, "/api/v1/funds/" + fund + "/partners", """
                {"partnerCode":"GP","name":"GP","role":"GP","committed":"1000000"}"""), 409, null);
        assertProblem(client.post(MANAGER, "/api/v1/funds/" + fund + "/distributions", """
                {"date":"2021-12-31","amount":"1"}"""), 409, null);
        assertEquals(before, digest(), "the refusals changed nothing");
        // the open year takes postings
        ok(client.post(ADMIN, "/api/v1/funds/" + fund + "/partners", """
                {"partnerCode":"GP","name":"GP","role":"GP","committed":"1000000","date":"2022-01-01"}"""), 201);
        call(fund, "2022-01-15", "GP", "1000000");
    }

    @Test
    @Order(4)
    void closingAYearTwiceIsAConflict() {
        TestClient.Reply again = client.post(AUDITOR, "/api/v1/reconciliations", "{\"year\":2021,\"close\":true}");
        assertProblem(again, 409, null);
        assertTrue(again.json().path("detail").asText().contains("2021 is already closed"), again::toString);
        // a report of a closed year may still be run, and says the year is closed
        JsonNode run = reconcile(client, ADMIN, "{\"year\":2021}");
        assertTrue(run.path("report").path("close").path("closed").asBoolean());
        assertEquals(1, closedYears());
    }

    @Test
    @Order(5)
    void aReversalOfAnEntryInAClosedYearIsPostedInTheOpenYear() {
        JsonNode reversal = ok(client.post(MANAGER, "/api/v1/journal/" + fund + "/" + alphaSeq + "/reversal",
                "{\"reason\":\"invested by another fund\"}"), 201).json();
        assertEquals("2022-01-01", reversal.path("date").asText());
        assertEquals(alphaSeq, reversal.path("reversesSeq").asLong());
        // the closed year's books stand as they were; the open year's no longer hold alpha
        JsonNode closedBooks = ok(client.get(AUDITOR, "/api/v1/funds/" + fund + "/positions?asOf=2021-12-31"), 200)
                .json();
        assertEquals("10000000.00", row(closedBooks.path("positions"), "holding", alpha).path("invested").asText());
        JsonNode openBooks = ok(client.get(AUDITOR, "/api/v1/funds/" + fund + "/positions?asOf=2022-01-01"), 200)
                .json();
        assertFalse(openBooks.path("positions").toString().contains(alpha), openBooks::toString);
    }

    @Test
    @Order(6)
    void theNextYearClosesWithTheReversalAsItsAdjustment() {
        JsonNode run = reconcile(client, ADMIN, "{\"year\":2022,\"close\":true}");
        assertTrue(run.path("closed").asBoolean(), run::toString);
        JsonNode a = row(fund(run, fund).path("rollForward"), "holding", alpha);
        assertEquals("10000000.00", a.path("opening").asText());
        assertEquals("-10000000.00", a.path("reversals").asText());
        assertEquals("0.00", a.path("closing").asText());
        assertTrue(a.path("agrees").asBoolean());
        assertEquals(2, closedYears());
    }

    @Test
    @Order(7)
    void aPostingInFlightWhenTheCloseStartsIsSeenAndTheCloseRefused() throws Exception {
        Ledger ledger = service.ledger();
        Map<String, Long> heads = heads(ledger);
        CountDownLatch posted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> posting = CompletableFuture.runAsync(() -> ledger.db.write(tx -> {
            ledger.investments.invest(tx, fund, investment("2023-07-01"), Actor.system("test"));
            posted.countDown();
            await(release);
            return null;
        }));
        assertTrue(posted.await(10, TimeUnit.SECONDS));
        CompletableFuture<PeriodClose.Closed> closing = CompletableFuture.supplyAsync(() -> ledger.db.write(tx ->
                PeriodClose.close(tx, new FiscalYear(2023), today(), heads, "test", "run-1", Instant.now())));
        assertStillWaiting(closing);
        release.countDown();
        posting.get(10, TimeUnit.SECONDS);
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> closing.get(10, TimeUnit.SECONDS));
        Rejection rejection = assertInstanceOf(Rejection.class, refused.getCause());
        assertEquals(Rejection.Kind.CONFLICT, rejection.kind());
        assertTrue(rejection.getMessage().contains("while the batch ran"), rejection.getMessage());
        assertEquals(2, closedYears());
    }

    @Test
    @Order(8)
    void aPostingThatWaitsForTheCloseFindsItsYearClosed() throws Exception {
        Ledger ledger = service.ledger();
        Map<String, Long> heads = heads(ledger);
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> ledger.db.write(tx -> {
            PeriodClose.close(tx, new FiscalYear(2023), today(), heads, "test", "run-2", Instant.now());
            closed.countDown();
            await(release);
            return null;
        }));
        assertTrue(closed.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> posting = CompletableFuture.runAsync(() -> ledger.db.write(tx -> {
            ledger.investments.invest(tx, fund, investment("2023-08-01"), Actor.system("test"));
            return null;
        }));
        assertStillWaiting(posting);
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> posting.get(10, TimeUnit.SECONDS));
        Rejection rejection = assertInstanceOf(Rejection.class, refused.getCause());
        assertEquals(Rejection.Kind.CONFLICT, rejection.kind());
        assertTrue(rejection.getMessage().contains("period 2023 is closed"), rejection.getMessage());
        assertEquals(3, closedYears());
    }

    private NewInvestment investment(String date) {
        return new NewInvestment(alpha, LocalDate.parse(date), Money.of("1.00"), null, null, null, null, false);
    }

    private static Map<String, Long> heads(Ledger ledger) {
        Map<String, Long> heads = new HashMap<>();
        ledger.db.read(dsl -> dsl.select(FUND.CODE, FUND.HEAD_SEQ).from(FUND).fetch())
                .forEach(r -> heads.put(r.value1(), r.value2()));
        return heads;
    }

    private static void assertStillWaiting(CompletableFuture<?> future) throws Exception {
        try {
            future.get(500, TimeUnit.MILLISECONDS);
            throw new AssertionError("it should wait for the other transaction's lock");
        } catch (TimeoutException expected) {
            // waiting on the lock, as it should
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private int closedYears() {
        return service.ledger().db.read(dsl -> dsl.fetchCount(CLOSED_PERIOD));
    }

    private long investing(String creditCode, String date, String amount) {
        return ok(client.post(MANAGER, "/api/v1/funds/" + fund + "/investments", """
                {"creditCode":"%s","date":"%s","amount":"%s"}""".formatted(creditCode, date, amount)), 201)
                .json().path("seq").asLong();
    }

    private void tamper(String account, BigDecimal delta) {
        service.ledger().db.dsl().transaction(c -> assertEquals(1, c.dsl().update(ACCOUNT_BALANCE)
                .set(ACCOUNT_BALANCE.BALANCE, ACCOUNT_BALANCE.BALANCE.plus(delta))
                .where(ACCOUNT_BALANCE.FUND_CODE.eq(fund).and(ACCOUNT_BALANCE.ACCOUNT.eq(account))).execute()));
    }
}
