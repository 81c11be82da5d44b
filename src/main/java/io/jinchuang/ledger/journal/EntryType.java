package io.jinchuang.ledger.journal;

/** What a journal entry records. Memo entries (no lines) still sit in the hash chain. */
public enum EntryType {
    FUND_OPENED,
    PARTNER_ADMITTED,
    CAPITAL_CALL,
    /** a guidance fund's side of a sub-fund's capital call: its investment in the sub-fund */
    SUBFUND_CONTRIBUTION,
    INVESTMENT,
    EXIT,
    VALUATION,
    MONITORING_REPORT,
    DISTRIBUTION,
    /** a guidance fund's side of a sub-fund's distribution: cash back from its stake */
    SUBFUND_DISTRIBUTION,
    LIQUIDATION,
    SUBFUND_LIQUIDATION,
    REVERSAL
}
