package io.jinchuang.ledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Content negotiation of the exemption report (RFC 9110 §12.5.1), as browsers and tools send it. */
class ExemptionAcceptTest {
    private static final List<String> OFFER = ToleranceApi.REPORT_TYPES;

    @Test
    void noHeaderOrAnythingGetsJson() {
        assertEquals("application/json", Accept.choose(null, OFFER));
        assertEquals("application/json", Accept.choose("", OFFER));
        assertEquals("application/json", Accept.choose("*/*", OFFER));
    }

    @Test
    void eachTypeCanBeAskedFor() {
        assertEquals("text/csv", Accept.choose("text/csv", OFFER));
        assertEquals("text/html", Accept.choose("TEXT/HTML; charset=utf-8", OFFER));
        assertEquals("application/pdf", Accept.choose("application/pdf", OFFER));
    }

    @Test
    void aBrowserGetsHtml() {
        assertEquals("text/html", Accept.choose("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", OFFER));
    }

    @Test
    void qualitiesAndSpecificityDecide() {
        assertEquals("application/pdf", Accept.choose("application/json;q=0.2, application/pdf;q=0.9", OFFER));
        assertEquals("text/csv", Accept.choose("text/*", OFFER), "ties go to the order of the offer");
        assertEquals("text/html", Accept.choose("text/*, text/csv;q=0", OFFER), "the specific q=0 refuses csv");
        assertEquals("text/csv", Accept.choose("application/*;q=0.1, text/csv;q=0.5", OFFER));
    }

    @Test
    void nothingAcceptableIsNull() {
        assertNull(Accept.choose("application/xml", OFFER));
        assertNull(Accept.choose("*/*;q=0", OFFER));
        assertNull(Accept.choose("garbage, ;;, /", OFFER));
        for (String empty : List.of(";", ";;;,,,", ",", " ; ", ";q=1")) { // a range with nothing before its ';' (was a 500)
            assertNull(Accept.choose(empty, OFFER), empty);
        }
        assertEquals("text/csv", Accept.choose(";, text/csv", OFFER));
        assertEquals("application/json", Accept.choose("application/json;q=abc", OFFER), "a bad q counts as 1");
    }
}
