package io.jinchuang.ledger.firstloss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jinchuang.ledger.money.Money;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** SPEC §6 against the public vectors, computed by an independent implementation. */
class SettlementVectorsTest {
    /** The vectors name the guidance partner but no other roles; roles do not change the figures. */
    private static String roleOf(String code, String guidanceCode) {
        if (code.equals(guidanceCode)) {
            return PartnerStake.GUIDANCE;
        }
        return code.equals("GP") ? "GP" : "LP";
    }

    @TestFactory
    Stream<DynamicTest> everyFirstLossVector() throws IOException {
        JsonNode vectors = load().get("firstLoss");
        assertTrue(vectors.isArray() && vectors.size() > 0, "vectors.json has firstLoss vectors");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors) {
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () -> check(vector)));
        }
        return tests.stream();
    }

    @Test
    void specWorkedExample() {
        List<PartnerStake> partners = List.of(
                new PartnerStake("G", PartnerStake.GUIDANCE, Money.of("30000000"), Money.ZERO),
                new PartnerStake("A", "LP", Money.of("50000000"), Money.ZERO),
                new PartnerStake("B", "LP", Money.of("20000000"), Money.ZERO));
        Settlement s = FirstLossCalculator.settle(partners, Money.of("40000000"), null, SettlementTerms.DEFAULTS);
        assertFen("60000000.00", s.loss(), "L");
        assertFen("30000000.00", s.guidanceFirstLoss(), "L_g");
        assertFen("21428571.43", s.partner("A").lossBorne(), "A bears");
        assertFen("8571428.57", s.partner("B").lossBorne(), "B bears");
        assertFen("0.00", s.partner("G").finalCash(), "G final cash");
        assertFen("28571428.57", s.partner("A").finalCash(), "A final cash");
        assertFen("11428571.43", s.partner("B").finalCash(), "B final cash");
    }

    private static void check(JsonNode vector) {
        String guidanceCode = vector.get("guidancePartner").asText();
        List<PartnerStake> partners = new ArrayList<>();
        BigDecimal paidIn = Money.ZERO;
        BigDecimal distributed = Money.ZERO;
        for (JsonNode p : vector.get("partners")) {
            String code = p.get("partnerCode").asText();
            PartnerStake stake = new PartnerStake(code, roleOf(code, guidanceCode),
                    Money.of(p.get("paidIn").asText()), Money.of(p.get("distributedBefore").asText()));
            partners.add(stake);
            paidIn = paidIn.add(stake.paidIn());
            distributed = distributed.add(stake.distributedBefore());
        }
        JsonNode approvedNode = vector.get("approvedAmount");
        BigDecimal approved = approvedNode == null || approvedNode.isNull() ? null : Money.of(approvedNode.asText());
        SettlementTerms terms = new SettlementTerms(new BigDecimal(vector.get("capRatio").asText()),
                vector.get("clawback").asBoolean());
        String netProceeds = vector.get("netProceeds").asText();

        Settlement s = FirstLossCalculator.settle(partners, Money.of(netProceeds), approved, terms);

        JsonNode expect = vector.get("expect");
        assertFen(Money.format(paidIn), s.paidIn(), "paidIn");
        assertFen(Money.format(distributed), s.distributedBefore(), "distributedBefore");
        assertFen(netProceeds, s.netProceeds(), "netProceeds");
        assertFen(expect.get("loss").asText(), s.loss(), "loss");
        assertFen(expect.get("cap").asText(), s.cap(), "cap");
        assertFen(expect.get("guidanceFirstLoss").asText(), s.guidanceFirstLoss(), "guidanceFirstLoss");
        assertEquals(expect.get("noBeneficiary").asBoolean(), s.noBeneficiary(), "noBeneficiary");
        JsonNode expected = expect.get("partners");
        assertEquals(expected.size(), s.partners().size(), "one line per partner");
        for (int i = 0; i < expected.size(); i++) {
            checkLine(expected.get(i), partners.get(i), s.partners().get(i));
        }
    }

    private static void checkLine(JsonNode expected, PartnerStake stake, PartnerSettlement actual) {
        String code = expected.get("partnerCode").asText();
        assertEquals(code, actual.partnerCode(), "partners keep the order they were given in");
        assertEquals(stake.role(), actual.role(), code + " role");
        assertFen(Money.format(stake.paidIn()), actual.paidIn(), code + " paidIn");
        assertFen(Money.format(stake.distributedBefore()), actual.distributedBefore(), code + " distributedBefore");
        assertFen(expected.get("lossBorne").asText(), actual.lossBorne(), code + " lossBorne");
        assertFen(expected.get("entitlement").asText(), actual.entitlement(), code + " entitlement");
        assertFen(expected.get("finalCash").asText(), actual.finalCash(), code + " finalCash");
    }

    /** To the fen, and at scale 2 exactly, since the wire form is "0.00". */
    static void assertFen(String expected, BigDecimal actual, String what) {
        assertEquals(Money.SCALE, actual.scale(), what + " is at scale 2");
        assertEquals(expected, actual.toPlainString(), what);
    }

    private static JsonNode load() throws IOException {
        try (InputStream in = SettlementVectorsTest.class.getResourceAsStream("/spec/vectors.json")) {
            assertTrue(in != null, "/spec/vectors.json is on the test classpath");
            return new ObjectMapper().readTree(in);
        }
    }
}
