package io.jinchuang.ledger.exemption;

/** SPEC §5: the outcome for one role and one failed project. */
public enum Determination {
    /** 可予免责: every condition met and the fund within its tolerance. */
    ELIGIBLE,
    /** 不予免责: a condition is unmet (the unmet ones are the reasons). */
    NOT_ELIGIBLE,
    /** 个案审查: every condition met, but the fund is in BREACH, so the tolerance no longer covers it. */
    REVIEW_REQUIRED
}
