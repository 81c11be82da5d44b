package io.jinchuang.ledger.journal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An entry about to be posted. {@code payload} holds the event's business fields (they are
 * hashed with the lines); {@code link} names the counterpart entry in another fund's chain.
 */
public record NewEntry(
        String fundCode,
        LocalDate date,
        EntryType type,
        String actor,
        String idempotencyKey,
        String reference,
        Long reversesSeq,
        EntryRef link,
        Map<String, Object> payload,
        List<Line> lines) {

    public static NewEntry of(String fundCode, LocalDate date, EntryType type, Actor actor,
                              Map<String, Object> payload, List<Line> lines) {
        return new NewEntry(fundCode, date, type, actor.name(), actor.idempotencyKey(), actor.reference(),
                null, null, payload, lines);
    }

    public NewEntry withLink(EntryRef counterpart) {
        return new NewEntry(fundCode, date, type, actor, idempotencyKey, reference, reversesSeq, counterpart, payload, lines);
    }

    public NewEntry withReference(String bankReference) {
        return new NewEntry(fundCode, date, type, actor, idempotencyKey, bankReference, reversesSeq, link, payload, lines);
    }
}
