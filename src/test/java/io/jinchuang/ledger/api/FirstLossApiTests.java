package io.jinchuang.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §6 through the API: preview, liquidation, its refusals and where it shows. Runs on H2 and PostgreSQL. */
abstract class FirstLossApiTests extends LedgerApiContract {

    /** The SPEC's partners: G 30,000,000, A 50,000,000, B 20,000,000, all paid in; one company bought for all of it. */
    private record Setup(String guidance, String seed, String company) {}

    private Setup specFund(String kind) {
        Pair pair = guidanceAndSeed();
        String seed = pair.seed();
        if (!kind.equals("SEED")) {
            throw new IllegalArgumentException(kind);
        }
        String company = company(40);
        invest(seed, company, "2021-03-01", "100000000");
        return new Setup(pair.guidance(), seed, company);
    }

    private void exitAll(Setup s, String proceeds) {
        ok(client.post(MANAGER, "/api/v1/funds/" + s.seed() + "/exits", """
                {"creditCode":"%s","date":"2024-06-30","type":"SHARE_TRANSFER","proceeds":"%s"}"""
                .formatted(s.company(), proceeds)), 201);
    }

    private static Map<String, JsonNode> partners(JsonNode settlement) {
        Map<String, JsonNode> byCode = new HashMap<>();
        settlement.path("partners").forEach(p -> byCode.put(p.path("partnerCode").asText(), p));
        return byCode;
    }

    @Test
    void theSpecsWorkedExampleComesOutToTheFenAndShowsEverywhere() {
        Setup s = specFund("SEED");
        exitAll(s, "40000000");
        String before = digest();
        JsonNode preview = ok(client.get(COMPLIANCE, "/api/v1/funds/" + s.seed() + "/first-loss?netProceeds=40000000"),
                200).json();
        assertEquals(before, digest(), "a preview posts nothing");
        assertEquals("60000000.00", preview.path("loss").asText());
        assertEquals("30000000.00", preview.path("cap").asText());
        assertEquals("30000000.00", preview.path("guidanceFirstLoss").asText());
        assertFalse(preview.path("noBeneficiary").asBoolean());
        Map<String, JsonNode> p = partners(preview);
        assertEquals("0.00", p.get(s.guidance()).path("finalCash").asText());
        assertEquals("21428571.43", p.get("A").path("lossBorne").asText());
        assertEquals("28571428.57", p.get("A").path("finalCash").asText());
        assertEquals("8571428.57", p.get("B").path("lossBorne").asText());
        assertEquals("11428571.43", p.get("B").path("finalCash").asText());

        assertProblem(client.post(COMPLIANCE, "/api/v1/funds/" + s.seed() + "/liquidation", """
                {"date":"2025-01-31","netProceeds":"40000000"}"""), 403, null);
        JsonNode posted = ok(client.post(MANAGER, "/api/v1/funds/" + s.seed() + "/liquidation", """
                {"date":"2025-01-31","netProceeds":"40000000"}"""), 201).json();
        assertEquals(preview.path("partners"), posted.path("partners"));
        assertEquals("LIQUIDATION", posted.path("entry").path("type").asText());
        assertEquals("LIQUIDATED", client.get(ADMIN, "/api/v1/funds/" + s.seed()).json().path("status").asText());

        JsonNode metrics = ok(client.get(ADMIN, "/api/v1/funds/" + s.seed() + "/metrics"), 200).json();
        assertEquals("0.00", metrics.path("nav").asText());
        assertEquals("0.00", metrics.path("cash").asText());
        assertEquals(metrics.path("dpi").asText(), metrics.path("tvpi").asText());
        assertEquals("0.4000", metrics.path("dpi").asText());

        JsonNode stake = ok(client.get(ADMIN, "/api/v1/funds/" + s.guidance() + "/positions"), 200).json()
                .path("positions").get(0);
        assertEquals("0.00", stake.path("costRemaining").asText());
        assertEquals("0.00", stake.path("proceeds").asText());
        assertEquals("FAILED", stake.path("state").asText());
        Map<String, String> balances = new HashMap<>();
        ok(client.get(ADMIN, "/api/v1/funds/" + s.guidance() + "/balances"), 200).json().path("accounts")
                .forEach(a -> balances.put(a.path("account").asText(), a.path("balance").asText()));
        assertEquals("30000000.00", balances.get("Income:RealizedGains"), "its realised loss is its paid-in");
        assertTrue(ok(client.get(AUDITOR, "/api/v1/journal/verify"), 200).json().path("ok").asBoolean());

        assertProblem(client.post(MANAGER, "/api/v1/funds/" + s.seed() + "/liquidation", """
                {"date":"2025-02-28","netProceeds":"0"}"""), 409, null);
        assertProblem(client.post(MANAGER, "/api/v1/funds/" + s.seed() + "/distributions", """
                {"date":"2025-02-28","amount":"1"}"""), 409, null);
        assertProblem(client.get(ADMIN, "/api/v1/funds/" + s.seed() + "/first-loss?netProceeds=1"), 409, null);
    }

