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
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** 1000-01-01T00:00:00Z and 10000-01-01T00:00:00Z, in seconds of the epoch. */
    private static final long YEAR_1000 = -30_610_224_000L;
    private static final long YEAR_10000 = 253_402_300_800L;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private final MessageDigest sha;
    /**
     * The canonical JSON as UTF-8, written straight into one reused buffer: building it as a
     * string, then copying it out and encoding it, made three copies of every entry (8% of
     * the batch's allocations).
     */
    private byte[] json = new byte[1024];
    private int length;

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
        length = 0;
        ascii("{");
        field("actor").string(actor);
        ascii(",");
        field("date").string(date.toString());
        ascii(",");
        field("fund").string(fund);
        ascii(",");
        field("idempotencyKey").string(idempotencyKey);
        ascii(",\"lines\":[");
        for (int i = 0; i < lines.size(); i++) {
            LineData line = lines.get(i);
            ascii(i == 0 ? "[" : ",[");
            string(line.account());
            ascii(",\"");
            ascii(money(line.debit()));
            ascii("\",\"");
            ascii(money(line.credit()));
            ascii("\"]");
        }
        ascii("],");
        field("linkFund").string(linkFund);
        ascii(",");
        field("linkSeq").number(linkSeq);
        ascii(",");
        field("payload").string(payload);
        ascii(",");
        field("recordedAt").instant(recordedAt);
        ascii(",");
        field("reference").string(reference);
        ascii(",");
        field("reversesSeq").number(reversesSeq);
        ascii(",");
        field("seq").number(seq);
        ascii(",");
        field("type").string(type);
        ascii("}");
        sha.reset();
        sha.update(previousHash.getBytes(StandardCharsets.US_ASCII)); // hex; a tampered one as HashChain reads it
        sha.update(json, 0, length);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The canonical JSON of the last {@link #hash} call, as UTF-8 (for the test that compares it with HashChain's). */
    byte[] lastCanonical() {
        return java.util.Arrays.copyOf(json, length);
    }

    private void room(int more) {
        if (length + more > json.length) {
            json = java.util.Arrays.copyOf(json, Math.max(json.length * 2, length + more));
        }
    }

    private void put(int b) {
        json[length++] = (byte) b;
    }

    /** Text known to be ASCII (names, digits, punctuation). */
    private void ascii(String text) {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            json[length++] = (byte) text.charAt(i);
        }
    }

    private ChainHasher field(String name) {
        room(name.length() + 3);
        put('"');
        ascii(name);
        put('"');
        put(':');
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
        room(32);
        put('"');
        digits(t.getYear(), 4);
        put('-');
        digits(t.getMonthValue(), 2);
        put('-');
        digits(t.getDayOfMonth(), 2);
        put('T');
        digits(t.getHour(), 2);
        put(':');
        digits(t.getMinute(), 2);
        put(':');
        digits(t.getSecond(), 2);
        int nano = at.getNano();
        if (nano != 0) {
            put('.');
            if (nano % 1_000_000 == 0) {
                digits(nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(nano / 1_000, 6);
            } else {
                digits(nano, 9);
            }
        }
        put('Z');
        put('"');
    }

    private void digits(int value, int width) {
        for (int divisor = POWERS_OF_TEN[width - 1]; divisor > 0; divisor /= 10) {
            put('0' + value / divisor % 10);
        }
    }

    private void number(Long value) {
        ascii(value == null ? "null" : value.toString());
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * Jackson's default escaping (quote and backslash escaped, control characters as \b \t
     * \n \f \r or \\u00XX), then UTF-8 as {@link String#getBytes} writes it: a surrogate
     * without its other half as {@code ?}.
     */
    private void string(String value) {
        if (value == null) {
            ascii("null");
            return;
        }
        int size = value.length();
        room(size * 6 + 2); // at most six bytes a character (an escaped control character); three for any other
        put('"');
        for (int i = 0; i < size; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    put('\\');
                }
                put(c);
            } else if (c < 0x20) {
                put('\\');
                switch (c) {
                    case '\b' -> put('b');
                    case '\t' -> put('t');
                    case '\n' -> put('n');
                    case '\f' -> put('f');
                    case '\r' -> put('r');
                    default -> {
                        put('u');
                        put('0');
                        put('0');
                        put(HEX[c >> 4]);
                        put(HEX[c & 0xF]);
                    }
                }
            } else if (c < 0x800) {
                put(0xC0 | c >> 6);
                put(0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < size && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                put(0xF0 | cp >> 18);
                put(0x80 | cp >> 12 & 0x3F);
                put(0x80 | cp >> 6 & 0x3F);
                put(0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                put('?');
            } else {
                put(0xE0 | c >> 12);
                put(0x80 | c >> 6 & 0x3F);
                put(0x80 | c & 0x3F);
            }
        }
        put('"');
    }
}
