package io.jinchuang.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    private void exit(String fund, String company) {
        ok(client.post(ADMIN, "/api/v1/funds/" + fund + "/exits", """
                {"creditCode":"%s","date":"2021-06-30","type":"SHARE_TRANSFER","proceeds":"120.00",
                 "costReleased":"100.00"}""".formatted(company)), 201);
    }
}
