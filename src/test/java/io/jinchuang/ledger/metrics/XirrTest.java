package io.jinchuang.ledger.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jinchuang.ledger.metrics.Xirr.Flow;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class XirrTest {
    private static final double TOLERANCE_VECTOR = 1e-6;
    private static final double TOLERANCE_FORMULA = 1e-9;

    @Test
    void matchesExcelsDocumentedExample() throws IOException {
        JsonNode xirr = vectors().path("xirr");
        double expected = new BigDecimal(xirr.path("expect").asText()).doubleValue();
        assertRate(expected, Xirr.xirr(flows(xirr.path("flows"))), TOLERANCE_VECTOR);
    }

    @Test
    void ignoresTheOrderTheFlowsComeIn() throws IOException {
        List<Flow> flows = new ArrayList<>(flows(vectors().path("xirr").path("flows")));
        Optional<BigDecimal> inOrder = Xirr.xirr(flows);
        Collections.reverse(flows);
        assertEquals(inOrder, Xirr.xirr(flows));
        Collections.swap(flows, 0, 2);
        assertEquals(inOrder, Xirr.xirr(flows));
    }

    @Test
    void doublingOverALeapYear() {
        List<Flow> flows = List.of(flow("2020-01-01", "-100"), flow("2021-01-01", "200"));
        double years = ChronoUnit.DAYS.between(LocalDate.parse("2020-01-01"), LocalDate.parse("2021-01-01")) / 365.0;
        // 100 · (1+r)^years = 200
        assertRate(Math.pow(2, 1 / years) - 1, Xirr.xirr(flows), TOLERANCE_FORMULA);
    }

    @Test
    void theRateIsNotRoundedBeforeItsOutput() {
        // SPEC §2: a ratio is rounded once, at output (to 4 digits); rounding it to 10 here first
        // could move the fourth digit (0.123450000004 → 0.1234500000 → 0.1234, not 0.1235)
        BigDecimal rate = Xirr.xirr(List.of(flow("2020-01-01", "-100"), flow("2021-01-01", "200"))).orElseThrow();
        assertTrue(rate.scale() > 10, rate::toPlainString);
    }

    @Test
    void losingHalfInAYearIsMinusHalf() {
        List<Flow> flows = List.of(flow("2021-01-01", "-100"), flow("2022-01-01", "50"));
        assertRate(-0.5, Xirr.xirr(flows), TOLERANCE_FORMULA);
    }

    @Test
    void findsADeepLossBetweenProbes() {
        // 100 · (1+r)^2 = 9 over two 365-day years
        List<Flow> flows = List.of(flow("2021-01-01", "-100"), flow("2023-01-01", "9"));
        assertRate(Math.sqrt(0.09) - 1, Xirr.xirr(flows), TOLERANCE_FORMULA);
    }

    @Test
    void findsARateFarFromTheGuess() {
        // Tripling in 30 days: Newton from 0.1 crawls, the bracketing fallback must answer.
        List<Flow> flows = List.of(flow("2021-01-01", "-100"), flow("2021-01-31", "300"));
        double expected = Math.pow(3, 365.0 / 30) - 1;
        double actual = Xirr.xirr(flows).orElseThrow().doubleValue();
        assertEquals(expected, actual, expected * TOLERANCE_FORMULA);
    }

    @Test
    void isUndefinedWithoutBothSigns() {
        assertEquals(Optional.empty(), Xirr.xirr(List.of(flow("2021-01-01", "-100"), flow("2022-01-01", "-50"))));
        assertEquals(Optional.empty(), Xirr.xirr(List.of(flow("2021-01-01", "100"), flow("2022-01-01", "50"))));
        assertEquals(Optional.empty(), Xirr.xirr(List.of(flow("2021-01-01", "-100"), flow("2022-01-01", "0"))));
    }

    @Test
    void isUndefinedForFewerThanTwoFlows() {
        assertEquals(Optional.empty(), Xirr.xirr(List.of()));
        assertEquals(Optional.empty(), Xirr.xirr(List.of(flow("2021-01-01", "-100"))));
    }

    @Test
    void isUndefinedWhenNoTimePasses() {
        List<Flow> flows = List.of(flow("2021-01-01", "-100"), flow("2021-01-01", "100"));
        assertEquals(Optional.empty(), Xirr.xirr(flows));
    }

    @Test
    void isUndefinedWhenTheRootIsBeyondTheSearchRange() {
        // A thousandfold in a day would be a rate of about 1000^365: past RATE_MAX.
        List<Flow> flows = List.of(flow("2021-01-01", "-1"), flow("2021-01-02", "1000"));
        assertEquals(Optional.empty(), Xirr.xirr(flows));
    }

    private static void assertRate(double expected, Optional<BigDecimal> actual, double tolerance) {
        assertTrue(actual.isPresent(), "rate is undefined");
        assertEquals(expected, actual.get().doubleValue(), tolerance);
    }

    private static Flow flow(String date, String amount) {
        return new Flow(LocalDate.parse(date), new BigDecimal(amount));
    }

    private static List<Flow> flows(JsonNode pairs) {
        List<Flow> flows = new ArrayList<>();
        pairs.forEach(pair -> flows.add(flow(pair.get(0).asText(), pair.get(1).asText())));
        return flows;
    }

    private static JsonNode vectors() throws IOException {
        try (InputStream in = XirrTest.class.getResourceAsStream("/spec/vectors.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
