package io.jinchuang.ledger.api;

import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static io.jinchuang.ledger.db.Tables.COMPANY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jinchuang.ledger.db.tables.records.AccountBalanceRecord;
import io.jinchuang.ledger.db.tables.records.CompanyRecord;
import io.jinchuang.ledger.journal.Accounts;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** The API suite: the same tests run on H2 and on PostgreSQL (see the two subclasses). */
abstract class LedgerApiTests extends LedgerApiContract {

    @Test
    void freeTextLongerThanItsColumnIs422NotA500() {
        Pair pair = guidanceAndSeed();
        String alpha = company(3);
        String before = digest();
        assertProblem(client.post(MANAGER, "/api/v1/funds/" + pair.seed() + "/investments", """
                {"creditCode":"%s","date":"2021-03-01","amount":"1","round":"%s"}""".formatted(alpha, "R".repeat(51))),
                422, "round");
        assertProblem(client.post(ADMIN, "/api/v1/companies", """
                {"creditCode":"91350100M000100Y43","name":"n","sector":"%s"}""".formatted("s".repeat(101))), 422,
                "sector");
        assertEquals(before, digest());
    }

    @Test
    void aFundManagerPostsEveryKindOfDealAndSeesPositionsAndMetrics() {
        Pair pair = guidanceAndSeed();
        String seed = pair.seed();
        String alpha = company(1);
        String beta = company(2);
        invest(seed, alpha, "2021-03-01", "10000000");
        invest(seed, beta, "2021-04-01", "5000000.50");
        ok(client.post(MANAGER, "/api/v1/funds/" + seed + "/monitoring-reports", """
                {"creditCode":"%s","date":"2021-09-01","reportRef":"MR-1"}""".formatted(alpha)), 201);
        ok(client.post(MANAGER, "/api/v1/funds/" + seed + "/valuations", """
                {"creditCode":"%s","date":"2022-12-31","fairValue":"12000000"}""".formatted(alpha)), 201);
        JsonNode exit = ok(client.post(MANAGER, "/api/v1/funds/" + seed + "/exits", """
                {"creditCode":"%s","date":"2023-06-30","type":"WRITE_OFF","proceeds":"0","reference":"BANK-77"}
                """.formatted(beta)), 201).json();
        assertEquals("EXIT", exit.path("type").asText());
        assertEquals("BANK-77", exit.path("reference").asText());
        ok(client.post(MANAGER, "/api/v1/funds/" + seed + "/distributions", """
                {"date":"2023-12-31","amount":"10000000"}"""), 201);

        JsonNode positions = ok(client.get(COMPLIANCE, "/api/v1/funds/" + seed + "/positions?asOf=2023-12-31"), 200).json();
        Map<String, JsonNode> byHolding = new HashMap<>();
        positions.path("positions").forEach(p -> byHolding.put(p.path("holding").asText(), p));
        assertEquals("HELD", byHolding.get(alpha).path("state").asText());
        assertEquals("12000000.00", byHolding.get(alpha).path("fairValue").asText());
        assertEquals("FAILED", byHolding.get(beta).path("state").asText());
        assertEquals("5000000.50", byHolding.get(beta).path("invested").asText());
        assertEquals("0.00", byHolding.get(beta).path("costRemaining").asText());

        JsonNode metrics = ok(client.get(AUDITOR, "/api/v1/funds/" + seed + "/metrics?asOf=2023-12-31"), 200).json();
        assertEquals("100000000.00", metrics.path("paidIn").asText());
        assertEquals("10000000.00", metrics.path("distributed").asText());
        // cash: 100,000,000 − 10,000,000 − 5,000,000.50 − 10,000,000 = 74,999,999.50
        assertEquals("74999999.50", metrics.path("cash").asText());
        assertEquals("86999999.50", metrics.path("nav").asText());
        assertEquals("0.1000", metrics.path("dpi").asText());
        assertEquals("0.8700", metrics.path("rvpi").asText());
        assertEquals("0.9700", metrics.path("tvpi").asText());
        assertTrue(metrics.path("xirr").asText().startsWith("-0.0"), metrics::toString);

        // asOf before the write-off: beta is still held at cost
        JsonNode earlier = ok(client.get(COMPLIANCE, "/api/v1/funds/" + seed + "/positions?asOf=2022-01-01"), 200).json();
        earlier.path("positions").forEach(p -> assertEquals("HELD", p.path("state").asText()));
    }

