package io.jinchuang.ledger.reconciliation;

import io.jinchuang.ledger.journal.HashChain;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * The entry hash of {@link HashChain}, computed without building a map and a JSON tree per
 * entry and with one reused digest: the year-end batch hashes every entry of the ledger. It
 * writes the same bytes as {@link HashChain#canonical} (sorted keys, Jackson's escaping; a
 * test holds the two together) and is only ever trusted to say "equal": when it disagrees
 * with a stored hash, the batch asks {@link HashChain} itself before calling it a break.
 */
final class ChainHasher {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private final MessageDigest sha;
    private final StringBuilder json = new StringBuilder(1024);

    ChainHasher() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** One line as stored: account, debit, credit (scale 2). */
    record LineData(String account, BigDecimal debit, BigDecimal credit) {}

    String hash(String previousHash, String fund, long seq, LocalDate date, Instant recordedAt, String type,
                String actor, String idempotencyKey, String reference, Long reversesSeq, String linkFund,
                Long linkSeq, String payload, java.util.List<LineData> lines) {
        json.setLength(0);
        json.append('{');
        field("actor").string(actor);
        json.append(',');
        field("date").string(date.toString());
        json.append(',');
        field("fund").string(fund);
        json.append(',');
        field("idempotencyKey").string(idempotencyKey);
        json.append(",\"lines\":[");
        for (int i = 0; i < lines.size(); i++) {
            LineData line = lines.get(i);
            json.append(i == 0 ? "[" : ",[");
            string(line.account());
            json.append(",\"").append(money(line.debit())).append("\",\"").append(money(line.credit())).append("\"]");
        }
        json.append("],");
        field("linkFund").string(linkFund);
        json.append(',');
        field("linkSeq").number(linkSeq);
        json.append(',');
        field("payload").string(payload);
        json.append(',');
        field("recordedAt").string(recordedAt.toString());
        json.append(',');
        field("reference").string(reference);
        json.append(',');
        field("reversesSeq").number(reversesSeq);
        json.append(',');
        field("seq").number(seq);
        json.append(',');
        field("type").string(type);
        json.append('}');
        sha.reset();
        sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        sha.update(json.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The canonical JSON of the last {@link #hash} call (for the test that compares it with HashChain's). */
    String lastCanonical() {
        return json.toString();
    }

    private ChainHasher field(String name) {
        json.append('"').append(name).append("\":");
        return this;
    }

    private void number(Long value) {
        json.append(value == null ? "null" : value.toString());
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Jackson's default: quote and backslash escaped, control characters as \b \t \n \f \r or \\u00XX. */
    private void string(String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        int plain = 0;
        while (plain < value.length() && value.charAt(plain) >= 0x20 && value.charAt(plain) != '"'
                && value.charAt(plain) != '\\') {
            plain++;
        }
        json.append(value, 0, plain); // most text needs no escape: copied at once
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
