package io.jinchuang.ledger.money;

/**
 * Assertions that always run (Java's assert is off by default). A failed check is a
 * programmer error, never a bad request: it must fail loudly, not answer 4xx.
 */
public final class Check {
    private Check() {}

    public static void that(boolean condition, String invariant) {
        if (!condition) {
            throw new AssertionError("invariant broken: " + invariant);
        }
    }
}
