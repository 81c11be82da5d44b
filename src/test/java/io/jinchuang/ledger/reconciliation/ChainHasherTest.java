package io.jinchuang.ledger.reconciliation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jinchuang.ledger.journal.HashChain;
import io.jinchuang.ledger.journal.Line;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The batch's hasher writes exactly HashChain's canonical bytes, whatever the text holds (fixed seed). */
class ChainHasherTest {
    private static final String ALPHABET = "aZ09 .:-_/\"\\\b\t\n\f\r\u0000\u0001\u001f\u007f\u0080\u00e9\u07ff\u0800"
            + "\u4e2d\u6587\u2028\uffff"
            + "\ud83d\ude00{}[],\ud800x"; // the last: an unpaired surrogate, which UTF-8 writes as '?'

    @Test
    void writesTheSameBytesAsHashChainForRandomContent() {
        Random random = new Random(20251231L);
        ChainHasher hasher = new ChainHasher();
        for (int i = 0; i < 5_000; i++) {
            List<Line> lines = new ArrayList<>();
            List<ChainHasher.LineData> data = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000_000_000) + 1L, 2);
                Line line = random.nextBoolean() ? Line.debit(text(random), amount) : Line.credit(text(random), amount);
                lines.add(line);
                data.add(new ChainHasher.LineData(line.account(), line.debit(), line.credit()));
            }
            String fund = text(random);
            long seq = random.nextInt(1_000_000) + 1;
            LocalDate date = LocalDate.of(2000 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28));
            Instant at = instant(random);
            String type = text(random);
            String actor = text(random);
            String key = random.nextBoolean() ? null : text(random);
            String reference = random.nextBoolean() ? null : text(random);
            Long reverses = random.nextBoolean() ? null : (long) random.nextInt(1000);
            String linkFund = random.nextBoolean() ? null : text(random);
            Long linkSeq = random.nextBoolean() ? null : (long) random.nextInt(1000);
            String payload = text(random);
            // a previous hash is hex; a tampered one may hold anything (US-ASCII writes the rest as '?')
            String previous = random.nextInt(10) == 0 ? text(random) : HashChain.GENESIS;
            HashChain.Content content = new HashChain.Content(fund, seq, date, at, type, actor, key, reference, reverses,
                    linkFund, linkSeq, payload, lines);
            String hash = hasher.hash(previous, fund, seq, date, at, type, actor, key, reference, reverses, linkFund,
                    linkSeq, payload, data);
            assertArrayEquals(HashChain.canonical(content).getBytes(StandardCharsets.UTF_8), hasher.lastCanonical(),
                    "case " + i);
            assertEquals(HashChain.hash(previous, content), hash, "case " + i);
        }
    }

    /**
     * Whole seconds, milli-, micro- and nanoseconds (each printed differently), any year from
     * 1000 to 9999 (written by the hasher itself), and years before and after them.
     */
    private static Instant instant(Random random) {
        long second = switch (random.nextInt(10)) {
            case 0 -> 253_402_300_800L + random.nextInt(1_000_000); // 10000-01-01 on
            case 1 -> -30_610_224_000L - 1 - random.nextInt(1_000_000); // before 1000-01-01
            case 2 -> random.nextBoolean() ? Instant.MAX.getEpochSecond() : Instant.MIN.getEpochSecond();
            default -> -30_610_224_000L + (long) (random.nextDouble() * (253_402_300_800L + 30_610_224_000L));
        };
        long nano = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000L;
            case 2 -> random.nextInt(1_000_000) * 1_000L;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(second, nano);
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        // now and then longer than the hasher's first buffer (1,024 chars)
        for (int n = random.nextInt(50) == 0 ? 1_000 + random.nextInt(3_000) : random.nextInt(12); n > 0; n--) {
            int at = random.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(at);
            if (Character.isHighSurrogate(c) && at + 1 < ALPHABET.length()) {
                text.append(c).append(ALPHABET.charAt(at + 1));
            } else {
                text.append(c); // a low surrogate picked alone stays alone: '?' too
            }
        }
        return text.toString();
    }
}
