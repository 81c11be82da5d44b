package io.jinchuang.ledger.tolerance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jinchuang.ledger.money.Money;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SPEC §4 against the independently computed {@code tolerance} vector of vectors.json. */
class ToleranceVectorsTest {
    /** The vector's "about": ten projects of 10,000,000 each; threshold 0.80, warning 0.70. */
    private static final BigDecimal COST = Money.of("10000000");
    private static final BigDecimal THRESHOLD = new BigDecimal("0.80");
    private static final String HELD = "HELD valued at";

    private static JsonNode vector;
    private static List<ProjectFacts> projects;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ToleranceVectorsTest.class.getResourceAsStream("/spec/vectors.json")) {
            assertNotNull(in, "/spec/vectors.json is on the test classpath");
            vector = new ObjectMapper().readTree(in).get("tolerance");
        }
        projects = new ArrayList<>();
        for (JsonNode entry : vector.get("projects")) {
            projects.add(project("P" + (projects.size() + 1), entry.get(0).asText(), Money.of(entry.get(1).asText())));
        }
    }

    /** An entry is [exit type, proceeds] for an exited project, or ["HELD valued at", fair value]. */
    private static ProjectFacts project(String holding, String kind, BigDecimal amount) {
        if (HELD.equals(kind)) {
            return new ProjectFacts(holding, holding, COST, COST, Money.ZERO, null, amount);
        }
        return new ProjectFacts(holding, holding, COST, Money.ZERO, amount, kind, null);
    }

    @Test
    void vectorHasTenProjectsAndEveryBasis() {
        assertEquals(10, projects.size());
        for (FailureBasis basis : FailureBasis.values()) {
            assertNotNull(vector.get("expect").get(basis.name()), "vector covers " + basis);
        }
    }

    @ParameterizedTest
    @EnumSource(FailureBasis.class)
    void matchesVector(FailureBasis basis) {
        JsonNode expect = vector.get("expect").get(basis.name());
        ToleranceSettings settings = new ToleranceSettings(basis, new BigDecimal("0.70"));

        ToleranceResult result = ToleranceCalculator.evaluate(projects, THRESHOLD, settings);

        assertEquals(basis, result.basis());
        assertEquals(10, result.projects());
        assertEquals(expect.get("failed").asInt(), result.failedProjects());
        assertEquals(expect.get("failed").asInt(), result.failed().size());
        assertEquals(expect.get("failureRate").asText(), result.failureRateText());
        assertEquals(expect.get("headroom").asInt(), result.headroom());
        assertEquals(ToleranceStatus.valueOf(expect.get("status").asText()), result.status());
        if (expect.has("lossRateByAmount")) {
            assertEquals(expect.get("lossRateByAmount").asText(), result.lossRateByAmountText());
        }
    }
}
