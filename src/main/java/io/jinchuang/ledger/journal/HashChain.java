package io.jinchuang.ledger.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jinchuang.ledger.money.Money;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-fund SHA-256 chain: hash = SHA-256(previous hash ‖ canonical content), where the
 * canonical content is JSON with sorted keys, amounts as 2-digit strings and the
 * recorded-at instant in UTC to the microsecond (what both databases store exactly).
 */
public final class HashChain {
    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private HashChain() {}

    /** The fields an entry's hash covers. */
    public record Content(String fund, long seq, LocalDate date, Instant recordedAt, String type, String actor,
                          String idempotencyKey, String reference, Long reversesSeq, String linkFund, Long linkSeq,
                          String payload, List<Line> lines) {}

    public static String canonical(Content c) {
        Map<String, Object> map = new TreeMap<>();
        map.put("fund", c.fund());
        map.put("seq", c.seq());
        map.put("date", c.date().toString());
        map.put("recordedAt", c.recordedAt().toString());
        map.put("type", c.type());
        map.put("actor", c.actor());
        map.put("idempotencyKey", c.idempotencyKey());
        map.put("reference", c.reference());
        map.put("reversesSeq", c.reversesSeq());
        map.put("linkFund", c.linkFund());
        map.put("linkSeq", c.linkSeq());
        map.put("payload", c.payload());
        List<List<String>> lines = new ArrayList<>();
        for (Line line : c.lines()) {
            lines.add(List.of(line.account(), Money.format(line.debit()), Money.format(line.credit())));
        }
        map.put("lines", lines);
        try {
            return CANONICAL.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hash(String previousHash, Content content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha.update(canonical(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Canonical JSON of an entry's payload (sorted keys), as stored and hashed. */
    public static String payloadJson(Map<String, Object> payload) {
        try {
            return CANONICAL.writeValueAsString(new TreeMap<>(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