    @Test
    void aGuidancePartnersCapitalCallShowsInTheGuidanceFundsOwnBooks() {
        Pair pair = guidanceAndSeed();
        String other = createFund("ANGEL", "Demo Capital");
        String before = digest();
        assertProblem(client.post(ADMIN, "/api/v1/funds/" + other + "/partners", """
                {"partnerCode":"%s","name":"Guidance as LP","role":"LP","committed":"1000000"}"""
                .formatted(pair.guidance())), 422, "role");
        assertEquals(before, digest(), "a guidance fund is a partner only as GUIDANCE");
        // a manager takes another manager's guidance fund as partner: its calls would draw that fund's cash
        assertProblem(client.post(MANAGER, "/api/v1/funds/" + other + "/partners", """
                {"partnerCode":"%s","name":"Province's fund","role":"GUIDANCE","committed":"1000000"}"""
                .formatted(pair.guidance())), 403, null);
        assertEquals(before, digest(), "refused: the guidance fund is Province's");
        JsonNode positions = ok(client.get(ADMIN, "/api/v1/funds/" + pair.guidance() + "/positions"), 200).json();
        JsonNode stake = positions.path("positions").get(0);
        assertEquals(pair.seed(), stake.path("holding").asText());
        assertEquals("FUND", stake.path("kind").asText());
        assertEquals("30000000.00", stake.path("invested").asText());
        JsonNode balances = ok(client.get(ADMIN, "/api/v1/funds/" + pair.guidance() + "/balances"), 200).json();
        Map<String, String> accounts = new HashMap<>();
        balances.path("accounts").forEach(a -> accounts.put(a.path("account").asText(), a.path("balance").asText()));
        assertEquals("170000000.00", accounts.get("Assets:Cash"));
        assertEquals("30000000.00", accounts.get("Assets:FundInvestments:" + pair.seed()));
        assertEquals("-200000000.00", accounts.get("Equity:PaidIn:TREASURY"));

        // a distribution pays the guidance fund its share, into its own cash
        ok(client.post(MANAGER, "/api/v1/funds/" + pair.seed() + "/distributions", """
                {"date":"2022-01-01","amount":"1000000"}"""), 201);
        JsonNode after = ok(client.get(ADMIN, "/api/v1/funds/" + pair.guidance() + "/positions"), 200).json();
        assertEquals("300000.00", after.path("positions").get(0).path("proceeds").asText());
        JsonNode journal = ok(client.get(ADMIN, "/api/v1/journal?fund=" + pair.guidance()), 200).json();
        JsonNode last = journal.path("entries").get(journal.path("entries").size() - 1);
        assertEquals("SUBFUND_DISTRIBUTION", last.path("type").asText());
        assertEquals(pair.seed(), last.path("link").path("fund").asText());
    }

