package io.jinchuang.ledger.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jinchuang.ledger.money.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatementMatcherTest {
    private static CashMovement cash(long seq, String date, String amount, String reference) {
        return new CashMovement(seq, LocalDate.parse(date), Money.of(amount), reference, "INVESTMENT", null);
    }

    private static CashMovement reversal(long seq, String date, String amount, String reference, long reverses) {
        return new CashMovement(seq, LocalDate.parse(date), Money.of(amount), reference, "REVERSAL", reverses);
    }

    private static StatementLine line(int no, String date, String amount, String reference) {
        return new StatementLine(no, LocalDate.parse(date), Money.of(amount), reference);
    }

    @Test
    void byReferenceThenByAmountWithinThreeDaysAndWhatIsLeftOnEachSide() {
        List<CashMovement> ledger = List.of(
                cash(3, "2025-03-01", "-5000000.00", "ICBC-001"),   // by reference, though the bank booked it later
                cash(4, "2025-04-10", "2000000.00", null),          // by amount, 3 days apart
                cash(5, "2025-05-20", "-700000.00", null));         // nothing on the statement
        List<StatementLine> statement = List.of(
                line(1, "2025-03-09", "-5000000.00", "ICBC-001"),
                line(2, "2025-04-13", "2000000.00", ""),
                line(3, "2025-06-30", "123.45", "FEE"));          // nothing in the ledger
        StatementMatcher.Result result = StatementMatcher.match(ledger, statement);
        assertEquals(2, result.matches().size());
        assertEquals(StatementMatcher.By.REFERENCE, result.matches().get(0).by());
        assertEquals(3, result.matches().get(0).movement().seq());
        assertEquals(StatementMatcher.By.AMOUNT_AND_DATE, result.matches().get(1).by());
        assertEquals(4, result.matches().get(1).movement().seq());
        assertEquals(List.of(5L), result.unmatchedLedger().stream().map(CashMovement::seq).toList());
        assertEquals(List.of(3), result.unmatchedStatement().stream().map(StatementLine::lineNo).toList());
    }

    @Test
    void anEntryAndItsReversalInTheYearAreSetAsideButAReversalOfAnEarlierYearIsAMovement() {
        List<CashMovement> ledger = List.of(
                cash(1, "2025-02-01", "-400.00", "R1"),
                reversal(2, "2025-02-01", "400.00", "R1", 1),    // undoes seq 1: no money moved
                reversal(3, "2025-01-01", "250.00", "R0", 99));  // undoes an entry of 2024: a movement of 2025
        StatementMatcher.Result result = StatementMatcher.match(ledger,
                List.of(line(1, "2025-01-02", "250.00", "R0"), line(2, "2025-02-01", "-400.00", "R1")));
        assertEquals(List.of(1L, 2L), result.reversedInYear().stream().map(CashMovement::seq).toList());
        assertEquals(List.of(3L), result.matches().stream().map(m -> m.movement().seq()).toList());
        assertEquals(List.of(), result.unmatchedLedger());
        assertEquals(List.of(2), result.unmatchedStatement().stream().map(StatementLine::lineNo).toList(),
                "a bank line for money that never moved stays unexplained");
    }

    @Test
    void aLineTheNearestPairingWouldStrandIsMatchedByPairingTheOthersDifferently() {
        // nearest first, the 4th takes the 5th and leaves the 7th six days from the 1st; paired
        // 4th–1st and 7th–5th, every line is within three days of its movement
        List<CashMovement> ledger = List.of(cash(1, "2025-01-01", "1000000.00", null),
                cash(2, "2025-01-05", "1000000.00", null));
        StatementMatcher.Result result = StatementMatcher.match(ledger,
                List.of(line(1, "2025-01-04", "1000000.00", null), line(2, "2025-01-07", "1000000.00", null)));
        assertEquals(List.of(1L, 2L), result.matches().stream().map(m -> m.movement().seq()).toList());
        assertEquals(List.of(), result.unmatchedLedger());
        assertEquals(List.of(), result.unmatchedStatement());
    }

    @Test
    void fourDaysApartIsNotAMatchAndAReferenceNeedsTheSameAmount() {
        StatementMatcher.Result result = StatementMatcher.match(
                List.of(cash(1, "2025-01-01", "100.00", "R1"), cash(2, "2025-02-01", "50.00", null)),
                List.of(line(1, "2025-01-02", "100.01", "R1"), line(2, "2025-02-05", "50.00", null)));
        assertEquals(0, result.matches().size());
        assertEquals(2, result.unmatchedLedger().size());
        assertEquals(2, result.unmatchedStatement().size());
    }

    @Test
    void eachLineIsUsedOnceAndTheNearestDateWinsThenTheEarlier() {
        List<CashMovement> ledger = List.of(cash(1, "2025-01-01", "10.00", null), cash(2, "2025-01-05", "10.00", null),
                cash(3, "2025-01-03", "10.00", null), cash(4, "2025-01-07", "10.00", null));
        // line 1 on the 4th: the 3rd and the 5th are one day away; the earlier (seq 3) wins
        // line 2 on the 4th: then the 5th (seq 2); line 3 on the 4th: seq 1 and 4 are three days away; the earlier
        List<StatementLine> statement = List.of(line(1, "2025-01-04", "10.00", null),
                line(2, "2025-01-04", "10.00", null), line(3, "2025-01-04", "10.00", null),
                line(4, "2025-01-04", "10.00", null), line(5, "2025-01-04", "10.00", null));
        StatementMatcher.Result result = StatementMatcher.match(ledger, statement);
        assertEquals(List.of(3L, 2L, 1L, 4L), result.matches().stream().map(m -> m.movement().seq()).toList());
        assertEquals(List.of(5), result.unmatchedStatement().stream().map(StatementLine::lineNo).toList());
        assertEquals(List.of(), result.unmatchedLedger());
    }

    @Test
    void theInputOrderDoesNotChangeTheResult() {
        Random random = new Random(20251231L);
        List<CashMovement> ledger = new ArrayList<>();
        List<StatementLine> statement = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            String date = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(60)).toString();
            String amount = (random.nextInt(5) + 1) + "00.00";
            ledger.add(cash(i, date, amount, random.nextInt(3) == 0 ? "R" + random.nextInt(50) : null));
            String bankDate = LocalDate.parse(date).plusDays(random.nextInt(9) - 4).toString();
            statement.add(line(i, bankDate, amount, random.nextInt(3) == 0 ? "R" + random.nextInt(50) : null));
        }
        StatementMatcher.Result expected = StatementMatcher.match(ledger, statement);
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(ledger, random);
            Collections.shuffle(statement, random);
            StatementMatcher.Result shuffled = StatementMatcher.match(ledger, statement);
            assertEquals(expected, shuffled, "round " + round);
        }
        assertEquals(300, expected.matches().size() + expected.unmatchedStatement().size());
        assertEquals(300, expected.matches().size() + expected.unmatchedLedger().size());
    }
}
