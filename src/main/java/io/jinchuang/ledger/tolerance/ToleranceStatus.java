package io.jinchuang.ledger.tolerance;

/** SPEC §4: where a fund's failure rate stands against its tolerance threshold. */
public enum ToleranceStatus {
    /** At or below the warning rate. */
    WITHIN,
    /** Above the warning rate, at or below the threshold: still tolerated, but close. */
    WARNING,
    /** Above the threshold: the 80% tolerance no longer covers the fund (exemptions go to review). */
    BREACH
}
