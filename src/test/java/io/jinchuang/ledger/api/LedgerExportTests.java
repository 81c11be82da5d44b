package io.jinchuang.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jinchuang.ledger.bench.LedgerGenerator;
import io.jinchuang.ledger.export.LedgerJournal;
import io.jinchuang.ledger.export.LedgerTools;
import io.jinchuang.ledger.money.Money;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ledger/hledger export held against the service's own trial balances: a multi-fund
 * ledger over several years (a guidance fund and its sub-funds, investments, exits with
 * gains and losses, distributions, reversals) is exported, and {@code ledger balance} and
 * {@code hledger balance} must show, for every account of every fund, exactly what
 * GET /funds/{code}/balances shows on 31 December of each year: from the whole journal
 * (with --end) and from each year's export (opening balances, then the year).
 */
abstract class LedgerExportTests extends LedgerApiContract {
    private static final int FIRST_YEAR = 2019;
    private static final int YEARS = 3;

    @TempDir
    Path dir;

    @Test
    void ledgerAndHledgerShowTheServicesTrialBalanceOfEveryFundOnEvery31December() {
        LedgerTools.requireLedger();
        String prefix = code("EX") + "-";
        StringWriter csv = new StringWriter();
        new LedgerGenerator(csv, 12, YEARS, FIRST_YEAR, 2_400, 7, prefix).write();
        ok(client.postRaw(ADMIN, "/api/v1/imports", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv", null),
                201);
        reverseLast(prefix + "F1", "DISTRIBUTION"); // a sub-fund's: its guidance fund's side is reversed too
        reverseLast(prefix + "F2", "EXIT");
        reverseLast(prefix + "F3", "INVESTMENT");

        Path all = export(null, null);
        for (int year = FIRST_YEAR; year < FIRST_YEAR + YEARS; year++) {
            Map<String, BigDecimal> expected = serviceBalances(year, null);
            assertFalse(expected.isEmpty());
            String end = (year + 1) + "-01-01";
            assertEquals(expected, LedgerTools.ledgerBalances(all, end), "ledger, whole journal, end of " + year);
            Path oneYear = export(year, null);
            assertEquals(expected, LedgerTools.ledgerBalances(oneYear, null), "ledger, export of " + year);
            if (LedgerTools.HLEDGER) {
                assertEquals(expected, LedgerTools.hledgerBalances(all, end), "hledger, whole journal, end of " + year);
                assertEquals(expected, LedgerTools.hledgerBalances(oneYear, null), "hledger, export of " + year);
            }
        }
        String fund = prefix + "G0";
        Path guidance = export(FIRST_YEAR + 1, fund);
        assertEquals(serviceBalances(FIRST_YEAR + 1, fund), LedgerTools.ledgerBalances(guidance, null));
    }

    @Test
    void theFileSaysWhereEachEntryComesFromAndKeepsMemoEntriesAsComments() {
        Pair pair = guidanceAndSeed();
        String alpha = company(41);
        invest(pair.seed(), alpha, "2021-03-01", "1000000.10");
        StringWriter out = new StringWriter();
        service.ledger().db.read(dsl -> LedgerJournal.write(dsl, out, null, pair.seed(), Instant.EPOCH));
        String text = out.toString();
        JsonNode investment = client.get(ADMIN, "/api/v1/journal?fund=" + pair.seed() + "&afterSeq="
                + (headSeq(pair.seed()) - 1)).json().path("entries").get(0);
        assertTrue(text.contains("2021-03-01 * (" + pair.seed() + "/" + investment.path("seq").asLong()
                + ") INVESTMENT  ; hash: " + investment.path("hash").asText() + "\n"), text);
        assertTrue(text.contains("    " + pair.seed() + ":Assets:Investments:" + alpha + "  CNY 1000000.10\n"), text);
        assertTrue(text.contains("    " + pair.seed() + ":Assets:Cash  CNY -1000000.10\n"), text);
        assertTrue(text.contains("; 2021-01-01 (" + pair.seed() + "/1) FUND_OPENED (memo entry, no postings)"), text);
        assertTrue(text.contains("\ncommodity CNY\n    format CNY 1000.00\n"), text);
        assertFalse(text.contains(pair.guidance() + ":"), "--fund writes that fund only");
    }

    /** Reverses the fund's latest entry of that type. */
    private void reverseLast(String fund, String type) {
        JsonNode entries = ok(client.get(ADMIN, "/api/v1/journal?fund=" + fund + "&limit=1000"), 200).json()
                .path("entries");
        long seq = -1;
        for (JsonNode entry : entries) {
            if (entry.path("type").asText().equals(type)) {
                seq = entry.path("seq").asLong();
            }
        }
        assertTrue(seq > 0, () -> fund + " has no " + type);
        ok(client.post(ADMIN, "/api/v1/journal/" + fund + "/" + seq + "/reversal", """
                {"reason":"posted twice by mistake"}"""), 201);
    }

    private Path export(Integer year, String fund) {
        Path file = dir.resolve("journal-" + year + "-" + fund + ".ledger");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            service.ledger().db.read(dsl -> LedgerJournal.write(dsl, writer, year, fund, Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Every fund's (or one fund's) GET /balances on 31 December, as fund:account → balance. */
    private Map<String, BigDecimal> serviceBalances(int year, String only) {
        List<String> funds = new ArrayList<>();
        if (only != null) {
            funds.add(only);
        } else {
            ok(client.get(ADMIN, "/api/v1/funds"), 200).json().path("funds")
                    .forEach(f -> funds.add(f.path("code").asText()));
        }
        Map<String, BigDecimal> balances = new TreeMap<>();
        for (String fund : funds) {
            JsonNode body = ok(client.get(AUDITOR, "/api/v1/funds/" + fund + "/balances?asOf=" + year + "-12-31"), 200)
                    .json();
            body.path("accounts").forEach(a -> balances.put(fund + ":" + a.path("account").asText(),
                    Money.parse(a.path("balance").asText())));
        }
        return balances;
    }
}
