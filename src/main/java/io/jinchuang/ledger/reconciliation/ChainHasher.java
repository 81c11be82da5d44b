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
    /** 1000-01-01T00:00:00Z and 10000-01-01T00:00:00Z, in seconds of the epoch. */
    private static final long YEAR_1000 = -30_610_224_000L;
    private static final long YEAR_10000 = 253_402_300_800L;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
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
        field("recordedAt").instant(recordedAt);
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

    /**
     * {@link Instant#toString} (ISO-8601 in UTC, the fraction in groups of three digits, none
     * when zero) written here for the years 1000–9999: the formatter was an eighth of the hash.
     */
    private void instant(Instant at) {
        if (at.getEpochSecond() < YEAR_1000 || at.getEpochSecond() >= YEAR_10000) {
            string(at.toString());
            return;
        }
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0,
                java.time.ZoneOffset.UTC);
        json.append('"').append(t.getYear()).append('-');
        digits(t.getMonthValue(), 2).append('-');
        digits(t.getDayOfMonth(), 2).append('T');
        digits(t.getHour(), 2).append(':');
        digits(t.getMinute(), 2).append(':');
        digits(t.getSecond(), 2);
        int nano = at.getNano();
        if (nano != 0) {
            json.append('.');
            if (nano % 1_000_000 == 0) {
                digits(nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(nano / 1_000, 6);
            } else {
                digits(nano, 9);
            }
        }
        json.append("Z\"");
    }

    private StringBuilder digits(int value, int width) {
        for (int divisor = POWERS_OF_TEN[width - 1]; divisor > 0; divisor /= 10) {
            json.append((char) ('0' + value / divisor % 10));
        }
        return json;
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
        int length = value.length();
        int run = 0; // text needing no escape is copied in runs: a payload is JSON, full of quotes
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            json.append(value, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        json.append(value, run, length);
        json.append('"');
    }
}
