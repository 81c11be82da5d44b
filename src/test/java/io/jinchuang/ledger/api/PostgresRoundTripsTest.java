package io.jinchuang.ledger.api;

import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static io.jinchuang.ledger.db.Tables.COMPANY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.db.tables.records.AccountBalanceRecord;
import io.jinchuang.ledger.db.tables.records.CompanyRecord;
import io.jinchuang.ledger.journal.Accounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL every statement a posting waits for is a round trip, which wakes the
 * server's process and the service's thread; on two cores that cost more than the
 * statements. A posting sends its reads one by one (each decides what comes next) and then
 * its writes and its commit together. The service talks to the database through a relay
 * that counts the round trips.
 */
class PostgresRoundTripsTest extends LedgerApiContract {
    private RoundTripCounter counter;

    @Override
    protected Map<String, String> database() {
        Map<String, String> database = new HashMap<>(TestDatabases.postgres());
        String url = database.get("ledger.db.url");
        Matcher hostPort = Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
        assertTrue(hostPort.find(), url);
        try {
            counter = new RoundTripCounter(hostPort.group(1), Integer.parseInt(hostPort.group(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database.put("ledger.db.url", hostPort.replaceFirst("//127.0.0.1:" + counter.port() + "/"));
        return database;
    }

    @AfterAll
    void closeCounter() throws IOException {
        counter.close();
    }

    /**
     * Five each: an investment locks its fund, reads the company, the two balances it
     * changes (one query), the closed periods, then writes and commits; an exit reads its
     * three balances (one query) and whether anything is dated after it (one query for
     * investments and exits) instead of the company. They took 12 and 14 before the writes
     * went with the commit, the balances were read together, and a read stopped sending the
     * writes of rows it does not read. The fewest of ten, as the pool checks a connection
     * idle for half a second with a round trip of its own.
     */
    @Test
    void anInvestmentAndAnExitEachWaitForTheDatabaseFiveTimes() {
        String fund = createFund("VENTURE", "Demo Capital");
        partner(fund, "A", "LP", "100000000");
        call(fund, "2021-02-01", "A", "100000000");
        String company = company(1);
        invest(fund, company, "2021-03-01", "1000.00");
        exit(fund, company);
        long head = headSeq(fund);
        long fewestForInvestment = Long.MAX_VALUE;
        long fewestForExit = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            long before = counter.roundTrips();
            invest(fund, company, "2021-03-01", "1000.00");
            fewestForInvestment = Math.min(fewestForInvestment, counter.roundTrips() - before);
            before = counter.roundTrips();
            exit(fund, company);
            fewestForExit = Math.min(fewestForExit, counter.roundTrips() - before);
        }
        assertEquals(5, fewestForInvestment, "round trips of an investment");
        assertEquals(5, fewestForExit, "round trips of an exit");
        assertEquals(head + 20, headSeq(fund), "every posting is in the journal");
    }

    /**
     * The writes go with the commit, so the service cannot look at an update's count before
     * committing: an update of a row the transaction read divides by the rows it changed. A
     * row gone since it was read (the ledger deletes none; here a hand-made delete) fails the
     * transaction, and nothing of it is committed.
     */
    @Test
    void aRowGoneSinceItWasReadFailsTheTransactionAndCommitsNothing() throws SQLException {
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
        assertTrue(String.valueOf(failed.getMessage()).contains("division by zero"), failed::toString);
        assertEquals(0, (int) service.ledger().db.read(dsl -> dsl.fetchCount(COMPANY, COMPANY.CREDIT_CODE.eq(creditCode))),
                "the company written in the same transaction is not there");
        assertEquals(0, (int) service.ledger().db.read(dsl -> dsl.fetchCount(ACCOUNT_BALANCE,
                ACCOUNT_BALANCE.FUND_CODE.eq(fund).and(ACCOUNT_BALANCE.ACCOUNT.eq(Accounts.CASH)))),
                "and the update did not bring the row back");
    }

    private void exit(String fund, String company) {
        ok(client.post(ADMIN, "/api/v1/funds/" + fund + "/exits", """
                {"creditCode":"%s","date":"2021-06-30","type":"SHARE_TRANSFER","proceeds":"120.00",
                 "costReleased":"100.00"}""".formatted(company)), 201);
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