    @Test
    void everyBadRequestGetsAPreciseProblemAndChangesNothing() {
        Pair pair = guidanceAndSeed();
        String seed = pair.seed();
        String alpha = company(3);
        invest(seed, alpha, "2021-03-01", "1000000");
        String before = digest();
        String investments = "/api/v1/funds/" + seed + "/investments";
        String valid = "{\"creditCode\":\"%s\",\"date\":\"2021-05-01\",\"amount\":%s}";
        assertProblem(client.post(MANAGER, investments, valid.formatted("9144030071526726XH", "\"1.00\"")), 422, "creditCode");
        assertProblem(client.post(MANAGER, investments, valid.formatted(alpha, "\"1.005\"")), 422, "amount");
        assertProblem(client.post(MANAGER, investments, valid.formatted(alpha, "1e5")), 422, "amount");
        assertProblem(client.post(MANAGER, investments, valid.formatted(alpha, "\"-5.00\"")), 422, "amount");
        assertProblem(client.post(MANAGER, investments, valid.formatted(alpha, "0")), 422, "amount");
        assertProblem(client.post(MANAGER, investments, valid.formatted(alpha, "123456789012345678")), 422, "amount");
        assertProblem(client.post(MANAGER, investments, valid.formatted(alpha, "9".repeat(70_000))), 422, "amount");
        assertProblem(client.post(MANAGER, investments, valid.formatted(alpha, "1." + "0".repeat(300))), 422, "amount");
        assertProblem(client.post(MANAGER, investments, """
                {"creditCode":"%s","date":"2021-05-01","amount":"1","reference":"%s"}""".formatted(alpha,
                "R".repeat(100_000))), 422, "reference");
        assertProblem(client.post(MANAGER, investments, valid.formatted(alpha, "true")), 422, "amount");
        assertProblem(client.post(MANAGER, investments, """
                {"creditCode":"%s","date":"2025-02-30","amount":"1"}""".formatted(alpha)), 422, "date");
        assertProblem(client.post(MANAGER, investments, """
                {"creditCode":"%s","date":"2021-05-01","amount":"1","colour":"red"}""".formatted(alpha)), 422, "colour");
        // a name that would display reversed (a bidirectional override), or with an unpaired surrogate
        assertProblem(client.post(ADMIN, "/api/v1/companies", """
                {"creditCode":"%s","name":"ACME\\u202Egnp.exe","sector":"tech"}""".formatted(alpha)), 422, "name");
        assertProblem(client.post(ADMIN, "/api/v1/companies", """
                {"creditCode":"%s","name":"ACME \\ud800","sector":"tech"}""".formatted(alpha)), 422, "name");
        assertProblem(client.post(MANAGER, investments, "{\"creditCode\":"), 400, null);
        assertProblem(client.post(MANAGER, investments, "[1,2]"), 400, null);
        assertProblem(client.postRaw(MANAGER, investments, valid.formatted(alpha, "1").getBytes(), "text/plain", null),
                400, null);
        assertProblem(client.post(MANAGER, investments, "{\"a\":1,\"a\":2}"), 400, null);
        assertProblem(client.post(MANAGER, investments, "{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}"), 400, null);
        // rules broken by valid JSON
        assertProblem(client.post(MANAGER, investments, valid.formatted(alpha, "\"999999999\"")), 422, "amount");
        assertProblem(client.post(MANAGER, "/api/v1/funds/" + seed + "/exits", """
                {"creditCode":"%s","date":"2022-01-01","type":"SHARE_TRANSFER","proceeds":"5","costReleased":"1000000.01"}
                """.formatted(alpha)), 422, "costReleased");
        assertProblem(client.post(ADMIN, "/api/v1/funds/" + seed + "/capital-calls", """
                {"date":"2021-06-01","contributions":[{"partnerCode":"A","amount":"0.01"}]}"""), 422,
                "contributions[0].amount");
        assertProblem(client.post(ADMIN, "/api/v1/funds/" + seed + "/capital-calls", """
                {"date":"2021-06-01","contributions":[{"partnerCode":"NOBODY","amount":"1"}]}"""), 422,
                "contributions[0].partnerCode");
        assertProblem(client.post(MANAGER, "/api/v1/funds/" + seed + "/distributions", """
                {"date":"2021-06-01","amount":"99000001"}"""), 422, "amount");
        assertProblem(client.post(ADMIN, "/api/v1/funds", """
                {"code":"%s","name":"dup","kind":"SEED","manager":"Demo Capital","vintage":"2021-01-01"}
                """.formatted(seed)), 409, null);
        assertProblem(client.post(ADMIN, "/api/v1/funds", """
                {"code":"bad code","name":"x\\u0007","kind":"PRIVATE","manager":"M","vintage":"2021-13-01"}"""), 422, "code");
        assertProblem(client.get(ADMIN, "/api/v1/funds/NO-SUCH-FUND"), 404, null);
        assertProblem(client.get(ADMIN, "/api/v1/funds/" + seed + "/positions?asOf=2021-02-29"), 422, "asOf");
        assertProblem(client.get(ADMIN, "/api/v1/journal?limit=100000"), 422, "limit");
        assertProblem(client.get(ADMIN, "/api/v1/journal?fund=" + seed + "&bogus=1"), 422, "bogus");
        assertProblem(client.get(ADMIN, "/api/v1/no-such-route"), 404, null);
        assertProblem(client.getRaw(ADMIN, "/api/v1/journal?fund=%"), 400, null);
        assertProblem(client.getRaw(ADMIN, "/api/v1/funds/" + seed + "/positions?asOf=%zz"), 400, null);
        assertProblem(client.getRaw(null, "/api/v1/funds/" + seed + "/positions?as%G1Of=1"), 400, null);
        assertEquals(before, digest(), "a refused request changed the ledger");
    }

