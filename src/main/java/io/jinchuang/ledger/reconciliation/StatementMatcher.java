package io.jinchuang.ledger.reconciliation;

import io.jinchuang.ledger.money.Money;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Matches a fund's cash movements of a year with its bank statement (SPEC §7). Pure and
 * deterministic: first by reference (the same reference and amount), then by amount with
 * the dates at most {@link #DATE_TOLERANCE_DAYS} apart; a line of either side is used at
 * most once. Statement lines are taken in (date, line number) order; each takes the unused
 * ledger movement nearest in date, the earlier one (then the lower sequence) on a tie.
 * An entry and its reversal both dated in the year moved no money: the pair is set aside
 * before matching ({@link Result#reversedInYear}) and is not a discrepancy.
 */
public final class StatementMatcher {
    public static final int DATE_TOLERANCE_DAYS = 3;

    public enum By { REFERENCE, AMOUNT_AND_DATE }

    public record Match(StatementLine line, CashMovement movement, By by) {}

    /** Matches in statement line order; the unmatched of each side, and the reversed pairs, in date order. */
    public record Result(List<Match> matches, List<CashMovement> unmatchedLedger,
                         List<StatementLine> unmatchedStatement, List<CashMovement> reversedInYear) {
        public long count(By by) {
            return matches.stream().filter(m -> m.by() == by).count();
        }
    }

    /** Where a movement sits among the candidates: by date, then sequence. */
    private record At(LocalDate date, long seq) implements Comparable<At> {
        @Override
        public int compareTo(At other) {
            int byDate = date.compareTo(other.date);
            return byDate != 0 ? byDate : Long.compare(seq, other.seq);
        }
    }

    private static final Comparator<CashMovement> LEDGER_ORDER =
            Comparator.comparing(CashMovement::date).thenComparingLong(CashMovement::seq);
    private static final Comparator<StatementLine> STATEMENT_ORDER =
            Comparator.comparing(StatementLine::date).thenComparingInt(StatementLine::lineNo);

    private StatementMatcher() {}

    public static Result match(List<CashMovement> ledger, List<StatementLine> statement) {
        List<CashMovement> reversedInYear = reversedPairs(ledger);
        Set<Long> setAside = new HashSet<>();
        reversedInYear.forEach(m -> setAside.add(m.seq()));
        List<CashMovement> movements = new ArrayList<>(ledger);
        movements.removeIf(m -> setAside.contains(m.seq()));
        movements.sort(LEDGER_ORDER);
        List<StatementLine> lines = new ArrayList<>(statement);
        lines.sort(STATEMENT_ORDER);
        Set<Long> used = new HashSet<>();
        List<Match> matches = new ArrayList<>();
        List<StatementLine> left = new ArrayList<>();
        Map<String, NavigableMap<At, CashMovement>> byReference = index(movements, used, true);
        for (StatementLine line : lines) {
            CashMovement found = blank(line.reference()) ? null
                    : take(byReference.get(referenceKey(line.reference(), line)), line.date(), Integer.MAX_VALUE);
            if (found == null) {
                left.add(line);
            } else {
                used.add(found.seq());
                matches.add(new Match(line, found, By.REFERENCE));
            }
        }
        Map<String, NavigableMap<At, CashMovement>> byAmount = index(movements, used, false);
        Map<String, NavigableMap<At, CashMovement>> window = index(movements, used, false); // stays whole
        Map<StatementLine, CashMovement> lineTakes = new java.util.LinkedHashMap<>();
        Map<Long, StatementLine> takenBy = new java.util.HashMap<>();
        for (StatementLine line : left) {
            CashMovement found = take(byAmount.get(Money.format(line.amount())), line.date(), DATE_TOLERANCE_DAYS);
            if (found != null) {
                lineTakes.put(line, found);
                takenBy.put(found.seq(), line);
            }
        }
        // the nearest-first pass can leave a line unmatched that a different pairing would match
        // (movements on the 1st and 5th, lines on the 4th and 7th): re-pair along augmenting paths
        for (StatementLine line : left) {
            if (!lineTakes.containsKey(line)) {
                augment(line, window.get(Money.format(line.amount())), lineTakes, takenBy, new HashSet<>(), 0);
            }
        }
        List<StatementLine> unmatched = new ArrayList<>();
        for (StatementLine line : left) {
            CashMovement found = lineTakes.get(line);
            if (found == null) {
                unmatched.add(line);
            } else {
                used.add(found.seq());
                matches.add(new Match(line, found, By.AMOUNT_AND_DATE));
            }
        }
        matches.sort(Comparator.comparingInt(m -> m.line().lineNo()));
        List<CashMovement> unmatchedLedger = movements.stream().filter(m -> !used.contains(m.seq())).toList();
        return new Result(List.copyOf(matches), unmatchedLedger, List.copyOf(unmatched), reversedInYear);
    }

    /** Each reversal whose original is among the movements, with an amount that undoes it exactly, and that original. */
    private static List<CashMovement> reversedPairs(List<CashMovement> ledger) {
        Map<Long, CashMovement> bySeq = new java.util.HashMap<>();
        ledger.forEach(m -> bySeq.put(m.seq(), m));
        List<CashMovement> pairs = new ArrayList<>();
        for (CashMovement reversal : ledger) {
            CashMovement original = reversal.reverses() == null ? null : bySeq.get(reversal.reverses());
            if (original != null && original.amount().add(reversal.amount()).signum() == 0) {
                pairs.add(original);
                pairs.add(reversal);
            }
        }
        pairs.sort(LEDGER_ORDER);
        return List.copyOf(pairs);
    }

    /** Deeper re-pairings are not tried (a year with thousands of equal amounts): the result stays deterministic. */
    private static final int AUGMENT_DEPTH_MAX = 200;

    /**
     * Finds {@code line} a movement of its amount within the date tolerance, moving lines that
     * hold one to another where they can (Kuhn's augmenting path); the nearest candidate first,
     * then the earlier, then the lower sequence. Only adds matches: every line matched stays so.
     */
    private static boolean augment(StatementLine line, NavigableMap<At, CashMovement> sameAmount,
                                   Map<StatementLine, CashMovement> lineTakes, Map<Long, StatementLine> takenBy,
                                   Set<Long> visited, int depth) {
        if (sameAmount == null || depth > AUGMENT_DEPTH_MAX) {
            return false;
        }
        List<CashMovement> candidates = new ArrayList<>(sameAmount.subMap(
                new At(line.date().minusDays(DATE_TOLERANCE_DAYS), Long.MIN_VALUE), true,
                new At(line.date().plusDays(DATE_TOLERANCE_DAYS), Long.MAX_VALUE), true).values());
        candidates.sort(Comparator.<CashMovement>comparingLong(m -> Math.abs(ChronoUnit.DAYS.between(line.date(),
                m.date()))).thenComparing(LEDGER_ORDER));
        for (CashMovement candidate : candidates) {
            if (!visited.add(candidate.seq())) {
                continue;
            }
            StatementLine holder = takenBy.get(candidate.seq());
            if (holder == null || augment(holder, sameAmount, lineTakes, takenBy, visited, depth + 1)) {
                lineTakes.put(line, candidate);
                takenBy.put(candidate.seq(), line);
                return true;
            }
        }
        return false;
    }

    /** The unused movements by reference and amount, or by amount alone. */
    private static Map<String, NavigableMap<At, CashMovement>> index(List<CashMovement> movements, Set<Long> used,
                                                                   boolean byReference) {
        Map<String, NavigableMap<At, CashMovement>> index = new TreeMap<>();
        for (CashMovement movement : movements) {
            if (used.contains(movement.seq()) || (byReference && blank(movement.reference()))) {
                continue;
            }
            String key = byReference ? movement.reference().trim() + "\u0000" + Money.format(movement.amount())
                    : Money.format(movement.amount());
            index.computeIfAbsent(key, k -> new TreeMap<>()).put(new At(movement.date(), movement.seq()), movement);
        }
        return index;
    }

    private static String referenceKey(String reference, StatementLine line) {
        return reference.trim() + "\u0000" + Money.format(line.amount());
    }

    /** Removes and returns the candidate nearest to {@code date} within {@code daysMax}, or null. */
    private static CashMovement take(NavigableMap<At, CashMovement> candidates, LocalDate date, int daysMax) {
        if (candidates == null || candidates.isEmpty()) {
            return null;
        }
        At from = new At(date, Long.MIN_VALUE);
        Map.Entry<At, CashMovement> later = candidates.ceilingEntry(from);
        Map.Entry<At, CashMovement> earlier = candidates.lowerEntry(from);
        if (earlier != null) {
            // the first movement of that earlier day, not its last
            earlier = candidates.ceilingEntry(new At(earlier.getKey().date(), Long.MIN_VALUE));
        }
        long laterDays = later == null ? Long.MAX_VALUE : ChronoUnit.DAYS.between(date, later.getKey().date());
        long earlierDays = earlier == null ? Long.MAX_VALUE : ChronoUnit.DAYS.between(earlier.getKey().date(), date);
        Map.Entry<At, CashMovement> best = earlierDays <= laterDays ? earlier : later;
        long bestDays = Math.min(earlierDays, laterDays);
        if (best == null || bestDays > daysMax) {
            return null;
        }
        candidates.remove(best.getKey());
        return best.getValue();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
