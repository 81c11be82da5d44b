package io.jinchuang.ledger.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jinchuang.ledger.db.tables.records.JournalEntryRecord;
import io.jinchuang.ledger.journal.Line;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.money.Ratio;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Response bodies: ordered maps with amounts as 2-digit strings and ratios as 4-digit strings. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private Json() {}

    /** obj("a", 1, "b", 2): an ordered JSON object. */
    public static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static String money(BigDecimal amount) {
        return amount == null ? null : Money.format(amount);
    }

    public static String ratio(BigDecimal ratio) {
        return Ratio.format(ratio);
    }

    public static String instant(java.time.OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC).format(INSTANT);
    }

    public static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response body that cannot be written as JSON", e);
        }
    }

    public static Map<String, Object> entry(JournalEntryRecord row, List<Line> lines) {
        List<Map<String, Object>> lineList = new ArrayList<>();
        for (Line line : lines) {
            lineList.add(obj("account", line.account(), "debit", money(line.debit()), "credit", money(line.credit())));
        }
        Map<String, Object> entry = obj("fund", row.getFundCode(), "seq", row.getSeq(),
                "date", row.getEntryDate().toString(), "recordedAt", instant(row.getRecordedAt()),
                "type", row.getType(), "actor", row.getActor(), "idempotencyKey", row.getIdempotencyKey(),
                "reference", row.getReference(),
                "reversesSeq", row.getReversesSeq());
        if (row.getLinkFund() != null) {
            entry.put("link", obj("fund", row.getLinkFund(), "seq", row.getLinkSeq()));
        }
        try {
            entry.put("details", MAPPER.readValue(row.getPayload(), Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored payload is not JSON", e);
        }
        entry.put("lines", lineList);
        entry.put("prevHash", row.getPrevHash());
        entry.put("hash", row.getHash());
        return entry;
    }
}