    @Test
    void aSumBeyondSeventeenIntegerDigitsIsRefusedNotAFailure() {
        String fund = createFund("VENTURE", "Demo Capital");
        String largest = "99999999999999999.99"; // the largest amount: 17 integer digits
        partner(fund, "A", "LP", largest);
        partner(fund, "B", "LP", largest);
        String before = digest();
        assertProblem(client.post(ADMIN, "/api/v1/funds/" + fund + "/capital-calls", """
                {"date":"2021-06-01","contributions":[{"partnerCode":"A","amount":"%s"},
                 {"partnerCode":"B","amount":"%s"}]}""".formatted(largest, largest)), 422, "amount");
        assertEquals(before, digest(), "the refused call changed the ledger");
        call(fund, "2021-06-01", "A", largest); // the cash balance is now the largest amount kept
        String full = digest();
        assertProblem(client.post(ADMIN, "/api/v1/funds/" + fund + "/capital-calls", """
                {"date":"2021-06-02","contributions":[{"partnerCode":"B","amount":"0.01"}]}"""), 422, "amount");
        assertEquals(full, digest(), "the refused call changed the ledger");
    }

    @Test
    void aPostingThatWaitsTooLongForItsFundsLockIs503AndChangesNothing() throws Exception {
        String fund = createFund("VENTURE", "Demo Capital");
        partner(fund, "LP", "LP", "1000000");
        String before = digest();
        var locked = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> service.ledger().db.write(tx -> {
            io.jinchuang.ledger.journal.Journal.lockFund(tx, fund); // as a long import or a year-end close holds it
            locked.countDown();
            try {
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        try {
            assertTrue(locked.await(30, java.util.concurrent.TimeUnit.SECONDS));
            // the wait ends after limits.statement-timeout-seconds (10 s) on both databases, as "try again"
            assertProblem(client.post(ADMIN, "/api/v1/funds/" + fund + "/capital-calls", """
                    {"date":"2021-06-01","contributions":[{"partnerCode":"LP","amount":"1000"}]}"""), 503, null);
        } finally {
            release.countDown();
            holder.join(60_000);
        }
        assertEquals(before, digest());
    }

    @Test
    void aBodyAboveOneMebibyteIs413() {
        String fund = createFund("SEED", "Demo Capital");
        String before = digest();
        TestClient.Reply reply = client.postAnnouncing(ADMIN, "/api/v1/journal/" + fund + "/1/reversal", 1024 * 1024 + 1);
        assertProblem(reply, 413, null);
        assertEquals(before, digest());
    }

    @Test
    void tokensAndRolesDecideWhoMayDoWhat() {
        Pair pair = guidanceAndSeed();
        String fundPath = "/api/v1/funds/" + pair.seed();
        assertProblem(client.get(null, fundPath), 401, null);
        assertProblem(client.get("forged-token", fundPath), 401, null);
        assertEquals(200, client.getAuthorized("bearer " + ADMIN, fundPath).status(), "the scheme is case-insensitive");
        assertProblem(client.getAuthorized("Basic " + ADMIN, fundPath), 401, null);
        assertProblem(client.get(otherManager, fundPath), 403, null);
        assertProblem(client.post(otherManager, fundPath + "/valuations", "{}"), 403, null);
        for (String read : List.of("/positions", "/metrics", "/balances", "/tolerance", "/exemption-report")) {
            assertProblem(client.get(otherManager, fundPath + read + "?asOf=2025-02-30"), 403, null); // not a 422 first
        }
        assertProblem(client.post(COMPLIANCE, fundPath + "/distributions", """
                {"date":"2022-01-01","amount":"1"}"""), 403, null);
        assertProblem(client.post(AUDITOR, "/api/v1/companies", """
                {"creditCode":"9144030071526726XG","name":"n","sector":"s"}"""), 403, null);
        ok(client.get(COMPLIANCE, fundPath), 200);
        ok(client.get(AUDITOR, fundPath + "/metrics"), 200);
        ok(client.get(MANAGER, fundPath + "/balances"), 200);
        JsonNode visible = ok(client.get(otherManager, "/api/v1/funds"), 200).json();
        visible.path("funds").forEach(f -> assertEquals("Other Capital", f.path("manager").asText()));
        assertProblem(client.post(MANAGER, "/api/v1/funds", """
                {"code":"%s","name":"n","kind":"SEED","manager":"Someone Else","vintage":"2021-01-01"}
                """.formatted(code("X"))), 403, null);
    }

    @Test
    void aRetriedPostNeverPostsTwice() throws Exception {
        Pair pair = guidanceAndSeed();
        String alpha = company(4);
        String path = "/api/v1/funds/" + pair.seed() + "/investments";
        String body = """
                {"creditCode":"%s","date":"2021-05-01","amount":"1000"}""".formatted(alpha);
        long before = headSeq(pair.seed());
        TestClient.Reply first = ok(client.post(MANAGER, path, body, "key-1"), 201);
        TestClient.Reply again = ok(client.post(MANAGER, path, body, "key-1"), 201);
        assertEquals(first.body(), again.body());
        assertEquals(before + 1, headSeq(pair.seed()));
        assertProblem(client.post(MANAGER, path, body.replace("1000", "2000"), "key-1"), 422, "Idempotency-Key");
        assertEquals(before + 1, headSeq(pair.seed()));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<TestClient.Reply>> racers = new ArrayList<>();
            for (int pairNo = 0; pairNo < 20; pairNo++) {
                String key = "race-" + pairNo;
                for (int twin = 0; twin < 2; twin++) {
                    racers.add(() -> client.post(MANAGER, path, body, key));
                }
            }
            for (Future<TestClient.Reply> reply : pool.invokeAll(racers)) {
                assertEquals(201, reply.get().status(), reply.get()::toString);
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(before + 21, headSeq(pair.seed()));
    }

    @Test
    void concurrentPostingsKeepTheChainAndCashNeverGoesNegative() throws Exception {
        Pair pair = guidanceAndSeed();
        String path = "/api/v1/funds/" + pair.seed() + "/distributions";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int accepted = 0;
        try {
            List<Callable<TestClient.Reply>> withdrawals = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                withdrawals.add(() -> client.post(MANAGER, path, """
                        {"date":"2022-01-01","amount":"3000000"}"""));
            }
            for (Future<TestClient.Reply> reply : pool.invokeAll(withdrawals)) {
                int status = reply.get().status();
                assertTrue(status == 201 || status == 422, reply.get()::toString);
                accepted += status == 201 ? 1 : 0;
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(33, accepted, "100,000,000 of cash pays 33 withdrawals of 3,000,000");
        JsonNode metrics = ok(client.get(ADMIN, "/api/v1/funds/" + pair.seed() + "/metrics"), 200).json();
        assertEquals("1000000.00", metrics.path("cash").asText());
        JsonNode verify = ok(client.get(ADMIN, "/api/v1/journal/verify?fund=" + pair.seed()), 200).json();
        assertTrue(verify.path("ok").asBoolean(), verify::toString);
    }

    @Test
    void aReversalCorrectsAnEntryOnBothSidesAndCannotBeRepeated() {
        Pair pair = guidanceAndSeed();
        String alpha = company(5);
        invest(pair.seed(), alpha, "2021-03-01", "2000000");
        long seq = headSeq(pair.seed());
        JsonNode reversal = ok(client.post(MANAGER, "/api/v1/journal/" + pair.seed() + "/" + seq + "/reversal",
                "{\"reason\":\"posted to the wrong fund\"}"), 201).json();
        assertEquals("REVERSAL", reversal.path("type").asText());
        assertEquals(seq, reversal.path("reversesSeq").asLong());
        JsonNode positions = ok(client.get(ADMIN, "/api/v1/funds/" + pair.seed() + "/positions"), 200).json();
        assertEquals(0, positions.path("positions").size());
        assertProblem(client.post(MANAGER, "/api/v1/journal/" + pair.seed() + "/" + seq + "/reversal",
                "{\"reason\":\"again\"}"), 409, null);
        assertProblem(client.post(MANAGER, "/api/v1/journal/" + pair.seed() + "/" + (seq + 1) + "/reversal",
                "{\"reason\":\"reverse the reversal\"}"), 409, null);
        assertProblem(client.post(MANAGER, "/api/v1/journal/" + pair.seed() + "/999/reversal",
                "{\"reason\":\"nothing there\"}"), 404, null);

        // the capital call's reversal also reverses the guidance fund's side of it
        JsonNode guidanceBefore = ok(client.get(ADMIN, "/api/v1/funds/" + pair.guidance() + "/metrics"), 200).json();
        ok(client.post(ADMIN, "/api/v1/journal/" + pair.seed() + "/5/reversal", "{\"reason\":\"wrong amounts\"}"), 201);
        JsonNode guidanceAfter = ok(client.get(ADMIN, "/api/v1/funds/" + pair.guidance() + "/metrics"), 200).json();
        assertNotEquals(guidanceBefore.path("cash").asText(), guidanceAfter.path("cash").asText());
        assertEquals("200000000.00", guidanceAfter.path("cash").asText());
        assertTrue(ok(client.get(ADMIN, "/api/v1/journal/verify"), 200).json().path("ok").asBoolean());
    }

    @Test
    void theJournalPagesThroughEntriesWithTheirHashes() {
        Pair pair = guidanceAndSeed();
        JsonNode first = ok(client.get(AUDITOR, "/api/v1/journal?fund=" + pair.seed() + "&limit=2"), 200).json();
        assertEquals(2, first.path("entries").size());
        assertEquals(2, first.path("nextAfterSeq").asLong());
        JsonNode e1 = first.path("entries").get(0);
        assertEquals("FUND_OPENED", e1.path("type").asText());
        assertEquals("0".repeat(64), e1.path("prevHash").asText());
        assertEquals(e1.path("hash").asText(), first.path("entries").get(1).path("prevHash").asText());
        JsonNode rest = ok(client.get(AUDITOR, "/api/v1/journal?fund=" + pair.seed() + "&afterSeq=2"), 200).json();
        assertTrue(rest.path("nextAfterSeq").isNull());
        JsonNode call = rest.path("entries").get(rest.path("entries").size() - 1);
        assertEquals("CAPITAL_CALL", call.path("type").asText());
        assertEquals("100000000.00", call.path("lines").get(0).path("debit").asText());
    }

    @Test
    void operationsEndpointsAnswer() {
        TestClient.Reply health = ok(client.get(null, "/health"), 200);
        assertEquals("UP", health.json().path("database").asText());
        createFund("ANGEL", "Demo Capital");
        TestClient.Reply metrics = ok(client.get(null, "/metrics"), 200);
        assertTrue(metrics.body().contains("http_server_requests_seconds_count"), "request counts");
        assertTrue(metrics.body().contains("ledger_entries_posted_total"), "entries posted");
        assertTrue(metrics.body().contains("hikaricp_connections"), "pool usage");
        assertTrue(health.headers().containsKey("x-request-id"), "every response names its request id");
        ok(client.get(null, "/openapi.json"), 200);
        TestClient.Reply docs = ok(client.get(null, "/docs"), 200);
        assertTrue(docs.body().contains("swagger-ui-bundle.js"));
        ok(client.get(null, "/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js"), 200);
    }

    /**
     * A row the transaction read and then changes must still be there when its writes go:
     * the ledger deletes none, so a row gone (here a hand-made delete) fails the transaction
     * and nothing of it is committed, rather than the row coming back from a stale read. On
     * PostgreSQL the writes go with the commit, so the update itself fails (it divides by the
     * rows it changed: SQLSTATE 22012); on H2 the count it answers is checked before the commit.
     */
    @Test
    void aRowGoneSinceItWasReadFailsTheTransactionAndCommitsNothing() {
        String fund = createFund("VENTURE", "Demo Capital");
        partner(fund, "A", "LP", "1000000");
        call(fund, "2021-02-01", "A", "1000000");
        String creditCode = "91140000MA0RTRIP1X";
        RuntimeException failed = assertThrows(RuntimeException.class, () -> service.ledger().db.write(tx -> {
            AccountBalanceRecord cash = tx.find(ACCOUNT_BALANCE, fund, Accounts.CASH);
            assertNotNull(cash, "the call put cash on the books");
            deleteCashBalance(fund);
            cash.setBalance(cash.getBalance().add(BigDecimal.ONE));
            tx.upsert(cash);
            CompanyRecord company = tx.dsl().newRecord(COMPANY);
            company.setCreditCode(creditCode);
            company.setName("Written with the vanished row");
            company.setSector("tech");
            company.setCreatedAt(OffsetDateTime.now());
            tx.insert(company);
            return null;
        }));
        if (service.ledger().db.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
            assertEquals("22012", assertInstanceOf(DataAccessException.class, failed).sqlState(), failed::toString);
        } else {
            assertTrue(failed.getMessage().contains("is gone"), failed::toString);
        }
        assertEquals(0, (int) service.ledger().db.read(dsl -> dsl.fetchCount(COMPANY, COMPANY.CREDIT_CODE.eq(creditCode))),
                "the company written in the same transaction is not there");
        assertEquals(0, (int) service.ledger().db.read(dsl -> dsl.fetchCount(ACCOUNT_BALANCE,
                ACCOUNT_BALANCE.FUND_CODE.eq(fund).and(ACCOUNT_BALANCE.ACCOUNT.eq(Accounts.CASH)))),
                "and the update did not bring the row back");
    }

    /** Deletes the fund's cash balance behind the service's back, on a connection of its own. */
    private void deleteCashBalance(String fund) {
        try (Connection connection = service.ledger().db.dataSource().getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM account_balance WHERE fund_code = ? AND account = ?")) {
            delete.setString(1, fund);
            delete.setString(2, Accounts.CASH);
            assertEquals(1, delete.executeUpdate());
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
