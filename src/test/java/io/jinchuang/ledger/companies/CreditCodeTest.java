package io.jinchuang.ledger.companies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {
    private static final String VALID = "91330100799655058B";

    static Stream<String> validVectors() {
        return vectors("valid");
    }

    static Stream<String> invalidVectors() {
        return vectors("invalid");
    }

    @ParameterizedTest
    @MethodSource("validVectors")
    void acceptsTheValidVectors(String code) {
        assertNull(CreditCode.problem(code));
        assertTrue(CreditCode.isValid(code));
    }

    @ParameterizedTest
    @MethodSource("invalidVectors")
    void refusesTheInvalidVectors(String code) {
        assertNotNull(CreditCode.problem(code));
        assertFalse(CreditCode.isValid(code));
    }

    @Test
    void namesTheExpectedCheckDigit() {
        assertEquals("check digit is wrong: expected G", CreditCode.problem("9144030071526726XH"));
    }

    @Test
    void refusesLowerCaseWithItsOwnReason() {
        assertEquals("must be upper case", CreditCode.problem("9144030071526726xg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9133010079965505", "91330100799655058BB", " 91330100799655058B"})
    void refusesTheWrongLength(String code) {
        assertEquals("must be 18 characters", CreditCode.problem(code));
    }

    @Test
    void refusesNullAndEmpty() {
        assertEquals("is required", CreditCode.problem(null));
        assertEquals("is required", CreditCode.problem(""));
        assertFalse(CreditCode.isValid(null));
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z', '-', '中'})
    void refusesCharactersOutsideTheCharset(char forbidden) {
        String code = VALID.substring(0, 5) + forbidden + VALID.substring(6);
        assertTrue(CreditCode.problem(code).startsWith("contains a character not allowed"));
    }

    @Test
    void writesACheckOf31AsZero() {
        // Seventeen zeros weigh nothing, so the check is 31 − 0 = 31, which is written 0.
        assertTrue(CreditCode.isValid("000000000000000000"));
    }

    private static Stream<String> vectors(String list) {
        try (InputStream in = CreditCodeTest.class.getResourceAsStream("/spec/vectors.json")) {
            JsonNode codes = new ObjectMapper().readTree(in).path("uscc").path(list);
            assertTrue(codes.size() > 0, "no uscc." + list + " vectors");
            return StreamSupport.stream(codes.spliterator(), false).map(JsonNode::asText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
