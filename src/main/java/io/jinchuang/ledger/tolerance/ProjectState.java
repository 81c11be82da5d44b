package io.jinchuang.ledger.tolerance;

/** SPEC §8 positions: a holding's state as of a date; FAILED follows the fund's failure basis. */
public enum ProjectState {
    HELD,
    EXITED,
    FAILED
}
