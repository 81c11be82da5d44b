package io.jinchuang.ledger.money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Property tests with plain JUnit: {@link #run} checks a body against {@code count}
 * generated cases. Case {@code n} draws from its own {@code java.util.Random} seeded from
 * the test's fixed seed and {@code n} alone, so every run draws the same cases, and one
 * failing case can be replayed without the others: {@code Cases.run(seed, n + 1, body)}
 * reaches it, and {@link Case#seedOf(long, int)} gives its Random's seed.
 *
 * <p>A failure is rethrown as an AssertionError whose message names the seed, the case
 * number and every input the body recorded with {@link Case#input}, then the original
 * message; the original is kept as its cause.
 */
public final class Cases {
    private Cases() {}

    @FunctionalInterface
    public interface Body {
        void check(Case c) throws Exception;
    }

    /** Runs the cases; returns how often each {@link Case#label label} was given, for coverage checks. */
    public static Map<String, Integer> run(long seed, int count, Body body) {
        Map<String, Integer> labels = new TreeMap<>();
        for (int n = 0; n < count; n++) {
            Case c = new Case(seed, n);
            try {
                body.check(c);
            } catch (Throwable t) {
                throw new AssertionError("seed " + String.format("0x%X", seed) + ", case " + n + " of " + count + ", inputs: "
                        + String.join(", ", c.inputs) + "\n  " + t, t);
            }
            c.labels.forEach(label -> labels.merge(label, 1, Integer::sum));
        }
        return labels;
    }

    /** One generated case: a Random of its own and the inputs drawn from it so far. */
    public static final class Case {
        public final Random random;
        public final long seed;
        public final int number;
        private final List<String> inputs = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();

        Case(long seed, int number) {
            this.seed = seed;
            this.number = number;
            this.random = new Random(seedOf(seed, number));
        }

        /** The seed of case {@code number}'s Random under a test's {@code seed}. */
        public static long seedOf(long seed, int number) {
            return seed * 0x9E3779B97F4A7C15L + number;
        }

        /** Records an input for the failure message and returns it. */
        public <T> T input(String name, T value) {
            inputs.add(name + "=" + (value instanceof BigDecimal b ? b.toPlainString() : String.valueOf(value)));
            return value;
        }

        /** Counts this case under {@code label} (once per label and case). */
        public void label(String label) {
            if (!labels.contains(label)) {
                labels.add(label);
            }
        }

        /** Uniform in [min, max], both included. */
        public int between(int min, int max) {
            return random.nextInt(min, max + 1);
        }

        /** Uniform in [min, max], both included; max below Long.MAX_VALUE. */
        public long between(long min, long max) {
            return random.nextLong(min, max + 1);
        }

        /** True with the given chance in percent. */
        public boolean percent(int chance) {
            return random.nextInt(100) < chance;
        }

        /**
         * Picks an index by relative frequency: {@code pick(1, 2, 7)} is 0 one time in ten,
         * 1 two times in ten, 2 seven times in ten.
         */
        public int pick(int... frequencies) {
            int total = 0;
            for (int f : frequencies) {
                total += f;
            }
            int r = random.nextInt(total);
            for (int i = 0; i < frequencies.length; i++) {
                r -= frequencies[i];
                if (r < 0) {
                    return i;
                }
            }
            throw new IllegalStateException("unreachable");
        }

        @SafeVarargs
        public final <T> T oneOf(T... choices) {
            return choices[random.nextInt(choices.length)];
        }

        /** An amount in yuan at scale 2 whose fen count is in [minFen, maxFen]. */
        public BigDecimal fen(long minFen, long maxFen) {
            return BigDecimal.valueOf(between(minFen, maxFen), Money.SCALE);
        }

        /** Integers spread over every order of magnitude from 1 to {@code max}, not mostly near max. */
        public long logUniform(long max) {
            int digits = Long.toString(max).length();
            long bound = 1;
            for (int d = between(1, digits); d > 1; d--) {
                bound *= 10;
            }
            bound = bound > max / 10 ? max : Math.min(bound * 10 - 1, max);
            return between(1L, bound);
        }
    }
}
