package io.jinchuang.ledger.tolerance;

/**
 * SPEC §4: which projects count for a fund. {@code LOOK_THROUGH} differs from {@code DIRECT}
 * only for a guidance fund, whose sub-funds' projects then count as its own.
 */
public enum Scope {
    /** The fund's own projects (companies it invested in; never its stakes in sub-funds). */
    DIRECT,
    /** A guidance fund's own projects plus every project of every fund it is the GUIDANCE partner of. */
    LOOK_THROUGH
}
