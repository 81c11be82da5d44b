package io.jinchuang.ledger.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Excel's XIRR with 365-day years: the rate r for which
 * Σ amount_i / (1+r)^((d_i − d_0)/365) = 0, d_0 the earliest date.
 *
 * <p>Flows on the same date are netted first. That changes no root, but it makes the
 * degenerate cases (a payment and its refund on one day, everything on one day) come out
 * as "undefined" instead of as whatever rate the iteration happened to stop at.
 */
public final class Xirr {
    public static final double RATE_MIN = -0.999999;
    public static final double RATE_MAX = 1e6;
    static final double NEWTON_GUESS = 0.1;
    static final int NEWTON_ITERATIONS_MAX = 100;
    static final int BISECTION_ITERATIONS_MAX = 200;
    /** Relative step below which an iteration has converged; doubles carry about 16 digits. */
    static final double TOLERANCE = 1e-13;
    private static final double DAYS_PER_YEAR = 365.0;
    /** Where the bisection looks for a sign change, from RATE_MIN to RATE_MAX. */
    private static final double[] PROBES =
            {RATE_MIN, -0.99, -0.9, -0.5, 0, 0.5, 1, 10, 100, 1e3, 1e4, 1e5, RATE_MAX};

    public record Flow(LocalDate date, BigDecimal amount) {
        public Flow {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(amount, "amount");
        }
    }

    private Xirr() {}

    /**
     * The rate as the solver found it (the double's exact value, not rounded here: SPEC §2
     * rounds a ratio once, at output), or empty when it is undefined.
     */
    public static Optional<BigDecimal> xirr(List<Flow> flows) {
        Objects.requireNonNull(flows, "flows");
        Equation equation = Equation.of(netByDate(flows));
        if (equation == null) {
            return Optional.empty();
        }
        Double rate = newton(equation);
        if (rate == null) {
            rate = bisection(equation);
        }
        return Optional.ofNullable(rate)
                .map(BigDecimal::new);
    }

    private static TreeMap<LocalDate, BigDecimal> netByDate(List<Flow> flows) {
        TreeMap<LocalDate, BigDecimal> net = new TreeMap<>();
        for (Flow flow : flows) {
            net.merge(flow.date(), flow.amount(), BigDecimal::add);
        }
        net.values().removeIf(amount -> amount.signum() == 0);
        return net;
    }

    /** Newton from NEWTON_GUESS; null when it leaves the domain or does not settle. */
    private static Double newton(Equation equation) {
        double rate = NEWTON_GUESS;
        for (int i = 0; i < NEWTON_ITERATIONS_MAX; i++) {
            double slope = equation.derivative(rate);
            if (slope == 0 || !Double.isFinite(slope)) {
                return null;
            }
            double step = equation.value(rate) / slope;
            rate -= step;
            if (!Double.isFinite(rate) || rate <= RATE_MIN || rate >= RATE_MAX) {
                return null;
            }
            if (Math.abs(step) <= TOLERANCE * (1 + Math.abs(rate))) {
                return rate;
            }
        }
        return null;
    }

    /**
     * Bisection between the first two probes whose values differ in sign; null when none
     * do. A probe may itself be the root (−100 then +50 a year later is exactly −0.5).
     */
    private static Double bisection(Equation equation) {
        for (int p = 0; p + 1 < PROBES.length; p++) {
            double low = PROBES[p];
            double high = PROBES[p + 1];
            double valueLow = equation.value(low);
            double valueHigh = equation.value(high);
            if (!Double.isFinite(valueLow) || !Double.isFinite(valueHigh)) {
                continue;
            }
            if (valueHigh == 0 && high < RATE_MAX) {
                return high;
            }
            if (Math.signum(valueLow) * Math.signum(valueHigh) < 0) {
                return bisect(equation, low, high, valueLow);
            }
        }
        return null;
    }

    private static double bisect(Equation equation, double low, double high, double valueLow) {
        for (int i = 0; i < BISECTION_ITERATIONS_MAX; i++) {
            double middle = (low + high) / 2;
            double valueMiddle = equation.value(middle);
            if (valueMiddle == 0 || high - low <= TOLERANCE * (1 + Math.abs(middle))) {
                return middle;
            }
            if (Math.signum(valueMiddle) == Math.signum(valueLow)) {
                low = middle;
                valueLow = valueMiddle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /**
     * The net present value as a function of the rate. Doubles here on purpose: the unknown
     * is a rate, not money, and the amounts only weight the terms of the equation.
     */
    private record Equation(double[] years, double[] amounts) {

        /** Null when no rate can solve it: fewer than two dates, or no change of sign. */
        static Equation of(TreeMap<LocalDate, BigDecimal> net) {
            boolean anyPositive = net.values().stream().anyMatch(a -> a.signum() > 0);
            boolean anyNegative = net.values().stream().anyMatch(a -> a.signum() < 0);
            if (net.size() < 2 || !anyPositive || !anyNegative) {
                return null;
            }
            LocalDate first = net.firstKey();
            double[] years = new double[net.size()];
            double[] amounts = new double[net.size()];
            int i = 0;
            for (Map.Entry<LocalDate, BigDecimal> entry : net.entrySet()) {
                years[i] = ChronoUnit.DAYS.between(first, entry.getKey()) / DAYS_PER_YEAR;
                amounts[i] = entry.getValue().doubleValue();
                i++;
            }
            return new Equation(years, amounts);
        }

        double value(double rate) {
            double sum = 0;
            for (int i = 0; i < years.length; i++) {
                sum += amounts[i] * Math.pow(1 + rate, -years[i]);
            }
            return sum;
        }

        double derivative(double rate) {
            double sum = 0;
            for (int i = 0; i < years.length; i++) {
                sum -= years[i] * amounts[i] * Math.pow(1 + rate, -years[i] - 1);
            }
            return sum;
        }
    }
}
