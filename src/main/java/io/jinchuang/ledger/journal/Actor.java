package io.jinchuang.ledger.journal;

/** Who posts (the token's name), with the request's idempotency key and bank reference. */
public record Actor(String name, String idempotencyKey, String reference) {
    public static Actor system(String name) {
        return new Actor(name, null, null);
    }

    public Actor withReference(String bankReference) {
        return new Actor(name, idempotencyKey, bankReference);
    }
}