    @Test
    void interimDistributionsAreClawedBackFromTheGuidanceFund() {
        Setup s = specFund("SEED");
        exitAll(s, "40000000");
        ok(client.post(MANAGER, "/api/v1/funds/" + s.seed() + "/distributions", """
                {"date":"2024-07-31","amount":"30000000"}"""), 201);
        JsonNode guidanceBefore = client.get(ADMIN, "/api/v1/funds/" + s.guidance() + "/metrics").json();
        JsonNode posted = ok(client.post(ADMIN, "/api/v1/funds/" + s.seed() + "/liquidation", """
                {"date":"2025-01-31","netProceeds":"10000000.00"}"""), 201).json();
        Map<String, JsonNode> p = partners(posted);
        assertEquals("9000000.00", p.get(s.guidance()).path("distributedBefore").asText());
        assertEquals("-9000000.00", p.get(s.guidance()).path("finalCash").asText());
        assertEquals("13571428.57", p.get("A").path("finalCash").asText());
        assertEquals("5428571.43", p.get("B").path("finalCash").asText());
        JsonNode guidanceAfter = client.get(ADMIN, "/api/v1/funds/" + s.guidance() + "/metrics").json();
        assertEquals(new java.math.BigDecimal(guidanceBefore.path("cash").asText()).subtract(
                new java.math.BigDecimal("9000000.00")).toPlainString(), guidanceAfter.path("cash").asText());
        JsonNode stake = client.get(ADMIN, "/api/v1/funds/" + s.guidance() + "/positions").json().path("positions").get(0);
        assertEquals("0.00", stake.path("proceeds").asText(), "9,000,000 received, 9,000,000 paid back");
    }

    @Test
    void refusalsArePreciseAndChangeNothing() {
        Setup s = specFund("SEED");
        String base = "/api/v1/funds/" + s.seed();
        // still holding the company: the liquidation waits for its exit (the preview does not)
        ok(client.get(MANAGER, base + "/first-loss?netProceeds=1000"), 200);
        long before = headSeq(s.seed());
        assertProblem(client.post(MANAGER, base + "/liquidation", "{\"date\":\"2025-01-31\",\"netProceeds\":\"0\"}"),
                409, null);
        assertEquals(before, headSeq(s.seed()));
        exitAll(s, "40000000");
        String digestBefore = digest();
        assertProblem(client.get(MANAGER, base + "/first-loss?netProceeds=-1"), 422, "netProceeds");
        assertProblem(client.get(MANAGER, base + "/first-loss?netProceeds=1&approvedAmount=-5"), 422, "approvedAmount");
        assertProblem(client.get(MANAGER, base + "/first-loss"), 422, "netProceeds");
        assertProblem(client.post(MANAGER, base + "/liquidation", "{\"date\":\"2025-01-31\",\"netProceeds\":\"-1\"}"),
                422, "netProceeds");
        assertProblem(client.post(MANAGER, base + "/liquidation", "{\"date\":\"2025-01-31\",\"netProceeds\":\"50000000\"}"),
                422, "netProceeds");
        assertProblem(client.post(MANAGER, base + "/liquidation", "{\"date\":\"2020-01-31\",\"netProceeds\":\"1\"}"),
                422, "date");
        assertEquals(digestBefore, digest());
        // A has taken far more than its entitlement: it would have to pay back
        ok(client.post(MANAGER, base + "/distributions", """
                {"date":"2024-08-01","amount":"40000000","allocations":[{"partnerCode":"A","amount":"40000000"}]}"""), 201);
        long afterDistribution = headSeq(s.seed());
        assertProblem(client.post(MANAGER, base + "/liquidation", "{\"date\":\"2025-01-31\",\"netProceeds\":\"0\"}"),
                422, "netProceeds");
        String venture = createFund("VENTURE", "Demo Capital");
        assertProblem(client.get(ADMIN, "/api/v1/funds/" + venture + "/first-loss?netProceeds=1"), 422, "fund");
        String lonely = createFund("ANGEL", "Demo Capital");
        partner(lonely, "LP1", "LP", "1000");
        assertProblem(client.get(ADMIN, "/api/v1/funds/" + lonely + "/first-loss?netProceeds=1"), 422, "fund");
        assertEquals(afterDistribution, headSeq(s.seed()));
        assertEquals("ACTIVE", client.get(ADMIN, base).json().path("status").asText());
    }

    @Test
    void anApprovedAmountLimitsTheFirstLoss() {
        Setup s = specFund("SEED");
        exitAll(s, "40000000");
        JsonNode preview = ok(client.get(MANAGER, "/api/v1/funds/" + s.seed()
                + "/first-loss?netProceeds=40000000&approvedAmount=5000000"), 200).json();
        assertEquals("5000000.00", preview.path("guidanceFirstLoss").asText());
        Map<String, JsonNode> p = partners(preview);
        assertEquals("19473684.21", p.get(s.guidance()).path("lossBorne").asText());
        assertEquals("28947368.42", p.get("A").path("lossBorne").asText());
        assertEquals("11578947.37", p.get("B").path("lossBorne").asText());
    }
}
